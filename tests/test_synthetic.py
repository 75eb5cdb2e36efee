"""`generate_synthetic`: deterministic, varied, verbatim-cited data written in bulk, on either backend."""

from collections import Counter
from datetime import UTC, datetime

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from timeline.bulk import BulkWriter
from timeline.choices import DatePrecision
from timeline.models import Actor, Citation, Event, Participation, Source, Statement
from timeline.synthetic import RARE_WORD, SyntheticTimeline

from .factories import SourceFactory

EVENTS = 400


def generate(events=EVENTS, **options):
    call_command("generate_synthetic", events=events, verbosity=0, **options)


def all_rows(timeline: SyntheticTimeline) -> list:
    return [timeline.reference_rows().tables, *(batch.tables for batch in timeline.batches(sources_per_batch=3))]


def test_the_same_seed_generates_the_same_rows_and_another_seed_other_rows():
    moment = datetime(2026, 1, 1, tzinfo=UTC)

    first = all_rows(SyntheticTimeline(events=60, seed=7, now=moment))
    again = all_rows(SyntheticTimeline(events=60, seed=7, now=moment))
    other = all_rows(SyntheticTimeline(events=60, seed=8, now=moment))

    assert first == again
    assert first != other


def test_every_generated_citation_is_verbatim_in_its_source(empty_database):
    generate()

    citations = Citation.objects.select_related("source")
    assert citations.count() >= EVENTS
    assert [citation.slug for citation in citations if citation.problem()] == []


def test_generated_dates_are_what_the_resolver_gives_for_the_words_and_the_publication_date(empty_database):
    generate()

    for model in (Event, Statement):
        for item in model.objects.select_related("source"):
            stored = (item.earliest, item.latest, item.date_precision, item.date_basis, item.edtf, item.sort_key)
            item.resolve_date()
            assert (item.earliest, item.latest, item.date_precision, item.date_basis, item.edtf, item.sort_key) == (
                stored
            ), item.slug


def test_generated_dates_include_every_precision_undated_and_open_ended_items(empty_database):
    generate()

    events = Event.objects.all()
    assert set(events.values_list("date_precision", flat=True)) == set(DatePrecision.values)
    assert events.filter(earliest__isnull=True, latest__isnull=True).exists()
    assert events.filter(earliest__isnull=True, latest__isnull=False).exists()
    assert events.filter(earliest__isnull=False, latest__isnull=True).exists()


def test_one_actor_takes_part_in_about_a_quarter_of_events_and_rare_actors_in_exactly_three(empty_database):
    generate(events=1000)

    per_actor = Counter(Participation.objects.values_list("actor", flat=True))
    _busiest, busiest_count = per_actor.most_common(1)[0]
    assert 0.2 < busiest_count / 1000 < 0.3
    assert sum(1 for count in per_actor.values() if count == 3) >= 10
    assert Event.objects.filter(summary__contains="talks").count() > 500
    assert Event.objects.filter(summary__contains=RARE_WORD).count() < 10


def test_generated_data_is_served_by_the_api(empty_database, api):
    generate()
    event = Event.objects.order_by("id").first()

    assert api.get("/api/v1/timeline/").status_code == 200
    assert api.get(f"/api/v1/events/{event.slug}/").json()["citations"][0]["exact"]


def test_a_database_with_editorial_data_is_refused_without_force(seeded):
    before = Event.objects.count()

    with pytest.raises(CommandError, match="--force"):
        generate(events=20)

    assert Event.objects.count() == before


def test_force_adds_synthetic_data_beside_the_editorial_data(seeded):
    sources_before = set(Source.objects.values_list("slug", flat=True))
    events_before = Event.objects.count()

    generate(events=20, force=True)
    generate(events=20, force=True, seed=2)

    assert sources_before <= set(Source.objects.values_list("slug", flat=True))
    assert Event.objects.count() == events_before + 40
    assert Actor.objects.filter(slug__startswith="synthetic-actor-").exists()


def test_a_row_created_after_a_bulk_load_gets_a_fresh_id(empty_database):
    generate(events=20)
    largest = Source.objects.order_by("-id").first().id

    created = SourceFactory()

    assert created.id > largest


def test_bulk_loading_leaves_every_index_and_constraint_as_the_migrations_made_it(empty_database):
    tables = [model._meta.db_table for model in (Event, Participation, Citation, Source)]

    def schema():
        with connection.cursor() as cursor:
            return {table: connection.introspection.get_constraints(cursor, table) for table in tables}

    before = schema()
    generate(events=20)

    assert schema() == before


def test_the_writer_reports_the_rows_it_wrote(empty_database):
    writer = BulkWriter()
    rows = [(900 + n, f"topic-{n}", f"00000000-0000-4000-8000-{n:012d}", "Topic", "") for n in range(3)]

    writer.write_objects(
        Source._meta.apps.get_model("timeline", "Topic"), ["id", "slug", "uuid", "name", "description"], rows
    )

    assert writer.rows_written == 3
