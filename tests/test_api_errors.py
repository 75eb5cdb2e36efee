"""Bad input gets a 400 problem-details body naming the parameter; never a 500, never an empty list."""

import pytest

pytestmark = pytest.mark.usefixtures("seeded")

MALFORMED = [
    ("/api/v1/timeline/", {"actor": "nobody"}, "actor"),
    ("/api/v1/timeline/", {"venue": "atlantis"}, "venue"),
    ("/api/v1/timeline/", {"topic": "no-such-topic"}, "topic"),
    ("/api/v1/timeline/", {"country": "XX"}, "country"),
    ("/api/v1/timeline/", {"country": "United States"}, "country"),
    ("/api/v1/timeline/", {"kind": "statement"}, "kind"),
    ("/api/v1/timeline/", {"status": "cancelled"}, "status"),
    ("/api/v1/timeline/", {"type": "venue"}, "type"),
    ("/api/v1/timeline/", {"precision": "hour"}, "precision"),
    ("/api/v1/timeline/", {"date_after": "2026-13-01"}, "date_after"),
    ("/api/v1/timeline/", {"date_before": "10/02/2026"}, "date_before"),
    ("/api/v1/timeline/", {"date_after": "2026-02-11", "date_before": "2026-02-10"}, "date_after"),
    ("/api/v1/timeline/", {"dated": "maybe"}, "dated"),
    ("/api/v1/timeline/", {"q": "x" * 201}, "q"),
    ("/api/v1/timeline/", {"q": "nul\x00byte"}, "q"),
    ("/api/v1/timeline/", {"cursor": "not-a-cursor"}, "cursor"),
    ("/api/v1/timeline/", {"cursor": "eyJrIjoxfQ"}, "cursor"),
    ("/api/v1/timeline/", {"page_size": "201"}, "page_size"),
    ("/api/v1/timeline/", {"page_size": "0"}, "page_size"),
    ("/api/v1/timeline/", {"page_size": "ten"}, "page_size"),
    ("/api/v1/timeline/", {"ordering": "title"}, "ordering"),
    ("/api/v1/timeline/", {"actr": "alexander-grushko"}, "actr"),
    ("/api/v1/events/", {"type": "event"}, "type"),
    ("/api/v1/events/", {"ordering": "-title"}, "ordering"),
    ("/api/v1/statements/", {"status": "planned"}, "status"),
    ("/api/v1/statements/", {"actor": "nobody"}, "actor"),
    ("/api/v1/actors/", {"page": "99"}, "page"),
    ("/api/v1/actors/", {"page": "first"}, "page"),
    ("/api/v1/actors/", {"ordering": "uuid"}, "ordering"),
    ("/api/v1/actors/", {"kind": "robot"}, "kind"),
    ("/api/v1/venues/", {"page_size": "1000"}, "page_size"),
    ("/api/v1/topics/", {"ordering": "created_at"}, "ordering"),
    ("/api/v1/sources/", {"page": "-1"}, "page"),
]


@pytest.mark.parametrize(("path", "params", "parameter"), MALFORMED)
def test_malformed_input_is_a_400_problem_naming_the_parameter(api, path, params, parameter):
    response = api.get(path, params)

    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/invalid-parameters"
    assert problem["status"] == 400
    assert problem["title"] and problem["detail"]
    assert parameter in {error["parameter"] for error in problem["errors"]}
    assert all(error["detail"] for error in problem["errors"])


@pytest.mark.parametrize("accept", ["text/csv", "text/calendar", "text/html, */*;q=0.8"])
def test_errors_are_problem_json_whatever_format_was_asked_for(api, accept):
    response = api.get("/api/v1/timeline/", {"date_after": "yesterday"}, HTTP_ACCEPT=accept)

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"


def test_an_unknown_format_is_406_not_acceptable(api):
    response = api.get("/api/v1/timeline/", {"format": "xml"})

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/not-acceptable"


def test_an_unacceptable_accept_header_is_406(api):
    response = api.get("/api/v1/events/", HTTP_ACCEPT="application/xml")

    assert response.status_code == 406
    assert response["Content-Type"] == "application/problem+json"


def test_a_method_the_resource_does_not_offer_is_405(api, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="x")
    api.force_authenticate(editor)

    # Sources are read-only through the API (events take DELETE from editors: tests/test_api_writes.py).
    response = api.delete("/api/v1/sources/moscow-demands-reciprocal-security-guarantees/")

    assert response.status_code == 405
    assert response.json()["type"] == "/api/v1/problems/method-not-allowed"


def test_an_anonymous_write_is_401_with_an_authentication_challenge(api):
    response = api.post("/api/v1/events/", {}, format="json")

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert response.json()["type"] == "/api/v1/problems/not-authenticated"


def test_an_unknown_api_path_is_a_404_problem_not_an_html_page(api):
    response = api.get("/api/v1/nothing-here/")

    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_each_problem_type_is_documented_at_its_uri(api):
    response = api.get("/api/v1/problems/invalid-parameters")

    assert response.status_code == 200
    assert response.json()["status"] == 400
    kinds = api.get("/api/v1/problems/").json()
    assert {kind["status"] for kind in kinds} >= {400, 401, 403, 404, 405, 406, 429}


def test_a_valid_filter_with_no_match_is_an_empty_200_not_an_error(api):
    response = api.get("/api/v1/timeline/", {"country": "FR"})

    assert response.status_code == 200
    assert response.json()["results"] == []


def test_an_actors_timeline_does_not_take_another_actor_parameter(api):
    response = api.get("/api/v1/actors/alexander-grushko/timeline/", {"actor": "russia"})

    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "actor"


def test_a_disallowed_host_under_the_api_is_a_400_problem(api):
    response = api.get("/api/v1/timeline/", HTTP_HOST="evil.example")

    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/invalid-parameters"


def test_an_over_long_query_string_is_a_414_problem_naming_the_longest_parameter(api, settings):
    settings.MAX_QUERY_STRING_BYTES = 100

    response = api.get("/api/v1/timeline/", {"q": "x" * 101, "type": "event"})

    assert response.status_code == 414
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/query-too-long"
    assert [error["parameter"] for error in response.json()["errors"]] == ["q"]


def test_the_query_string_limit_is_below_gunicorns_request_line_limit(settings):
    assert 0 < settings.MAX_QUERY_STRING_BYTES < 4094 - len("GET /api/v1/actors/some-actor/timeline/? HTTP/1.1")


@pytest.mark.parametrize("actor", ["dmitry-peskov"])
def test_a_timelinejs_export_with_no_placeable_entry_is_a_422_problem_counting_the_entries(api, actor):
    json_entries = api.get(f"/api/v1/actors/{actor}/timeline/").json()["results"]
    response = api.get(f"/api/v1/actors/{actor}/timeline/", {"format": "timelinejs"})

    assert json_entries
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == "/api/v1/problems/unplaceable-timeline"
    assert f"None of the {len(json_entries)} matching entries" in problem["detail"]


def test_a_problem_kind_is_listed_for_every_status_the_api_answers_with(api):
    kinds = {kind["type"]: kind["status"] for kind in api.get("/api/v1/problems/").json()}

    assert kinds["/api/v1/problems/query-too-long"] == 414
    assert kinds["/api/v1/problems/unplaceable-timeline"] == 422
