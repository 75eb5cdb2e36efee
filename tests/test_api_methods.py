"""A method a route never supports is a 405 problem for whoever asks; routes editors write to ask for a token."""

import pytest

pytestmark = pytest.mark.usefixtures("seeded")

NEVER_WRITTEN = [
    ("delete", "/api/v1/problems/"),
    ("post", "/api/v1/problems/not-found"),
    ("post", "/api/v1/timeline/"),
    ("put", "/api/v1/timeline/"),
    ("post", "/api/v1/actors/alexander-grushko/timeline/"),
    ("post", "/api/v1/"),
    ("delete", "/api/v1/"),
    ("post", "/api/schema/"),
    ("patch", "/api/v1/statements/"),
    ("post", "/api/v1/events/uae-talks-first-round/"),
]
EDITOR_WRITES = [
    ("post", "/api/v1/events/"),
    ("put", "/api/v1/events/uae-talks-first-round/"),
    ("patch", "/api/v1/statements/moscow-demands-reciprocal-guarantees/"),
    ("delete", "/api/v1/actors/alexander-grushko/"),
    ("post", "/api/v1/venues/"),
    ("post", "/api/v1/topics/"),
    ("post", "/api/v1/sources/"),
]


@pytest.mark.parametrize(("method", "url"), NEVER_WRITTEN)
def test_a_method_the_route_never_supports_is_a_405_problem_with_allow_before_authentication(api, method, url):
    response = getattr(api, method)(url)

    assert response.status_code == 405, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/method-not-allowed"
    assert "GET" in response["Allow"] and method.upper() not in response["Allow"]
    assert response["Cache-Control"] == "no-store"


@pytest.mark.parametrize(("method", "url"), EDITOR_WRITES)
def test_an_anonymous_write_to_a_route_editors_write_to_asks_for_a_token(api, method, url):
    response = getattr(api, method)(url)

    assert response.status_code == 401, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/not-authenticated"


def test_head_on_healthz_answers_like_get(api):
    response = api.head("/healthz")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
