"""GET /api/v1/dates/resolve/: what a phrase resolves to, answered as an entry's date object."""

import pytest
import yaml

URL = "/api/v1/dates/resolve/"
DATE_FIELDS = {"text", "earliest", "latest", "precision", "basis", "tense", "approximate", "ongoing", "edtf", "note"}


def test_a_phrase_resolves_against_the_publication_date_as_an_entry_date(api, db):
    response = api.get(URL, {"text": "last Monday", "published": "2026-02-10", "tense": "past"})

    assert response.status_code == 200
    assert response.json() == {
        "text": "last Monday",
        "earliest": "2026-02-02",
        "latest": "2026-02-09",
        "precision": "week",
        "basis": "resolved",
        "tense": "past",
        "approximate": False,
        "ongoing": False,
        "edtf": "[2026-02-02,2026-02-09]",
        "note": "",
    }


def test_the_answer_has_exactly_the_fields_an_entry_date_has(api, seeded):
    entry_date = api.get("/api/v1/events/uae-talks-second-round/").json()["date"]
    answer = api.get(URL, {"text": "last week", "published": "2026-02-10"}).json()

    assert set(answer) == set(entry_date) == DATE_FIELDS
    assert answer == entry_date


def test_an_approximate_phrase_carries_the_tilde_and_the_honest_bounds(api, db):
    answer = api.get(URL, {"text": "about five months ago", "published": "2026-02-10"}).json()

    assert (answer["earliest"], answer["latest"], answer["edtf"], answer["approximate"]) == (
        "2025-08-01",
        "2025-10-31",
        "2025-09~",
        True,
    )


def test_the_tense_decides_the_year_of_a_month_said_without_one(api, db):
    past = api.get(URL, {"text": "in December", "published": "2026-02-10", "tense": "past"}).json()
    future = api.get(URL, {"text": "in December", "published": "2026-02-10", "tense": "future"}).json()

    assert past["edtf"] == "2025-12"
    assert future["edtf"] == "2026-12"


def test_without_a_publication_date_relative_words_stay_unknown_and_absolute_ones_resolve(api, db):
    relative = api.get(URL, {"text": "yesterday"}).json()
    absolute = api.get(URL, {"text": "3 February 2026"}).json()

    assert (relative["basis"], relative["edtf"]) == ("unknown", "XXXX")
    assert (absolute["basis"], absolute["edtf"]) == ("stated", "2026-02-03")


@pytest.mark.parametrize(
    ("params", "parameter"),
    [
        ({"text": "yesterday", "published": "10/02/2026"}, "published"),
        ({"text": "yesterday", "published": "2026-02-30"}, "published"),
        ({"text": "yesterday", "published": "2026-02-10", "tense": "present"}, "tense"),
        ({"published": "2026-02-10"}, "text"),
        ({"text": "x" * 201}, "text"),
        ({"text": "nul\x00byte"}, "text"),
        ({"text": "yesterday", "anchor": "2026-02-10"}, "anchor"),
    ],
)
def test_bad_input_is_a_400_problem_naming_the_parameter(api, db, params, parameter):
    response = api.get(URL, params)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"].endswith("/invalid-parameters")
    assert parameter in {error["parameter"] for error in problem["errors"]}


def test_the_answer_is_cacheable_like_every_read(api, db):
    response = api.get(URL, {"text": "last week", "published": "2026-02-10"})

    assert "public" in response["Cache-Control"]
    assert response.has_header("ETag")
    again = api.get(URL, {"text": "last week", "published": "2026-02-10"}, HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_the_endpoint_is_read_only(api, db):
    assert api.post(URL, {"text": "last week"}).status_code in (401, 403, 405)


def test_the_endpoint_is_in_the_openapi_schema(client, db):
    schema = yaml.safe_load(client.get("/api/schema/").content)

    operation = schema["paths"]["/api/v1/dates/resolve/"]["get"]
    assert {p["name"] for p in operation["parameters"]} >= {"text", "published", "tense"}
