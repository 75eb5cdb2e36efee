"""HTTP around the API: conditional requests and caching headers, CORS, and the anonymous rate limit."""

import time

import pytest
from django.contrib.auth import get_user_model
from django.utils.http import http_date, parse_http_date
from rest_framework.authtoken.models import Token
from rest_framework.throttling import AnonRateThrottle

from timeline.api.throttling import AnonymousRateThrottle
from timeline.models import Event, Statement, Topic, Venue

pytestmark = pytest.mark.usefixtures("seeded")

TIMELINE = "/api/v1/timeline/"
READS = [
    "/api/v1/timeline/",
    "/api/v1/events/",
    "/api/v1/events/uae-talks-second-round/",
    "/api/v1/venues/",
    "/api/v1/timeline/?format=csv",
    "/api/v1/timeline/?format=ics",
    "/api/v1/timeline/?format=timelinejs",
    "/api/v1/venues/?format=geojson",
]
ALLOWED_ORIGIN = "https://timeline.example.org"


def validators(response) -> tuple[str, int]:
    assert response.status_code == 200, response.content
    return response["ETag"], parse_http_date(response["Last-Modified"])


def settled(api, clock, url: str) -> tuple[str, int]:
    """The validators of `url` once the second of the last change (loading the seed data) is over."""
    api.get(url)
    clock.advance()
    return validators(api.get(url))


# --- Conditional requests ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", READS)
def test_a_read_answers_304_to_its_own_etag_with_the_same_validators(api, url):
    first = api.get(url)
    etag, _ = validators(first)

    again = api.get(url, HTTP_IF_NONE_MATCH=etag)

    # An item's ETag is strong (its version, tests/test_etags.py); a list's is a weak hash of its body.
    assert etag.startswith('"event-' if url.endswith("-round/") else 'W/"')
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    # Equal once the second of the last change is over; until then the header is capped at "now".
    assert parse_http_date(again["Last-Modified"]) >= parse_http_date(first["Last-Modified"])
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Vary"] == first["Vary"]


def test_if_none_match_compares_weakly_and_matches_a_star(api):
    etag, _ = validators(api.get(TIMELINE))

    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag.removeprefix("W/")).status_code == 304
    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH=f'"other", {etag}').status_code == 304
    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH="*").status_code == 304
    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH='W/"other"').status_code == 200


def test_head_is_conditional_too(api):
    etag, _ = validators(api.get(TIMELINE))

    assert api.head(TIMELINE, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_changing_an_event_gives_a_new_etag_and_a_later_last_modified(api, clock):
    etag, last_modified = settled(api, clock, TIMELINE)
    event = Event.objects.get(slug="uae-talks-second-round")
    event.title = "Second round of talks in Abu Dhabi"
    event.save()
    clock.advance()

    changed = api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag)

    new_etag, new_last_modified = validators(changed)
    assert new_etag != etag
    assert new_last_modified > last_modified
    assert "Second round of talks in Abu Dhabi" in changed.content.decode()
    assert api.get(TIMELINE, HTTP_IF_NONE_MATCH=new_etag).status_code == 304


def test_if_modified_since_alone_answers_304_until_something_changes(api, clock):
    since = http_date(settled(api, clock, TIMELINE)[1])

    assert api.get(TIMELINE, HTTP_IF_MODIFIED_SINCE=since).status_code == 304
    Statement.objects.get(slug="conflict-entering-third-year").delete()
    assert api.get(TIMELINE, HTTP_IF_MODIFIED_SINCE=since).status_code == 200


def test_a_change_in_the_same_second_as_a_read_is_never_answered_304(api):
    """The HTTP date of a change can equal the date a client was given: that client must still get a 200."""
    dated = api.get(TIMELINE)["Last-Modified"]
    Statement.objects.get(slug="conflict-entering-third-year").delete()

    assert api.get(TIMELINE, HTTP_IF_MODIFIED_SINCE=dated).status_code == 200


def test_if_modified_since_is_ignored_when_if_none_match_is_present(api, clock):
    since = http_date(settled(api, clock, TIMELINE)[1])

    response = api.get(TIMELINE, HTTP_IF_NONE_MATCH='W/"stale"', HTTP_IF_MODIFIED_SINCE=since)

    assert response.status_code == 200


def test_deleting_an_item_changes_the_etag_and_last_modified_of_the_list(api, clock):
    etag, last_modified = settled(api, clock, TIMELINE)
    Statement.objects.get(slug="conflict-entering-third-year").delete()
    assert api.get(TIMELINE, HTTP_IF_MODIFIED_SINCE=http_date(last_modified)).status_code == 200
    clock.advance()

    new_etag, new_last_modified = validators(api.get(TIMELINE, HTTP_IF_NONE_MATCH=etag))
    assert new_etag != etag
    assert new_last_modified > last_modified


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda: Venue.objects.get(slug="united-arab-emirates").save(), id="embedded venue saved"),
        pytest.param(
            lambda: Event.objects.get(slug="uae-talks-second-round").topics.remove(
                Topic.objects.get(slug="prisoners-of-war")
            ),
            id="topic removed",
        ),
        pytest.param(
            lambda: Event.objects.get(slug="uae-talks-second-round").participations.first().delete(),
            id="participant removed",
        ),
    ],
)
def test_a_change_to_an_embedded_object_moves_last_modified_of_the_detail(api, change, clock):
    url = "/api/v1/events/uae-talks-second-round/"
    _, last_modified = settled(api, clock, url)
    assert api.get(url, HTTP_IF_MODIFIED_SINCE=http_date(last_modified)).status_code == 304

    change()

    assert api.get(url, HTTP_IF_MODIFIED_SINCE=http_date(last_modified)).status_code == 200
    clock.advance()
    assert parse_http_date(api.get(url)["Last-Modified"]) > last_modified


def test_renaming_an_embedded_venue_changes_the_etag_of_the_event(api):
    url = "/api/v1/events/uae-talks-second-round/"
    etag, _ = validators(api.get(url))
    venue = Venue.objects.get(slug="united-arab-emirates")
    venue.name = "UAE"
    venue.save()

    assert api.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_last_modified_is_never_later_than_the_response(api):
    before = int(time.time())
    Event.objects.get(slug="uae-talks-second-round").save()

    assert parse_http_date(api.get(TIMELINE)["Last-Modified"]) <= max(before, int(time.time()))


# --- Cache-Control and Vary ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", READS)
def test_anonymous_reads_are_public_for_the_configured_time(api, settings, url):
    assert api.get(url)["Cache-Control"] == "public, max-age=60"
    settings.API_CACHE_MAX_AGE = 300
    assert api.get(url)["Cache-Control"] == "public, max-age=300"


def test_authenticated_reads_are_private(api):
    user = get_user_model().objects.create_user("editor", password="unused-in-this-test")
    token = Token.objects.create(user=user)

    response = api.get(TIMELINE, HTTP_AUTHORIZATION=f"Token {token.key}")

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_errors_are_not_stored(api):
    assert api.get("/api/v1/events/no-such-event/")["Cache-Control"] == "no-store"
    assert api.get(TIMELINE, {"date_after": "bad"})["Cache-Control"] == "no-store"


@pytest.mark.parametrize("url", [*READS, "/api/v1/events/no-such-event/"])
def test_api_responses_vary_on_accept_origin_and_authorization(api, url):
    vary = {value.strip().lower() for value in api.get(url)["Vary"].split(",")}

    assert {"accept", "origin", "authorization"} <= vary


def test_the_browsable_api_is_never_public(api):
    # Outside debug there is no HTML representation at all; in debug its pages are `private` (see caching).
    response = api.get(TIMELINE, HTTP_ACCEPT="text/html")

    assert response.status_code == 406
    assert "public" not in response["Cache-Control"]


# --- CORS ------------------------------------------------------------------------------------------------


def preflight(api, origin: str):
    return api.options(
        TIMELINE,
        HTTP_ORIGIN=origin,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )


def test_cors_preflight_from_an_allowed_origin_allows_conditional_requests(api, settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED_ORIGIN]

    response = preflight(api, ALLOWED_ORIGIN)

    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    assert "if-none-match" in response["Access-Control-Allow-Headers"].lower()
    assert "GET" in response["Access-Control-Allow-Methods"]
    assert "Access-Control-Allow-Credentials" not in response


def test_cors_preflight_from_another_origin_is_refused(api, settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED_ORIGIN]

    response = preflight(api, "https://elsewhere.example.com")

    assert "Access-Control-Allow-Origin" not in response
    assert "Access-Control-Allow-Headers" not in response


def test_cors_reads_expose_the_caching_and_rate_limit_headers(api, settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED_ORIGIN]

    response = api.get(TIMELINE, HTTP_ORIGIN=ALLOWED_ORIGIN)

    assert response["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN
    exposed = {value.strip().lower() for value in response["Access-Control-Expose-Headers"].split(",")}
    assert {"etag", "last-modified", "retry-after"} <= exposed
    assert "Access-Control-Allow-Credentials" not in response
    refused = api.get(TIMELINE, HTTP_ORIGIN="https://elsewhere.example.com")
    assert "Access-Control-Allow-Origin" not in refused


def test_a_304_carries_the_cors_headers(api, settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED_ORIGIN]
    etag, _ = validators(api.get(TIMELINE, HTTP_ORIGIN=ALLOWED_ORIGIN))

    response = api.get(TIMELINE, HTTP_ORIGIN=ALLOWED_ORIGIN, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response["Access-Control-Allow-Origin"] == ALLOWED_ORIGIN


# --- Throttling ------------------------------------------------------------------------------------------


@pytest.fixture
def two_a_minute(monkeypatch):
    # DRF reads the rates when the throttle class is defined: patch the class, not the settings.
    monkeypatch.setattr(AnonRateThrottle, "rate", "2/minute", raising=False)


@pytest.mark.usefixtures("two_a_minute")
def test_anonymous_reads_over_the_rate_get_429_problem_details_with_retry_after(api):
    assert api.get(TIMELINE).status_code == 200
    assert api.get("/api/v1/events/").status_code == 200

    response = api.get(TIMELINE)

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/too-many-requests"
    assert 1 <= int(response["Retry-After"]) <= 60
    assert response["Cache-Control"] == "no-store"


@pytest.mark.usefixtures("two_a_minute")
def test_exports_count_against_the_rate_too(api):
    api.get(TIMELINE, {"format": "csv"})
    api.get(TIMELINE, {"format": "ics"})

    response = api.get(TIMELINE, {"format": "timelinejs"})

    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.usefixtures("two_a_minute")
def test_healthz_is_never_throttled(api):
    api.get(TIMELINE)
    api.get(TIMELINE)
    assert api.get(TIMELINE).status_code == 429

    assert [api.get("/healthz").status_code for _ in range(5)] == [200] * 5


@pytest.mark.usefixtures("two_a_minute")
def test_a_forged_x_forwarded_for_does_not_escape_the_rate_by_default(api):
    statuses = [api.get(TIMELINE, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code for n in range(3)]

    assert statuses == [200, 200, 429]


@pytest.mark.usefixtures("two_a_minute")
def test_behind_a_proxy_each_client_address_has_its_own_rate(api, settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}

    def status(client_address: str) -> int:
        # The proxy appends the address it saw; what the client sent itself comes before and is ignored.
        return api.get(TIMELINE, HTTP_X_FORWARDED_FOR=f"198.51.100.9, {client_address}").status_code

    assert [status("203.0.113.1") for _ in range(3)] == [200, 200, 429]
    assert status("203.0.113.2") == 200


def test_a_failed_if_match_precondition_is_a_412_problem(api):
    response = api.get("/api/v1/events/", HTTP_IF_MATCH='"something-else"')

    assert response.status_code == 412
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/precondition-failed"


class UnreachableCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("cache is down")

    set = add = get


@pytest.mark.usefixtures("two_a_minute")
def test_reads_still_work_when_the_cache_that_counts_them_is_down(api, monkeypatch):
    monkeypatch.setattr(AnonymousRateThrottle, "cache", UnreachableCache())

    assert [api.get(TIMELINE).status_code for _ in range(3)] == [200, 200, 200]
