"""Every route under /api/ accepts exactly its documented parameters; odd input is a 400 naming it, never a 500."""

import base64
from urllib.parse import parse_qs, urlsplit

import pytest

pytestmark = pytest.mark.usefixtures("seeded")


def assert_problem_naming(response, parameter: str) -> None:
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert parameter in {error["parameter"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    "url",
    ["/api/v1/timeline/?=1", "/api/v1/topics/?=", "/api/v1/events/uae-talks-first-round/?=1", "/api/v1/?=x"],
)
def test_a_parameter_with_an_empty_name_is_a_400_problem(api, url):
    assert_problem_naming(api.get(url), "(empty name)")


@pytest.mark.parametrize("value", ["%C2%B2", "%D9%A3", "%EF%BC%93", "9" * 40])
@pytest.mark.parametrize(("path", "parameter"), [("/api/v1/timeline/", "page_size"), ("/api/v1/actors/", "page")])
def test_only_ascii_digits_are_numbers(api, path, parameter, value):
    assert_problem_naming(api.get(f"{path}?{parameter}={value}"), parameter)


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/timeline/?page=2",
        "/api/v1/actors/?cursor=x",
        "/api/v1/events/uae-talks-first-round/?page_size=999",
        "/api/v1/actors/alexander-grushko/?page=abc",
        "/api/v1/problems/?foo=1",
        "/api/v1/problems/not-found?foo=1",
        "/api/v1/?foo=bar",
        "/api/schema/?foo=1",
        "/api/docs/?foo=1",
    ],
)
def test_a_parameter_the_route_does_not_document_is_refused(api, url):
    name = next(iter(parse_qs(urlsplit(url).query)))
    assert_problem_naming(api.get(url), name)


@pytest.mark.parametrize(
    "query",
    ["venue=nope&venue=united-states", "page_size=500&page_size=1", "ordering=date&ordering=date", "q=a&q=b"],
)
def test_a_single_valued_parameter_given_twice_is_a_400(api, query):
    assert_problem_naming(api.get(f"/api/v1/timeline/?{query}"), query.split("=")[0])


def test_a_repeatable_parameter_takes_several_values(api):
    response = api.get("/api/v1/timeline/?type=event&type=statement&topic=nato-membership&topic=security-guarantees")

    assert response.status_code == 200, response.content


BLANK_VALUES = ["venue=", "date_after=", "dated=", "ordering=", "format=", "country=%20", "q=%20%20"]


@pytest.mark.parametrize("query", BLANK_VALUES)
def test_an_empty_or_blank_value_is_a_400_naming_the_parameter(api, query):
    assert_problem_naming(api.get(f"/api/v1/timeline/?{query}"), query.split("=")[0])


def test_format_is_accepted_on_every_route(api):
    for url in ("/api/v1/", "/api/v1/problems/", "/api/v1/events/uae-talks-first-round/", "/api/v1/actors/"):
        assert api.get(url, {"format": "json"}).status_code == 200, url


def nested_cursor() -> str:
    return base64.urlsafe_b64encode(b"[" * 1500).decode()


def forged_cursor(payload: bytes) -> str:
    return base64.urlsafe_b64encode(payload).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        nested_cursor(),
        forged_cursor(b'{"k":"\xd9\xa3026-02-10/2026-02-10/00000001","t":"event","i":1,"b":false}'),
        forged_cursor(b'{"k":"2026-02-10/2026-02-10/00000001","t":"event","i":1,"b":false}'),
        "eyJrIjoxfQ:forged-signature",
    ],
)
def test_a_cursor_we_did_not_issue_is_a_400_cursor_problem(api, cursor):
    assert_problem_naming(api.get("/api/v1/timeline/", {"cursor": cursor}), "cursor")


def next_cursor(api, path: str, **params) -> str:
    next_link = api.get(path, {"page_size": 2, **params}).json()["next"]
    return parse_qs(urlsplit(next_link).query)["cursor"][0]


def test_a_cursor_used_on_another_list_is_a_400(api):
    cursor = next_cursor(api, "/api/v1/events/")

    assert_problem_naming(api.get("/api/v1/statements/", {"cursor": cursor}), "cursor")
    assert_problem_naming(api.get("/api/v1/timeline/", {"cursor": cursor}), "cursor")


def test_a_cursor_used_with_other_filters_or_ordering_is_a_400(api):
    cursor = next_cursor(api, "/api/v1/timeline/", type="event")

    assert_problem_naming(api.get("/api/v1/timeline/", {"cursor": cursor, "type": "statement"}), "cursor")
    assert_problem_naming(api.get("/api/v1/timeline/", {"cursor": cursor}), "cursor")
    reordered = {"cursor": cursor, "type": "event", "ordering": "-date"}
    assert_problem_naming(api.get("/api/v1/timeline/", reordered), "cursor")


def test_a_cursor_is_not_bound_to_the_page_size(api):
    cursor = next_cursor(api, "/api/v1/timeline/", type="event")

    response = api.get("/api/v1/timeline/", {"cursor": cursor, "type": "event", "page_size": 5})

    assert response.status_code == 200, response.content
    assert len(response.json()["results"]) == 5


def test_item_urls_and_links_never_carry_the_format(api):
    body = api.get("/api/v1/timeline/", {"format": "json", "page_size": 2, "type": "event"}).json()
    actor = api.get("/api/v1/actors/alexander-grushko/", {"format": "json"}).json()
    root = api.get("/api/v1/", {"format": "json"}).json()
    actors = api.get("/api/v1/actors/", {"format": "json", "page_size": 1}).json()

    assert "format" not in body["next"]
    assert "type=event" in body["next"] and "page_size=2" in body["next"]
    assert all("?" not in entry["url"] for entry in body["results"])
    assert "?" not in actor["url"] and "?" not in actor["timeline"]
    assert all("?" not in link for link in root.values())
    assert "format" not in actors["next"]
