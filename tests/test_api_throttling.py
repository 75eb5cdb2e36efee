"""The rate limits: anonymous clients by address, accounts by id at their own higher rate; a 429 says when to retry."""

import pytest
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

pytestmark = pytest.mark.usefixtures("seeded")

TIMELINE = "/api/v1/timeline/"


@pytest.fixture
def token(db) -> str:
    user = get_user_model().objects.create_user("reader", password="unused")
    return Token.objects.create(user=user).key


@pytest.fixture
def rates(monkeypatch):
    """Set the anonymous and authenticated rates (DRF reads them when the class is defined: patch the class)."""

    def set_rates(*, anonymous: str, authenticated: str) -> None:
        monkeypatch.setattr(AnonRateThrottle, "rate", anonymous, raising=False)
        monkeypatch.setattr(UserRateThrottle, "rate", authenticated, raising=False)

    return set_rates


def test_authenticated_reads_are_throttled_at_their_own_higher_rate(api, rates, token):
    rates(anonymous="1/minute", authenticated="3/minute")
    authorization = {"HTTP_AUTHORIZATION": f"Token {token}"}

    statuses = [api.get(TIMELINE, **authorization).status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]
    response = api.get(TIMELINE, **authorization)
    assert response["Content-Type"] == "application/problem+json"
    assert 1 <= int(response["Retry-After"]) <= 60


def test_an_account_does_not_use_up_the_anonymous_rate_of_its_address(api, rates, token):
    rates(anonymous="1/minute", authenticated="3/minute")
    for _ in range(3):
        api.get(TIMELINE, HTTP_AUTHORIZATION=f"Token {token}")

    assert api.get(TIMELINE).status_code == 200


def test_a_429_carries_retry_after_even_after_the_rate_was_lowered(api, rates):
    rates(anonymous="5/minute", authenticated="10/minute")
    assert [api.get(TIMELINE).status_code for _ in range(5)] == [200] * 5

    rates(anonymous="2/minute", authenticated="10/minute")
    response = api.get(TIMELINE)

    assert response.status_code == 429
    assert 1 <= int(response["Retry-After"]) <= 60


def test_the_default_authenticated_rate_is_higher_than_the_anonymous_one(settings):
    def per_minute(rate: str) -> float:
        count, period = rate.split("/")
        return int(count) / {"second": 1 / 60, "minute": 1, "hour": 60, "day": 1440}[period]

    rates = settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]

    assert per_minute(rates["user"]) > per_minute(rates["anon"])
