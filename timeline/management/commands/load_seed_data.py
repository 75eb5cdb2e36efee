"""`manage.py load_seed_data [--update-unedited]`: add the fixtures' records that the database lacks.

By default every existing row is kept as it is. `--update-unedited` also brings the seed's corrections to rows
that no editor has changed: a row whose values are still exactly those of a previously published seed
(`fixtures/published/*.json`) takes the current fixture's values; any other row is kept and reported.
"""

import json
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import F
from django.utils import timezone

from timeline.models import DatedItem, Source

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
# Every seed fixture ever published, so that a row still holding one of them is known to be unedited.
PUBLISHED_DIR = FIXTURES_DIR / "published"
# Kept by the database, never by a fixture: when a row was made and changed, and how many times.
KEPT_BY_THE_DATABASE = {"created_at", "updated_at", "version"}


class Command(BaseCommand):
    help = (
        "Load fixtures/*.json, adding only the records missing by natural key. Unlike loaddata, it never "
        "overwrites a row that an editor may have changed; --update-unedited corrects the rows no editor changed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help="The database to load into.")
        parser.add_argument(
            "--update-unedited",
            action="store_true",
            help="Also update existing rows still exactly as a published seed had them (never one an editor changed).",
        )

    def handle(self, *args, database, verbosity, update_unedited, **options):
        added = present = 0
        updated, kept = [], []
        with transaction.atomic(using=database):
            pending, existing = [], []
            for path in sorted(FIXTURES_DIR.glob("*.json")):
                stream = path.read_bytes().decode("utf-8")
                for record in serializers.deserialize("json", stream, using=database, handle_forward_references=True):
                    # Django filled in the primary key: a row with this natural key exists already.
                    if record.object.pk is not None:
                        present += 1
                        existing.append(record)
                        continue
                    if not record.deferred_fields:
                        _check(record.object)
                    record.save(using=database)
                    added += 1
                    if record.deferred_fields:
                        pending.append(record)
            for record in pending:
                record.save_deferred_fields(using=database)
            if update_unedited:
                updated, kept = _update_unedited(existing, database=database)
        if verbosity:
            self.stdout.write(f"Seed data: {added} added, {present} already present (kept as they are).")
            if update_unedited:
                self.stdout.write(
                    f"Corrections: {len(updated)} unedited row(s) updated, {len(kept)} edited row(s) kept."
                )
            if verbosity > 1:
                for label in kept:
                    self.stdout.write(f"  kept (an editor changed it): {label}")


def _update_unedited(records: list, *, database: str) -> tuple[list[str], list[str]]:
    """Give every row still holding a published seed's values the current fixture's values."""
    published = _published_versions()
    updated, kept, sources = [], [], set()
    for record in records:
        model, row = type(record.object), record.object
        current = _as_fixture_fields(model._default_manager.using(database).get(pk=row.pk))
        row.created_at = row.updated_at = None  # not in the fixture: the database sets them
        wanted = _as_fixture_fields(row, m2m=record.m2m_data)
        label = f"{model._meta.label_lower} {row.slug}"
        if _same(current, wanted, wanted):
            continue
        versions = published.get((model._meta.label_lower, row.slug), [])
        if not any(_same(current, version, version) for version in versions):
            kept.append(label)
            continue
        _write(record, database=database)
        updated.append(label)
        if isinstance(row, DatedItem):
            sources.add(row.source_id)
    # The fixture's dates hang on the seed's publication date; the database's source may say otherwise.
    for source in Source.objects.using(database).filter(pk__in=sources):
        source.resolve_dependent_dates()
    return updated, kept


def _published_versions() -> dict[tuple[str, str], list[dict]]:
    versions = defaultdict(list)
    for path in sorted(PUBLISHED_DIR.glob("*.json")):
        for entry in json.loads(path.read_bytes().decode("utf-8")):
            versions[(entry["model"], entry["fields"]["slug"])].append(entry["fields"])
    return versions


def _as_fixture_fields(instance, *, m2m: dict | None = None) -> dict:
    """The instance's fields as a natural-key fixture writes them."""
    fields = json.loads(
        serializers.serialize("json", [instance], use_natural_foreign_keys=True, use_natural_primary_keys=True)
    )[0]["fields"]
    if m2m is not None:
        # Unsaved: the deserializer resolved the many-to-many natural keys to primary keys.
        for name, pks in m2m.items():
            related = instance._meta.get_field(name).related_model
            fields[name] = [list(obj.natural_key()) for obj in related._default_manager.filter(pk__in=pks)]
    return fields


def _same(row: dict, version: dict, keys) -> bool:
    """True when `row` holds `version`'s value for every field of `keys` (many-to-many in any order)."""
    for key in keys:
        if key in KEPT_BY_THE_DATABASE:
            continue
        mine, theirs = row.get(key), version.get(key)
        if isinstance(mine, list) and isinstance(theirs, list) and all(isinstance(v, list) for v in mine + theirs):
            mine, theirs = sorted(mine), sorted(theirs)
        if mine != theirs:
            return False
    return True


def _write(record, *, database: str) -> None:
    instance = record.object
    model = type(instance)
    values = {
        field.attname: getattr(instance, field.attname)
        for field in model._meta.concrete_fields
        if not field.primary_key and field.name not in KEPT_BY_THE_DATABASE | {"uuid", "slug"}
    }
    # A queryset update skips save(): the version behind the item's ETag is moved here.
    rows = model._default_manager.using(database).filter(pk=instance.pk)
    rows.update(**values, updated_at=timezone.now(), version=F("version") + 1)
    saved = model._default_manager.using(database).get(pk=instance.pk)
    for name, pks in (record.m2m_data or {}).items():
        getattr(saved, name).set(pks)


def _check(instance) -> None:
    """The same validation as every other write: the model's `full_clean()`."""
    try:
        instance.full_clean()
    except ValidationError as error:
        raise CommandError(f"{instance._meta.label_lower} {instance}: {error}") from error
