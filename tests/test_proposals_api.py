"""GET /api/v1/sources/{slug}/proposals/: the machine's proposals, for editors only."""

import pytest
from django.contrib.auth.models import Permission, User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token

from tests.factories import SourceFactory

SEED = "/api/v1/sources/moscow-demands-reciprocal-security-guarantees/proposals/"


def _signed_in(api, *, editor: bool):
    user = User.objects.create_user("reviewer")
    if editor:
        user.user_permissions.add(Permission.objects.get(codename="change_source", content_type__app_label="timeline"))
    api.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return api


@pytest.mark.django_db
def test_anonymous_clients_get_a_401_problem(api, seeded):
    response = api.get(SEED)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_a_signed_in_user_who_is_not_an_editor_gets_a_403_problem(api, seeded):
    response = _signed_in(api, editor=False).get(SEED)
    assert response.status_code == 403
    assert response.json()["type"] == "/api/v1/problems/permission-denied"


@pytest.mark.django_db
def test_an_editor_sees_the_proposed_quotations_with_known_speakers_and_citation_selectors(api, seeded):
    response = _signed_in(api, editor=True).get(SEED, {"kind": "quotation"})
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    quotations = response.json()
    assert [q["speaker"]["slug"] for q in quotations] == ["alexander-grushko"] * 4 + ["dmitry-peskov", "sergey-lavrov"]
    first = quotations[0]
    assert first["exact"].startswith("We recognize") and first["kind"] == "quotation"
    assert first["selectors"][0] == {"type": "TextPositionSelector", "start": first["start"], "end": first["end"]}
    assert first["confidence"]["rule"] == "quotation:name_said_after_quote:known_name"
    assert first["date"] is None and first["name"] is None


@pytest.mark.django_db
def test_date_proposals_carry_the_date_object_an_entry_would_carry(api, seeded):
    dates = _signed_in(api, editor=True).get(SEED, {"kind": "date"}).json()
    last_week = next(d for d in dates if d["exact"] == "last week")
    date_object = last_week["date"]
    assert (date_object["text"], date_object["earliest"], date_object["latest"]) == (
        "last week",
        "2026-02-01",
        "2026-02-08",
    )
    assert (date_object["basis"], date_object["tense"], date_object["edtf"]) == (
        "resolved",
        "past",
        "[2026-02-01..2026-02-08]",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(("query", "parameter"), [({"kind": "rumour"}, "kind"), ({"sort": "speaker"}, "sort")])
def test_a_bad_parameter_is_a_400_problem_naming_it(api, seeded, query, parameter):
    response = _signed_in(api, editor=True).get(SEED, query)
    assert response.status_code == 400
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


@pytest.mark.django_db
def test_an_unknown_source_is_a_404_problem(api, seeded):
    response = _signed_in(api, editor=True).get("/api/v1/sources/no-such-source/proposals/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_the_number_of_queries_does_not_grow_with_the_text(api, seeded):
    short = SourceFactory(slug="short-report", text="“Yes,” said Anna Berg on Monday.")
    _signed_in(api, editor=True)
    counts = []
    for slug in (short.slug, "moscow-demands-reciprocal-security-guarantees"):
        with CaptureQueriesContext(connection) as queries:
            assert api.get(f"/api/v1/sources/{slug}/proposals/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
