"""The editors' write API: who may write, If-Match against lost updates, payloads that mirror reads."""

import pytest
import yaml
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    ParticipationFactory,
    SourceFactory,
    StatementFactory,
    TopicFactory,
    VenueFactory,
)
from timeline.models import Actor, Event, Topic, Venue

pytestmark = pytest.mark.django_db

ORIGIN = "https://newsroom.example.org"
PAYLOADS = {
    "actors": {"name": "Jane Envoy", "kind": "person", "role": "Special Envoy", "aliases": ["the envoy"]},
    "venues": {"name": "Muscat", "kind": "city", "country": "OM"},
    "topics": {"name": "Prisoner exchanges", "description": "Swaps of prisoners of war."},
}
FACTORIES = {"actors": ActorFactory, "venues": VenueFactory, "topics": TopicFactory}
MODELS = {"actors": Actor, "venues": Venue, "topics": Topic}


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def make_editor(username="editor"):
    """A staff user in the Editors group, which holds the timeline models' permissions."""
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(*Permission.objects.filter(content_type__app_label="timeline"))
    user = get_user_model().objects.create_user(username, is_staff=True)
    user.groups.add(editors)
    return user


@pytest.fixture
def editor():
    return client_for(make_editor())


@pytest.fixture
def clients():
    users = get_user_model().objects
    return {
        "anonymous": client_for(None),
        "plain user": client_for(users.create_user("reader")),
        "editor": client_for(make_editor()),
        "superuser": client_for(users.create_superuser("root")),
    }


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response


def is_problem(response, status: int, kind: str) -> bool:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == f"/api/v1/problems/{kind}"
    return True


# --- Who may write ------------------------------------------------------------------------------------------

EXPECTED = {"anonymous": (401, "not-authenticated"), "plain user": (403, "permission-denied")}


@pytest.mark.parametrize("who", ["anonymous", "plain user", "editor", "superuser"])
@pytest.mark.parametrize("resource", sorted(PAYLOADS))
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_editors_and_superusers_write(clients, who, resource, method):
    record = FACTORIES[resource]()
    model = MODELS[resource]
    url = f"/api/v1/{resource}/" if method == "post" else f"/api/v1/{resource}/{record.slug}/"
    etag = read(clients["anonymous"], f"/api/v1/{resource}/{record.slug}/")["ETag"]
    before = sorted(model.objects.values_list("slug", "version"))
    body = {} if method == "delete" else PAYLOADS[resource]

    response = getattr(clients[who], method)(url, body, format="json", HTTP_IF_MATCH=etag)

    if who in EXPECTED:
        assert is_problem(response, *EXPECTED[who])
        assert sorted(model.objects.values_list("slug", "version")) == before
    else:
        assert response.status_code == {"post": 201, "put": 200, "patch": 200, "delete": 204}[method]


# --- If-Match --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_change_without_if_match_is_a_428_problem_and_changes_nothing(editor, method):
    topic = TopicFactory()
    etag = read(editor, f"/api/v1/topics/{topic.slug}/")["ETag"]

    response = getattr(editor, method)(f"/api/v1/topics/{topic.slug}/", PAYLOADS["topics"], format="json")
    star = getattr(editor, method)(
        f"/api/v1/topics/{topic.slug}/", PAYLOADS["topics"], format="json", HTTP_IF_MATCH="*"
    )

    assert is_problem(response, 428, "precondition-required")
    assert is_problem(star, 428, "precondition-required")
    assert response["ETag"] == etag
    assert Topic.objects.get(pk=topic.pk).version == topic.version


@pytest.mark.parametrize("method", ["put", "patch", "delete"])
def test_a_change_on_a_stale_etag_is_a_412_problem_carrying_the_current_one(editor, method):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"
    stale = read(editor, url)["ETag"]
    editor.patch(url, {"description": "Another editor came first."}, format="json", HTTP_IF_MATCH=stale)
    current = read(editor, url)["ETag"]

    response = getattr(editor, method)(url, PAYLOADS["topics"], format="json", HTTP_IF_MATCH=stale)
    weak = getattr(editor, method)(url, PAYLOADS["topics"], format="json", HTTP_IF_MATCH=f"W/{current}")

    assert is_problem(response, 412, "precondition-failed")
    assert response["ETag"] == current
    assert is_problem(weak, 412, "precondition-failed")
    assert Topic.objects.get(pk=topic.pk).description == "Another editor came first."


def test_a_change_with_the_current_etag_answers_the_new_representation_and_etag(editor):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"
    etag = read(editor, url)["ETag"]

    response = editor.patch(url, {"name": "Security guarantees"}, format="json", HTTP_IF_MATCH=etag)

    assert response.status_code == 200
    assert response.json()["name"] == "Security guarantees"
    assert response["ETag"] == f'"topic-{topic.pk}-v2"' == read(editor, url)["ETag"]


def test_deleting_with_the_current_etag_removes_the_item(editor):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"

    response = editor.delete(url, HTTP_IF_MATCH=read(editor, url)["ETag"])

    assert response.status_code == 204
    assert is_problem(editor.get(url), 404, "not-found")


def test_deleting_an_actor_that_events_rest_on_is_a_409_problem(editor):
    actor = ParticipationFactory().actor
    url = f"/api/v1/actors/{actor.slug}/"

    response = editor.delete(url, HTTP_IF_MATCH=read(editor, url)["ETag"])

    assert is_problem(response, 409, "conflict")
    assert Actor.objects.filter(pk=actor.pk).exists()


# --- Creating ------------------------------------------------------------------------------------------------


def test_a_created_item_answers_201_with_its_location_and_etag(editor):
    response = editor.post("/api/v1/venues/", PAYLOADS["venues"], format="json")

    assert response.status_code == 201, response.content
    assert response["Location"] == "http://testserver/api/v1/venues/muscat/"
    assert response.json()["slug"] == "muscat"
    assert response["ETag"] == read(editor, response["Location"])["ETag"]


def test_a_slug_derived_from_a_name_already_taken_gets_a_number(editor):
    first = editor.post("/api/v1/topics/", PAYLOADS["topics"], format="json")
    second = editor.post("/api/v1/topics/", PAYLOADS["topics"], format="json")

    assert (first.json()["slug"], second.json()["slug"]) == ("prisoner-exchanges", "prisoner-exchanges-2")


def test_related_records_are_named_by_slug_or_by_an_embedded_object_with_its_slug(editor):
    state = ActorFactory(slug="ruritania", name="Ruritania", kind="state")
    by_slug = {**PAYLOADS["actors"], "affiliation": "ruritania"}
    by_object = {**PAYLOADS["actors"], "slug": "the-envoy", "affiliation": {"slug": "ruritania", "name": "ignored"}}

    assert editor.post("/api/v1/actors/", by_slug, format="json").json()["affiliation"]["slug"] == state.slug
    assert editor.post("/api/v1/actors/", by_object, format="json").json()["affiliation"]["slug"] == state.slug


def test_an_unknown_related_slug_is_a_400_problem_pointing_at_it(editor):
    actors = Actor.objects.count()

    response = editor.post("/api/v1/actors/", {**PAYLOADS["actors"], "affiliation": "nobody"}, format="json")

    assert is_problem(response, 400, "invalid-body")
    assert [error["pointer"] for error in response.json()["errors"]] == ["/affiliation"]
    assert Actor.objects.count() == actors


# --- Round trip ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", sorted(PAYLOADS))
def test_an_item_read_changed_and_put_back_is_saved(editor, resource):
    record = FACTORIES[resource]()
    url = f"/api/v1/{resource}/{record.slug}/"
    response = read(editor, url)
    body = response.json()
    body["name"] = "Renamed by an editor"

    saved = editor.put(url, body, format="json", HTTP_IF_MATCH=response["ETag"])

    assert saved.status_code == 200, saved.content
    assert saved.json() == {**body, "updated_at": saved.json()["updated_at"]}
    assert MODELS[resource].objects.get(pk=record.pk).name == "Renamed by an editor"


def test_read_only_fields_are_ignored_on_input(editor):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"
    body = {"uuid": "00000000-0000-0000-0000-000000000000", "url": "http://elsewhere/", "updated_at": "2000-01-01"}

    response = editor.patch(url, body, format="json", HTTP_IF_MATCH=read(editor, url)["ETag"])

    assert response.status_code == 200
    assert response.json()["uuid"] == str(topic.uuid)


# --- One rule in one place: the model's -----------------------------------------------------------------------


def model_refusal(record) -> dict:
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    return refused.value.message_dict


@pytest.mark.parametrize(
    ("payload", "pointer", "field"),
    [
        ({"kind": "planet"}, "/kind", "kind"),
        ({"country": "XX"}, "/country", "country"),
        ({"latitude": "46.2", "longitude": "6.1", "coordinate_precision": "unknown"}, "", "__all__"),
    ],
)
def test_a_venue_the_model_refuses_is_refused_by_the_api_with_the_models_words(editor, payload, pointer, field):
    venue = VenueFactory()
    url = f"/api/v1/venues/{venue.slug}/"
    etag = read(editor, url)["ETag"]
    expected = model_refusal(Venue(**{**PAYLOADS["venues"], "slug": "x", **payload}))[field]

    response = editor.patch(url, payload, format="json", HTTP_IF_MATCH=etag)

    assert is_problem(response, 400, "invalid-body")
    assert [(e["pointer"], e["detail"]) for e in response.json()["errors"]] == [(pointer, m) for m in expected]
    assert read(editor, url)["ETag"] == etag


def test_an_actor_affiliated_with_itself_is_refused_as_the_model_refuses_it(editor):
    actor = ActorFactory()
    url = f"/api/v1/actors/{actor.slug}/"
    etag = read(editor, url)["ETag"]
    actor.affiliation = actor
    expected = model_refusal(actor)

    response = editor.patch(url, {"affiliation": actor.slug}, format="json", HTTP_IF_MATCH=etag)

    assert is_problem(response, 400, "invalid-body")
    assert [e["detail"] for e in response.json()["errors"]] == [m for ms in expected.values() for m in ms]
    assert Actor.objects.get(pk=actor.pk).affiliation is None


def test_a_published_slug_never_changes(editor):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"

    response = editor.patch(url, {"slug": "another-slug"}, format="json", HTTP_IF_MATCH=read(editor, url)["ETag"])

    assert is_problem(response, 400, "invalid-body")
    assert [e["pointer"] for e in response.json()["errors"]] == ["/slug"]
    assert Topic.objects.get(pk=topic.pk).slug == topic.slug


# --- Browsers -----------------------------------------------------------------------------------------------


def test_a_session_write_needs_the_csrf_token():
    user = make_editor()
    browser = APIClient(enforce_csrf_checks=True)
    browser.force_login(user)
    topics = Topic.objects.count()

    response = browser.post("/api/v1/topics/", PAYLOADS["topics"], format="json")

    assert is_problem(response, 403, "permission-denied")
    assert "CSRF" in response.json()["detail"]
    assert Topic.objects.count() == topics


def test_browsers_may_send_if_match_and_read_location_and_etag(settings):
    settings.CORS_ALLOWED_ORIGINS = [ORIGIN]
    browser = APIClient()

    preflight = browser.options(
        "/api/v1/topics/x/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, if-match, content-type",
    )
    created = client_for(make_editor()).post("/api/v1/topics/", PAYLOADS["topics"], format="json", HTTP_ORIGIN=ORIGIN)

    assert "if-match" in preflight["Access-Control-Allow-Headers"].lower()
    exposed = {value.strip().lower() for value in created["Access-Control-Expose-Headers"].split(",")}
    assert {"location", "etag"} <= exposed


# --- Reads and the schema ----------------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v1/actors/", "/api/v1/venues/", "/api/v1/topics/", "/api/v1/events/"])
def test_an_editors_list_read_costs_only_the_token_lookup_more_than_an_anonymous_one(editor, url):
    EventFactory.create_batch(3)

    with CaptureQueriesContext(connection) as anonymous:
        assert APIClient().get(url).status_code == 200
    with CaptureQueriesContext(connection) as authenticated:
        assert editor.get(url).status_code == 200

    assert len(authenticated) == len(anonymous) + 1


def test_the_schema_documents_write_payloads_if_match_412_and_428(client):
    schema = yaml.safe_load(client.get("/api/schema/").content)

    for resource in PAYLOADS:
        item = schema["paths"][f"/api/v1/{resource}/{{slug}}/"]
        assert "requestBody" in schema["paths"][f"/api/v1/{resource}/"]["post"]
        for method in ("put", "patch", "delete"):
            headers = [p["name"] for p in item[method]["parameters"] if p["in"] == "header"]
            assert headers == ["If-Match"], (resource, method)
            assert {"412", "428", "401", "403"} <= set(item[method]["responses"]), (resource, method)


# --- Events and statements: written through the services -----------------------------------------------------

QUOTE = "Negotiators met in Geneva last week"


def event_payload(source, **changes) -> dict:
    return {
        "title": "Talks in Geneva",
        "kind": "negotiation_round",
        "status": "occurred",
        "summary": "Negotiators met in Geneva.",
        "source": source.slug,
        "date": {"text": "last week"},
        "participants": [{"slug": ActorFactory().slug, "role": "party"}],
        "topics": [TopicFactory().slug],
        "citations": [{"exact": QUOTE}],
        **changes,
    }


def statement_payload(source, **changes) -> dict:
    return {
        "title": "The minister is ready to talk",
        "text": "We are ready to talk",
        "mode": "quote",
        "source": {"slug": source.slug},
        "speaker": ActorFactory().slug,
        "date": {"text": "on Tuesday"},
        "citations": [{"exact": "We are ready to talk"}],
        **changes,
    }


@pytest.mark.parametrize("who", ["anonymous", "plain user", "editor", "superuser"])
@pytest.mark.parametrize("resource", ["events", "statements"])
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_only_editors_and_superusers_write_events_and_statements(clients, who, resource, method):
    factory, payload = {"events": (EventFactory, event_payload), "statements": (StatementFactory, statement_payload)}[
        resource
    ]
    record = factory()
    CitationFactory(**({"event": record} if resource == "events" else {"statement": record, "event": None}))
    model = type(record)
    item_url = f"/api/v1/{resource}/{record.slug}/"
    url = f"/api/v1/{resource}/" if method == "post" else item_url
    etag = read(clients["anonymous"], item_url)["ETag"]
    before = sorted(model.objects.values_list("slug", "version"))
    body = {} if method == "delete" else payload(record.source)

    response = getattr(clients[who], method)(url, body, format="json", HTTP_IF_MATCH=etag)

    if who in EXPECTED:
        assert is_problem(response, *EXPECTED[who])
        assert sorted(model.objects.values_list("slug", "version")) == before
    else:
        assert response.status_code == {"post": 201, "put": 200, "patch": 200, "delete": 204}[method], response.content


def test_a_posted_event_has_its_date_resolved_its_citations_found_and_a_slug_from_its_title(editor):
    source = SourceFactory()

    response = editor.post("/api/v1/events/", event_payload(source), format="json")

    assert response.status_code == 201, response.content
    event = response.json()
    assert response["Location"].endswith(f"/api/v1/events/{event['slug']}/")
    assert event["slug"].startswith("talks-in-geneva")
    assert (event["date"]["earliest"], event["date"]["latest"]) == ("2026-02-01", "2026-02-08")
    assert [(c["exact"], c["start"]) for c in event["citations"]] == [(QUOTE, 0)]
    assert event["participants"][0]["role"] == "party"


def test_a_citation_not_in_the_source_is_refused_with_a_pointer_and_nothing_is_written(editor):
    source = SourceFactory()
    events = Event.objects.count()
    payload = event_payload(source, citations=[{"exact": QUOTE}, {"exact": "words nobody wrote"}])

    response = editor.post("/api/v1/events/", payload, format="json")

    assert is_problem(response, 400, "invalid-body")
    assert [e["pointer"] for e in response.json()["errors"]] == ["/citations/1/exact"]
    assert Event.objects.count() == events


def test_an_event_read_changed_and_put_back_keeps_its_participants_and_citations(editor):
    event = EventFactory()
    ParticipationFactory(event=event)
    CitationFactory(event=event)
    url = f"/api/v1/events/{event.slug}/"
    response = read(editor, url)
    body = response.json()
    body["title"] = "Talks moved to Muscat"

    saved = editor.put(url, body, format="json", HTTP_IF_MATCH=response["ETag"])

    assert saved.status_code == 200, saved.content
    for field in ("participants", "citations", "topics", "date", "venue", "source"):
        assert saved.json()[field] == body[field], field
    assert saved.json()["title"] == "Talks moved to Muscat"
    assert saved["ETag"] != response["ETag"]


def test_an_editor_may_give_a_statements_date_as_bounds_with_a_reason(editor):
    source = SourceFactory()
    date = {"basis": "editor", "earliest": "2026-02-03", "latest": "2026-02-03", "precision": "day"}

    without_note = editor.post("/api/v1/statements/", statement_payload(source, date=date), format="json")
    with_note = editor.post(
        "/api/v1/statements/", statement_payload(source, date={**date, "note": "Tass dates it."}), format="json"
    )

    assert is_problem(without_note, 400, "invalid-body")
    assert with_note.status_code == 201, with_note.content
    assert with_note.json()["date"]["basis"] == "editor"
    assert with_note.json()["date"]["earliest"] == "2026-02-03"


# --- History -------------------------------------------------------------------------------------------------


def test_an_items_history_lists_who_changed_what_newest_first_for_editors_only(clients):
    topic = TopicFactory()
    url = f"/api/v1/topics/{topic.slug}/"
    clients["editor"].patch(url, {"name": "Renamed"}, format="json", HTTP_IF_MATCH=read(clients["editor"], url)["ETag"])

    history = clients["editor"].get(f"{url}history/")

    assert history.status_code == 200, history.content
    entries = history.json()["results"]
    assert [(e["change"], e["changed_by"], e["version"], e["record"]["name"]) for e in entries] == [
        ("changed", "editor", 2, "Renamed"),
        ("created", None, 1, topic.name),
    ]
    assert is_problem(clients["anonymous"].get(f"{url}history/"), 401, "not-authenticated")
    assert is_problem(clients["plain user"].get(f"{url}history/"), 403, "permission-denied")
