"""Each rule that protects the data is the model's: `full_clean()` refuses it with a message, whoever writes."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tests.factories import CitationFactory, EventFactory, SourceFactory, StatementFactory
from timeline.choices import DateBasis, StatementMode
from timeline.models import Citation, Event, Source, Statement

pytestmark = pytest.mark.django_db


def refused_on(instance, field: str) -> str:
    """The message `full_clean()` gives for `field`; fails the test when it accepts the instance."""
    with pytest.raises(ValidationError) as refused:
        instance.full_clean()
    assert field in refused.value.message_dict, refused.value.message_dict
    return " ".join(refused.value.message_dict[field])


def test_a_citation_of_another_source_than_its_items_is_refused():
    citation = CitationFactory()
    other = SourceFactory(text=citation.source.text)
    citation.source = other

    assert "its item's own source" in refused_on(citation, "source")
    assert Citation.objects.get(pk=citation.pk).source_id != other.pk


def test_a_citation_not_verbatim_in_its_source_is_refused():
    citation = CitationFactory.build(exact="words the source never had", end=26)

    assert "not" in refused_on(citation, "exact")


def test_an_event_cannot_be_part_of_a_series_that_is_part_of_it():
    first = EventFactory()
    second = EventFactory(source=first.source, parent=first)
    first.parent = second

    assert second.slug in refused_on(first, "parent")
    assert Event.objects.get(pk=first.pk).parent_id is None


def test_an_event_cannot_end_before_an_event_that_ends_before_it():
    first = EventFactory(date_text="")
    second = EventFactory(source=first.source, date_text="", date_ends_before=first)
    first.date_ends_before = second

    assert "loop" in refused_on(first, "date_ends_before")
    assert Event.objects.get(pk=first.pk).date_ends_before_id is None


def test_a_quote_must_be_verbatim_in_its_source():
    statement = StatementFactory(mode=StatementMode.PARAPHRASE, text="Something never said.")
    statement.mode = StatementMode.QUOTE

    assert "verbatim" in refused_on(statement, "text")
    assert Statement.objects.get(pk=statement.pk).mode == StatementMode.PARAPHRASE


@pytest.mark.parametrize("field", ["slug", "uuid"])
def test_a_published_slug_or_uuid_change_is_a_validation_message_not_a_crash(field):
    event = EventFactory()
    original = getattr(event, field)
    setattr(event, field, "renamed" if field == "slug" else "0b9a4c53-5c6b-4a0e-9a44-8a3d2b4b2d10")

    assert "never changes" in refused_on(event, field)
    assert getattr(Event.objects.get(pk=event.pk), field) == original


def test_a_cited_source_text_change_is_a_validation_message():
    source = CitationFactory().source
    source.text = "A different text."

    assert "cited" in refused_on(source, "text")


def test_a_source_read_without_its_text_can_be_saved():
    source = CitationFactory().source
    deferred = Source.objects.defer("text").get(pk=source.pk)
    deferred.title = "A better title"

    deferred.full_clean()
    deferred.save()

    stored = Source.objects.get(pk=source.pk)
    assert (stored.title, stored.text, stored.text_sha256) == ("A better title", source.text, source.text_sha256)


def test_a_source_whose_text_was_read_later_can_still_be_saved():
    source = CitationFactory().source
    deferred = Source.objects.defer("text").get(pk=source.pk)
    assert deferred.text == source.text

    deferred.full_clean()
    deferred.save()


def test_an_item_without_a_source_gets_a_message_not_a_crash():
    statement = StatementFactory.build(source=None)

    assert "source" in refused_on(statement, "source").lower()


def test_a_publication_date_that_breaks_a_bound_is_a_validation_message_and_save_never_raises_a_date_error():
    source = SourceFactory(published_on=date(2026, 2, 10))
    later = EventFactory(source=source, date_text="10 February 2026")
    EventFactory(source=source, date_text="on Monday", date_ends_before=later)
    source.published_on = date(2026, 2, 17)

    assert "must end before" in refused_on(source, "published_on")
    with pytest.raises(ValidationError):
        source.save()
    assert Source.objects.get(pk=source.pk).published_on == date(2026, 2, 10)


def test_an_editor_supplied_date_without_a_reason_is_refused_before_the_database():
    event = EventFactory()
    event.date_basis, event.earliest, event.latest = DateBasis.EDITOR, date(2026, 2, 1), date(2026, 2, 3)

    with pytest.raises(ValidationError):
        event.full_clean()
    event.date_note = "The ministry's calendar says so."
    event.full_clean()
