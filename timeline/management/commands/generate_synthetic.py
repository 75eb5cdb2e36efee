"""`manage.py generate_synthetic --events N`: deterministic synthetic data at scale (see timeline.synthetic)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

from timeline.api.caching import note_data_changed
from timeline.bulk import BulkWriter
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue
from timeline.synthetic import COLUMNS, FirstIds, SyntheticTimeline

TABLES = {
    "source": Source,
    "actor": Actor,
    "venue": Venue,
    "topic": Topic,
    "event": Event,
    "participation": Participation,
    "event_topic": Event.topics.through,
    "statement": Statement,
    "statement_topic": Statement.topics.through,
    "citation": Citation,
}
REFERENCE_TABLES = ("actor", "venue", "topic")
EDITORIAL_MODELS = (Source, Event, Statement, Actor)


class Command(BaseCommand):
    help = (
        "Generate N synthetic events with their sources, actors, statements and citations, the same for the same "
        "--seed. Written with COPY on PostgreSQL (indexes rebuilt after, then ANALYZE), bulk_create elsewhere. "
        "Refuses a database that holds editorial data unless --force; on PostgreSQL the tables are locked while "
        "it runs, so never point it at a database that serves readers."
    )

    def add_arguments(self, parser):
        parser.add_argument("--events", type=int, required=True, help="How many events to generate.")
        parser.add_argument("--seed", type=int, default=1, help="The random seed (same seed, same data).")
        parser.add_argument("--force", action="store_true", help="Add to a database that holds editorial data.")
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to write into.")

    def handle(self, *args, events, seed, force, database, verbosity, **options):
        if events < 1:
            raise CommandError("--events must be at least 1.")
        if not force and any(model.objects.using(database).exists() for model in EDITORIAL_MODELS):
            raise CommandError("The database holds editorial data; pass --force to add synthetic data to it.")
        started = time.perf_counter()
        writer = BulkWriter(using=database)
        models = list(TABLES.values())
        with transaction.atomic(using=database):
            first_ids = FirstIds(**{name: writer.next_id(TABLES[name]) for name in FirstIds.__dataclass_fields__})
            timeline = SyntheticTimeline(events=events, seed=seed, first_ids=first_ids)
            for name, rows in timeline.reference_rows().tables.items():
                writer.write_objects(TABLES[name], COLUMNS[name], rows)
            with writer.deferred_indexes(models):
                for batch in timeline.batches():
                    for name, rows in batch.tables.items():
                        writer.write(TABLES[name], COLUMNS[name], rows)
                loaded = time.perf_counter()
            writer.reset_sequences(models)
        writer.analyze(models)
        note_data_changed()
        elapsed = time.perf_counter() - started
        if verbosity:
            self.stdout.write(
                f"Generated {events:,} events ({writer.rows_written:,} rows) in {elapsed:.1f} s: "
                f"{events / elapsed:,.0f} events/s, {writer.rows_written / elapsed:,.0f} rows/s "
                f"(writing {loaded - started:.1f} s, indexes and ANALYZE {elapsed - (loaded - started):.1f} s)."
            )
