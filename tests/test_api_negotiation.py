"""Which format answers: an explicit `format` wins; otherwise Accept, with its quality values."""

import pytest

pytestmark = pytest.mark.usefixtures("seeded")

TIMELINE = "/api/v1/timeline/"


@pytest.mark.parametrize(
    ("accept", "content_type"),
    [
        ("application/json;q=0, text/csv", "text/csv"),
        ("text/csv;q=0.5, application/json", "application/json"),
        ("text/calendar;q=0.9, text/csv;q=0.8", "text/calendar"),
        ("*/*;q=0.1, application/geo+json", "application/geo+json"),
        ("application/json;q=0, */*", "text/calendar"),
        ("", "application/json"),
        ("*/*", "application/json"),
    ],
)
def test_accept_quality_values_choose_the_format(api, accept, content_type):
    response = api.get(TIMELINE, HTTP_ACCEPT=accept)

    assert response.status_code == 200, response.content
    assert response["Content-Type"].split(";")[0] == content_type


@pytest.mark.parametrize("accept", ["application/json;q=0", "text/html", "application/json;q=0, text/csv;q=0"])
def test_a_list_with_nothing_acceptable_is_a_406_problem(api, accept):
    response = api.get("/api/v1/events/", HTTP_ACCEPT=accept)

    assert response.status_code == 406, response.content
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    ("format", "content_type"),
    [
        ("json", "application/json"),
        ("csv", "text/csv"),
        ("ics", "text/calendar"),
        ("geojson", "application/geo+json"),
        ("timelinejs", "application/json"),
    ],
)
def test_an_explicit_format_wins_over_accept(api, format, content_type):
    response = api.get(TIMELINE, {"format": format}, HTTP_ACCEPT="application/json")
    refused = api.get(TIMELINE, {"format": format}, HTTP_ACCEPT="application/xml")

    assert response.status_code == 200, response.content
    assert response["Content-Type"].split(";")[0] == content_type
    assert refused.status_code == 200


def test_the_browsable_api_is_not_served_in_production(api):
    response = api.get("/api/v1/events/", {"format": "api"})

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_the_schema_does_not_list_the_browsable_api_format(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()
    formats = [
        parameter["schema"].get("enum", [])
        for operation in schema["paths"]["/api/v1/timeline/"].values()
        for parameter in operation.get("parameters", [])
        if parameter["name"] == "format"
    ]

    assert formats and all("api" not in enum for enum in formats)
