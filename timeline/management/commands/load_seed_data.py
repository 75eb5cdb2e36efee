"""`manage.py load_seed_data`: add the fixtures' records that the database lacks, and keep every existing row."""

from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = (
        "Load fixtures/*.json, adding only the records missing by natural key. Unlike loaddata, it never "
        "overwrites a row that exists: an editor may have changed it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to load into.")

    def handle(self, *args, database, verbosity, **options):
        added = present = 0
        with transaction.atomic(using=database):
            pending = []
            for path in sorted(FIXTURES_DIR.glob("*.json")):
                stream = path.read_bytes().decode("utf-8")
                for record in serializers.deserialize("json", stream, using=database, handle_forward_references=True):
                    # Django filled in the primary key: a row with this natural key exists already.
                    if record.object.pk is not None:
                        present += 1
                        continue
                    if not record.deferred_fields:
                        _check(record.object)
                    record.save(using=database)
                    added += 1
                    if record.deferred_fields:
                        pending.append(record)
            for record in pending:
                record.save_deferred_fields(using=database)
        if verbosity:
            self.stdout.write(f"Seed data: {added} added, {present} already present (kept as they are).")


def _check(instance) -> None:
    """The same validation as every other write: the model's `full_clean()`."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise CommandError(f"{instance._meta.label_lower} {instance}: {error}") from error
