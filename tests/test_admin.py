"""The editors' admin: who may do what, rules refused with a message, citations pasted, dates previewed, history."""

import io
import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import CitationFactory, EventFactory, ParticipationFactory, SourceFactory, StatementFactory
from timeline.choices import StatementMode
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue
from timeline.roles import EDITORS_GROUP, editor_codenames

pytestmark = pytest.mark.django_db

MODELS = [Source, Actor, Venue, Topic, Event, Participation, Statement, Citation]


def admin_url(model, view: str, *args) -> str:
    return reverse(f"admin:timeline_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def editor(django_user_model):
    call_command("create_editor", "editor", stdout=io.StringIO())
    return django_user_model.objects.get(username="editor")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def statement_form(source, **changes) -> dict:
    """What the statement add form posts: the fields, and one pasted citation in the inline."""
    data = {
        "title": "The minister is ready to talk",
        "slug": "minister-ready-to-talk",
        "source": source.pk,
        "sequence": 80,
        "mode": StatementMode.PARAPHRASE,
        "speaker_basis": "stated",
        "outlet_basis": "stated",
        "translation_basis": "stated",
        "text": "The minister said they are ready to talk.",
        "date_text": "on Tuesday",
        "date_tense": "past",
        "date_basis": "unknown",
        "date_note": "",
        "date_precision": "unknown",
        "citations-TOTAL_FORMS": "1",
        "citations-INITIAL_FORMS": "0",
        "citations-MIN_NUM_FORMS": "0",
        "citations-MAX_NUM_FORMS": "1000",
        "citations-0-exact": "We are ready to talk",
        "citations-0-occurrence": "",
        "citations-0-position": "1",
    }
    return {**data, **changes}


# --- Who may do what ----------------------------------------------------------------------------


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_anonymous_visitors_and_plain_users_are_sent_to_the_login_page(client, django_user_model, model):
    assert client.get(admin_url(model, "changelist")).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader", password="a long passphrase here"))

    response = client.get(admin_url(model, "changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_an_editor_can_list_and_add_every_timeline_record(editor_client, model):
    CitationFactory()

    assert editor_client.get(admin_url(model, "changelist")).status_code == 200
    assert editor_client.get(admin_url(model, "add")).status_code == 200


def test_only_a_superuser_can_delete_a_source(editor_client, admin_client):
    source = SourceFactory()

    assert editor_client.get(admin_url(Source, "delete", source.pk)).status_code == 403
    assert editor_client.post(admin_url(Source, "delete", source.pk), {"post": "yes"}).status_code == 403
    assert Source.objects.filter(pk=source.pk).exists()
    assert admin_client.post(admin_url(Source, "delete", source.pk), {"post": "yes"}).status_code == 302
    assert not Source.objects.filter(pk=source.pk).exists()


def test_an_editor_can_delete_a_statement(editor_client):
    statement = StatementFactory()

    response = editor_client.post(admin_url(Statement, "delete", statement.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Statement.objects.filter(pk=statement.pk).exists()


def test_the_editors_group_has_exactly_the_permissions_the_roles_name():
    group = Group.objects.get(name=EDITORS_GROUP)

    assert sorted(group.permissions.values_list("codename", flat=True)) == sorted(editor_codenames())


def test_every_admin_page_of_the_seed_data_opens_for_a_superuser(admin_client, seeded):
    for model in MODELS:
        assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        record = model.objects.order_by("pk").first()
        assert admin_client.get(admin_url(model, "change", record.pk)).status_code == 200
        assert admin_client.get(admin_url(model, "history", record.pk)).status_code == 200
        assert record.get_absolute_url() == admin_url(model, "change", record.pk)


# --- create_editor ------------------------------------------------------------------------------


def test_create_editor_makes_a_staff_editor_and_prints_its_token_on_the_last_line(django_user_model):
    out = io.StringIO()

    call_command("create_editor", "maria", "--email", "maria@example.org", stdout=out)

    token = out.getvalue().strip().splitlines()[-1]
    assert re.fullmatch(r"[0-9a-f]{40}", token)
    maria = django_user_model.objects.get(username="maria")
    assert (maria.is_staff, maria.is_superuser, maria.email) == (True, False, "maria@example.org")
    assert list(maria.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert maria.auth_token.key == token


def test_create_editor_makes_the_editors_group_again_when_a_database_has_lost_it(django_user_model):
    Group.objects.filter(name=EDITORS_GROUP).delete()

    call_command("create_editor", "maria", stdout=io.StringIO())

    maria = django_user_model.objects.get(username="maria")
    assert maria.has_perm("timeline.change_event") and maria.has_perm("timeline.add_source")
    assert not maria.has_perm("timeline.delete_source")


def test_create_editor_again_updates_the_user_and_keeps_its_token(django_user_model):
    first, second = io.StringIO(), io.StringIO()
    call_command("create_editor", "maria", stdout=first)
    django_user_model.objects.filter(username="maria").update(is_staff=False)

    call_command("create_editor", "maria", "--email", "new@example.org", stdout=second)

    assert first.getvalue().splitlines()[-1] == second.getvalue().splitlines()[-1]
    maria = django_user_model.objects.get(username="maria")
    assert (maria.is_staff, maria.email) == (True, "new@example.org")
    assert django_user_model.objects.filter(username="maria").count() == 1


# --- Citations pasted, not typed ----------------------------------------------------------------


def test_an_editor_adds_a_statement_citing_pasted_words_and_the_offsets_are_found(editor_client):
    source = SourceFactory()

    response = editor_client.post(admin_url(Statement, "add"), statement_form(source))

    assert response.status_code == 302, response.context["errors"] if response.context else response
    citation = Citation.objects.get(statement__slug="minister-ready-to-talk")
    assert (citation.start, citation.end) == (source.text.index("We are ready"), source.text.index("We are ready") + 20)
    assert citation.source == source
    page = editor_client.get(admin_url(Citation, "change", citation.pk)).content.decode()
    assert "<mark>We are ready to talk</mark>" in page


def test_a_citation_not_verbatim_in_the_source_is_refused_with_a_message_and_nothing_is_saved(editor_client):
    source = SourceFactory()

    response = editor_client.post(
        admin_url(Statement, "add"), statement_form(source, **{"citations-0-exact": "We are not ready"})
    )

    assert response.status_code == 200
    assert "not found verbatim in the source" in response.content.decode()
    assert not Statement.objects.filter(slug="minister-ready-to-talk").exists()
    assert not Citation.objects.filter(source=source).exists()


def test_words_that_occur_twice_ask_for_their_occurrence(editor_client):
    source = SourceFactory(text="They met. Then they met again.\n")
    form = statement_form(source, **{"citations-0-exact": "met"})

    asked = editor_client.post(admin_url(Statement, "add"), form)
    saved = editor_client.post(admin_url(Statement, "add"), {**form, "citations-0-occurrence": "2"})

    assert "occurs 2 times" in asked.content.decode()
    assert saved.status_code == 302
    assert Citation.objects.get(source=source).start == source.text.rindex("met")


def test_a_citation_of_another_source_than_its_items_is_refused_in_the_admin(editor_client):
    statement = StatementFactory()
    other = SourceFactory(text=statement.source.text)
    data = {"statement": statement.pk, "source": other.pk, "exact": "We are ready to talk", "position": 1}

    response = editor_client.post(admin_url(Citation, "add"), {**data, "slug": "stray"})

    assert response.status_code == 200
    assert "its item&#x27;s own source" in response.content.decode()
    assert not Citation.objects.filter(slug="stray").exists()


# --- Dates in words, previewed --------------------------------------------------------------------


def test_the_date_preview_shows_the_resolved_days_and_saves_nothing(editor_client):
    source = SourceFactory()

    response = editor_client.post(admin_url(Statement, "add"), {**statement_form(source), "_preview_date": "1"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Preview, not saved" in page
    assert "2026-02-10 … 2026-02-10" in page
    assert not Statement.objects.filter(source=source).exists()


def test_an_editor_date_needs_a_reason_in_the_admin(editor_client):
    source = SourceFactory()
    form = statement_form(source, date_basis="editor", earliest="2026-02-03", latest="2026-02-04")

    refused = editor_client.post(admin_url(Statement, "add"), form)
    saved = editor_client.post(admin_url(Statement, "add"), {**form, "date_note": "The ministry's calendar."})

    assert refused.status_code == 200
    assert saved.status_code == 302
    assert Statement.objects.get(source=source).latest.isoformat() == "2026-02-04"


# --- Rules refused by the admin form -----------------------------------------------------------


def test_the_admin_refuses_an_event_loop_with_a_message_and_changes_nothing(admin_client):
    first = EventFactory()
    second = EventFactory(source=first.source, parent=first)
    page = admin_client.get(admin_url(Event, "change", first.pk))
    data = _form_data(page)
    data["parent"] = second.pk

    response = admin_client.post(admin_url(Event, "change", first.pk), data)

    assert response.status_code == 200
    assert "This would make a loop" in response.content.decode()
    assert Event.objects.get(pk=first.pk).parent_id is None


def test_a_published_slug_is_read_only_in_the_admin(admin_client):
    event = EventFactory()

    page = admin_client.get(admin_url(Event, "change", event.pk)).content.decode()

    assert 'name="slug"' not in page
    assert 'name="slug"' in admin_client.get(admin_url(Event, "add")).content.decode()


# --- History ------------------------------------------------------------------------------------


def test_an_admin_change_is_recorded_with_who_made_it_and_can_be_reverted(editor_client, editor):
    statement = StatementFactory(title="Before")
    data = _form_data(editor_client.get(admin_url(Statement, "change", statement.pk)))

    editor_client.post(admin_url(Statement, "change", statement.pk), {**data, "title": "After"})

    latest = statement.history.latest()
    assert (latest.title, latest.history_user) == ("After", editor)
    earlier = statement.history.earliest()
    revert_url = reverse("admin:timeline_statement_simple_history", args=[statement.pk, earlier.history_id])
    revert_data = _form_data(editor_client.get(revert_url))
    editor_client.post(revert_url, revert_data)
    assert Statement.objects.get(pk=statement.pk).title == "Before"


# --- Search at scale ----------------------------------------------------------------------------


def test_admin_search_finds_names_and_items_through_indexes_on_postgresql(admin_client, seeded):
    found = admin_client.get(admin_url(Actor, "changelist"), {"q": "grushko"})
    assert "Grushko" in found.content.decode()

    events = admin_client.get(admin_url(Event, "changelist"), {"q": "talks"}).context["cl"].queryset
    sql = str(events.query)
    if connection.vendor == "postgresql":
        assert "search_vector" in sql and "LIKE" not in sql
    else:
        assert "LIKE" in sql
    assert events.exists()


def _form_data(response) -> dict:
    """What a change page's forms would post back unchanged: the main form, its inlines, their management forms."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets") or []:
        forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            elif isinstance(value, list | tuple):
                value = [str(getattr(item, "pk", item)) for item in value]
            else:
                value = str(getattr(value, "pk", value))
            data[field.html_name] = value
    return data


@pytest.mark.parametrize("model", MODELS, ids=lambda model: model._meta.model_name)
def test_a_changelist_runs_the_same_number_of_queries_whatever_the_number_of_rows(admin_client, model):
    def queries_for_the_changelist() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert admin_client.get(admin_url(model, "changelist")).status_code == 200
        return len(queries)

    CitationFactory(for_statement=True)
    ParticipationFactory()
    fewer = queries_for_the_changelist()
    for _ in range(3):
        CitationFactory(for_statement=True)
        ParticipationFactory(event=CitationFactory().event)

    assert queries_for_the_changelist() == fewer
