"""Items' strong ETags: from a per-record version that every write to the item, or to what it embeds, moves."""

import pytest

from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    ParticipationFactory,
    StatementFactory,
    TopicFactory,
    VenueFactory,
)
from timeline.models import Actor, Event, Statement

pytestmark = pytest.mark.django_db


def etag(api, url: str) -> str:
    response = api.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


def event_url(event) -> str:
    return f"/api/v1/events/{event.slug}/"


def statement_url(statement) -> str:
    return f"/api/v1/statements/{statement.slug}/"


def test_an_items_etag_is_strong_and_names_its_version(api):
    event = EventFactory()

    assert etag(api, event_url(event)) == f'"event-{event.pk}-v1"'


@pytest.mark.parametrize("resource", ["events", "statements", "actors", "venues", "topics", "sources"])
def test_every_item_read_answers_304_to_its_etag_reading_only_its_version(
    api, resource, django_assert_num_queries, statement_with_everything
):
    slug = {
        "events": statement_with_everything.event.slug,
        "statements": statement_with_everything.slug,
        "actors": statement_with_everything.speaker.slug,
        "venues": statement_with_everything.event.venue.slug,
        "topics": statement_with_everything.topics.get().slug,
        "sources": statement_with_everything.source.slug,
    }[resource]
    url = f"/api/v1/{resource}/{slug}/"
    current = etag(api, url)

    with django_assert_num_queries(1):
        again = api.get(url, HTTP_IF_NONE_MATCH=current)

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == current
    assert again["Cache-Control"] and again["Last-Modified"]


def test_a_stale_or_weak_variant_of_another_version_reads_the_item_again(api):
    event = EventFactory()
    old = etag(api, event_url(event))
    event.title = "Talks postponed"
    event.save()

    response = api.get(event_url(event), HTTP_IF_NONE_MATCH=old)

    assert response.status_code == 200
    assert response.json()["title"] == "Talks postponed"
    assert response["ETag"] == f'"event-{event.pk}-v2"'


def test_a_venue_as_geojson_has_an_etag_of_its_own(api):
    venue = VenueFactory()

    as_json = etag(api, f"/api/v1/venues/{venue.slug}/")
    as_geojson = etag(api, f"/api/v1/venues/{venue.slug}/?format=geojson")

    assert as_geojson == f'"venue-{venue.pk}-v1.geojson"' != as_json


def test_two_writers_of_the_same_read_never_claim_the_same_version():
    event = EventFactory()
    first, second = Event.objects.get(pk=event.pk), Event.objects.get(pk=event.pk)

    first.save()
    second.save()

    assert (first.version, second.version) == (2, 3)


@pytest.fixture
def statement_with_everything():
    """A statement by a speaker about an actor, on a topic, with a citation, in an event with participants."""
    topic = TopicFactory()
    event = EventFactory(topics=[topic])
    ParticipationFactory(event=event)
    statement = StatementFactory(event=event, source=event.source, topics=[topic], about_actors=[ActorFactory()])
    CitationFactory(statement=statement, event=None)
    return statement


def versions(*items) -> list[int]:
    return [type(item).objects.get(pk=item.pk).version for item in items]


def changes_versions_of(change, *items) -> bool:
    before = versions(*items)
    change()
    return all(after > was for after, was in zip(versions(*items), before, strict=True))


def rename(record, field="name"):
    def change():
        setattr(record, field, f"{getattr(record, field)} (renamed)")
        record.save()

    return change


def test_renaming_an_actor_changes_the_items_that_show_its_name(statement_with_everything):
    statement = statement_with_everything
    participant = statement.event.participations.get().actor
    affiliate = ActorFactory(affiliation=statement.speaker)

    assert changes_versions_of(rename(statement.speaker), statement, affiliate)
    assert changes_versions_of(rename(statement.about_actors.get()), statement)
    assert changes_versions_of(rename(participant), statement.event)


def test_renaming_a_venue_topic_or_source_changes_the_items_that_embed_it(statement_with_everything):
    statement = statement_with_everything
    event = statement.event

    assert changes_versions_of(rename(event.venue), event)
    assert changes_versions_of(rename(statement.topics.get()), event, statement)
    assert changes_versions_of(rename(statement.source, "title"), event, statement)


def test_an_event_and_its_statements_parent_and_children_follow_each_others_titles(statement_with_everything):
    statement = statement_with_everything
    parent = EventFactory()
    event = statement.event
    event.parent = parent
    event.save()
    child = EventFactory(parent=event)

    assert changes_versions_of(rename(event, "title"), statement, parent, child)
    assert changes_versions_of(rename(statement, "title"), event)


def test_moving_a_statement_changes_the_event_it_left_and_the_one_it_joined(statement_with_everything):
    statement = statement_with_everything
    left, joined = statement.event, EventFactory(source=statement.source)

    def move():
        statement.event = joined
        statement.save()

    assert changes_versions_of(move, left, joined)


def test_adding_or_removing_participants_citations_and_topics_changes_the_item(statement_with_everything):
    statement = statement_with_everything
    event = statement.event
    topic = TopicFactory()

    assert changes_versions_of(lambda: ParticipationFactory(event=event), event)
    assert changes_versions_of(lambda: event.participations.first().delete(), event)
    assert changes_versions_of(lambda: CitationFactory(event=event), event)
    assert changes_versions_of(lambda: statement.citations.get().delete(), statement)
    assert changes_versions_of(lambda: event.topics.add(topic), event)
    assert changes_versions_of(lambda: topic.statements.add(statement), statement)
    assert changes_versions_of(lambda: topic.events.clear(), event)
    assert changes_versions_of(lambda: statement.about_actors.clear(), statement)


def test_deleting_an_event_or_topic_changes_the_items_that_showed_it(statement_with_everything):
    statement = statement_with_everything

    assert changes_versions_of(lambda: statement.topics.get().delete(), statement)
    assert changes_versions_of(lambda: statement.event.delete(), statement)
    assert Statement.objects.get(pk=statement.pk).event is None


def test_a_write_leaves_the_versions_of_unrelated_items_alone(statement_with_everything):
    statement = statement_with_everything
    bystanders = [EventFactory(), StatementFactory(), ActorFactory()]
    before = versions(*bystanders)

    rename(statement.speaker)()
    rename(statement.event, "title")()
    rename(statement.source, "title")()

    assert versions(*bystanders) == before
    assert Actor.objects.get(pk=statement.speaker.pk).version == 2
