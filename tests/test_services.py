"""The write services: an item with its participants and citations, written whole or not at all."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import ActorFactory, EventFactory, SourceFactory, TopicFactory
from timeline import services
from timeline.choices import EventKind, EventStatus, ParticipantRole, StatementMode
from timeline.models import Citation, Event, Participation, Statement

pytestmark = pytest.mark.django_db

ROUND = {
    "title": "Talks in Geneva",
    "kind": EventKind.NEGOTIATION_ROUND,
    "status": EventStatus.OCCURRED,
    "summary": "Negotiators met.",
    "date_text": "last week",
}


def test_an_event_is_created_with_its_participants_and_citations_found_from_the_quoted_words():
    source = SourceFactory()
    actor, topic = ActorFactory(), TopicFactory()

    event = services.event_create(
        source=source,
        fields=ROUND,
        participants=[{"actor": actor, "role": ParticipantRole.PARTY}],
        citations=[{"exact": "met in Geneva last week"}, {"exact": "agreed to meet again"}],
        topics=[topic],
    )

    assert event.slug == "talks-in-geneva"
    assert event.sequence == source.text.index("met in Geneva")
    assert (event.earliest, event.latest) == (date(2026, 2, 2), date(2026, 2, 8))
    cited = list(event.citations.order_by("position"))
    assert [(c.position, c.exact) for c in cited] == [(1, "met in Geneva last week"), (2, "agreed to meet again")]
    assert source.text[cited[0].start : cited[0].end] == "met in Geneva last week"
    assert list(event.participants.all()) == [actor]
    assert list(event.topics.all()) == [topic]


def test_a_write_with_words_not_in_the_source_changes_nothing_and_says_which_citation():
    source = SourceFactory()
    before = (Event.objects.count(), Citation.objects.count(), Participation.objects.count())

    with pytest.raises(ValidationError) as refused:
        services.event_create(
            source=source,
            fields=ROUND,
            participants=[{"actor": ActorFactory(), "role": ParticipantRole.PARTY}],
            citations=[{"exact": "met in Geneva"}, {"exact": "met in Paris"}],
        )

    assert list(refused.value.message_dict) == ["citations.1.exact"]
    assert (Event.objects.count(), Citation.objects.count(), Participation.objects.count()) == before


def test_words_that_occur_twice_need_their_occurrence():
    source = SourceFactory(text="They met. Then they met again.\n")

    with pytest.raises(ValidationError, match="occurs 2 times"):
        services.statement_create(source=source, fields=_statement(), citations=[{"exact": "met"}])
    statement = services.statement_create(
        source=source, fields=_statement(), citations=[{"exact": "met", "occurrence": 2}]
    )

    assert statement.citations.get().start == source.text.rindex("met")


def test_an_item_update_keeps_the_citations_it_still_cites_and_renumbers_them():
    event = services.event_create(
        source=SourceFactory(), fields=ROUND, citations=[{"exact": "met in Geneva"}, {"exact": "next month"}]
    )
    kept = event.citations.get(exact="next month")

    services.event_update(
        event=event, fields={"title": "Geneva talks"}, citations=[{"exact": "next month"}, {"exact": "on Tuesday"}]
    )

    cited = list(event.citations.order_by("position"))
    assert [c.exact for c in cited] == ["next month", "on Tuesday"]
    assert cited[0].slug == kept.slug
    assert Event.objects.get(pk=event.pk).title == "Geneva talks"


def test_a_citation_is_created_from_the_pasted_words_after_the_items_others():
    event = services.event_create(source=SourceFactory(), fields=ROUND, citations=[{"exact": "met in Geneva"}])

    citation = services.citation_create(item=event, exact="next month")

    assert (citation.position, citation.exact, citation.source) == (2, "next month", event.source)


def test_a_citation_of_another_source_than_its_items_is_refused():
    event = services.event_create(source=SourceFactory(), fields=ROUND, citations=[{"exact": "met in Geneva"}])

    with pytest.raises(ValidationError) as refused:
        services.citation_create(item=event, exact="met in Geneva", source=SourceFactory())

    assert "source" in refused.value.message_dict
    assert event.citations.count() == 1


def test_changing_a_date_re_resolves_the_events_bounded_by_it_in_other_sources_too():
    second = EventFactory(source=SourceFactory(published_on=date(2026, 2, 10)), date_text="last week")
    first = EventFactory(
        source=SourceFactory(published_on=date(2026, 2, 20)), date_text="in recent weeks", date_ends_before=second
    )
    assert first.latest == date(2026, 2, 7)

    services.event_update(event=second, fields={"date_text": "yesterday"})

    first.refresh_from_db()
    assert first.latest == date(2026, 2, 8)
    assert first.history.first().history_change_reason == "date re-resolved"


def test_a_date_change_that_a_bounded_event_cannot_follow_is_refused_whole():
    later = EventFactory(date_text="10 February 2026")
    earlier = EventFactory(source=later.source, date_text="on Monday", date_ends_before=later)

    with pytest.raises(ValidationError):
        services.event_update(event=later, fields={"date_text": "1 February 2026"})

    assert Event.objects.get(pk=later.pk).latest == date(2026, 2, 10)
    assert Event.objects.get(pk=earlier.pk).latest == date(2026, 2, 9)


def test_an_event_that_bounds_another_cannot_be_deleted():
    later = EventFactory()
    EventFactory(source=later.source, date_text="in recent weeks", date_ends_before=later)

    with pytest.raises(ValidationError, match="rest on it"):
        services.item_delete(item=later)

    assert Event.objects.filter(pk=later.pk).exists()


def test_deleting_a_statement_deletes_its_citations_and_records_who_did_it(django_user_model):
    editor = django_user_model.objects.create(username="editor")
    statement = services.statement_create(
        source=SourceFactory(), fields=_statement(), citations=[{"exact": "ready to talk"}], user=editor
    )

    statement_id = statement.pk

    services.item_delete(item=statement, user=editor)

    assert not Statement.objects.filter(pk=statement_id).exists()
    assert not Citation.objects.filter(statement_id=statement_id).exists()
    deletion = Statement.history.filter(id=statement_id).latest()
    assert (deletion.history_type, deletion.history_user) == ("-", editor)


def test_a_quote_not_verbatim_in_its_source_is_refused():
    with pytest.raises(ValidationError) as refused:
        services.statement_create(
            source=SourceFactory(),
            fields={**_statement(), "mode": StatementMode.QUOTE, "text": "We will never talk."},
            citations=[{"exact": "ready to talk"}],
        )

    assert "text" in refused.value.message_dict


def _statement():
    return {
        "title": "The minister is ready to talk",
        "mode": StatementMode.PARAPHRASE,
        "text": "The minister said they are ready.",
        "date_text": "on Tuesday",
    }
