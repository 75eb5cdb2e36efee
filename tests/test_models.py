"""Rules the database and the models enforce, whoever writes: the admin, the API, a script."""

import hashlib
from datetime import date

import edtf
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.factories import CitationFactory, EventFactory, SourceFactory, StatementFactory
from timeline import choices, dates
from timeline.models import Citation, Event, Source, Statement

pytestmark = pytest.mark.django_db


def refused(update):
    with pytest.raises(IntegrityError), transaction.atomic():
        update()


def test_a_published_slug_never_changes():
    event = EventFactory()
    event.slug = "renamed"

    with pytest.raises(ValidationError):
        event.save()
    assert Event.objects.filter(slug="renamed").count() == 0


def test_database_refuses_an_earliest_date_after_the_latest():
    event = EventFactory()

    refused(lambda: Event.objects.filter(pk=event.pk).update(earliest=date(2026, 3, 1), latest=date(2026, 2, 1)))


def test_database_refuses_values_outside_the_vocabularies():
    event = EventFactory()
    statement = StatementFactory()

    refused(lambda: Event.objects.filter(pk=event.pk).update(kind="statement"))
    refused(lambda: Event.objects.filter(pk=event.pk).update(status="cancelled"))
    refused(lambda: Event.objects.filter(pk=event.pk).update(date_precision="hour"))
    refused(lambda: Statement.objects.filter(pk=statement.pk).update(mode="rumour"))


def test_database_refuses_a_citation_that_is_empty_or_whose_length_is_not_its_text():
    citation = CitationFactory()

    refused(lambda: Citation.objects.filter(pk=citation.pk).update(end=citation.start))
    refused(lambda: Citation.objects.filter(pk=citation.pk).update(end=citation.end + 1))


def test_database_refuses_a_citation_for_both_an_event_and_a_statement():
    citation = CitationFactory()

    refused(lambda: Citation.objects.filter(pk=citation.pk).update(statement=StatementFactory()))


def test_an_editor_supplied_date_needs_a_reason():
    event = EventFactory()

    refused(lambda: Event.objects.filter(pk=event.pk).update(date_basis="editor", date_note=""))


def test_a_citation_not_verbatim_at_its_offsets_fails_validation():
    citation = CitationFactory.build(event=EventFactory(), start=1)
    citation.exact = "not the text there"

    with pytest.raises(ValidationError):
        citation.full_clean()


def test_a_cited_source_text_cannot_change():
    citation = CitationFactory()
    source = Source.objects.get(pk=citation.source_id)
    source.text = source.text + " Edited."

    with pytest.raises(ValidationError):
        source.save()
    assert Source.objects.get(pk=source.pk).text == citation.source.text


def test_the_text_hash_is_the_sha256_of_its_utf8_bytes():
    source = SourceFactory(text="Ünïcode “quotes”.")

    assert source.text_sha256 == hashlib.sha256("Ünïcode “quotes”.".encode()).hexdigest()


def test_relative_date_moves_when_publication_date_changes_along_a_chain_of_bounds():
    source = SourceFactory(published_on=date(2026, 2, 10))
    third = EventFactory(source=source, date_text="last week", sequence=3)
    second = EventFactory(source=source, date_text="in recent weeks", date_ends_before=third, sequence=2)
    first = EventFactory(source=source, date_text="in recent weeks", date_ends_before=second, sequence=1)
    assert (first.latest, second.latest, third.latest) == (date(2026, 2, 6), date(2026, 2, 7), date(2026, 2, 8))

    source.published_on = date(2026, 3, 10)
    source.save()

    for event in (first, second, third):
        event.refresh_from_db()
    assert (third.earliest, third.latest) == (date(2026, 3, 2), date(2026, 3, 8))
    assert second.latest == date(2026, 3, 7)
    assert first.latest == date(2026, 3, 6)
    assert first.sort_key < second.sort_key < third.sort_key


def test_a_publication_date_change_that_breaks_a_bound_is_refused_whole():
    source = SourceFactory(published_on=date(2026, 2, 10))
    later = EventFactory(source=source, date_text="10 February 2026", sequence=2)
    earlier = EventFactory(source=source, date_text="on Monday", date_ends_before=later, sequence=1)
    assert earlier.latest == date(2026, 2, 9)

    source.published_on = date(2026, 2, 17)
    with pytest.raises(ValidationError) as refused:
        source.full_clean()
    assert "published_on" in refused.value.message_dict
    with pytest.raises(ValidationError):
        source.save()

    assert Source.objects.get(pk=source.pk).published_on == date(2026, 2, 10)
    earlier.refresh_from_db()
    assert earlier.latest == date(2026, 2, 9)


def test_django_vocabularies_mirror_the_pure_date_module():
    assert choices.DatePrecision.values == [p.value for p in dates.PRECISION_ORDER]
    assert set(choices.DateBasis.values) == {b.value for b in dates.Basis}
    assert set(choices.Tense.values) == {t.value for t in dates.Tense}


def test_every_stored_edtf_is_valid_iso_8601_2(seeded):
    items = [*Event.objects.all(), *Statement.objects.all()]

    assert items
    for item in items:
        parsed = edtf.parse_edtf(item.edtf)
        assert str(parsed) == item.edtf, item.slug
