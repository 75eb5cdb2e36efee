"""Trigram indexes that serve the admin's case-insensitive name search on PostgreSQL.

Django writes `name__icontains` as `UPPER("name"::text) LIKE UPPER(%s)`; a GIN index on that expression with
pg_trgm's operator class answers it without reading every row. SQLite has no pg_trgm and small data.
"""

from django.db import migrations

SEARCHED = {
    "timeline_source": ("title",),
    "timeline_actor": ("name", "aliases"),
    "timeline_venue": ("name",),
    "timeline_topic": ("name",),
    "timeline_citation": ("exact",),
}


def add_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, columns in SEARCHED.items():
        for column in columns:
            schema_editor.execute(
                f'CREATE INDEX "{table}_{column}_trgm_idx" ON "{table}" USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in SEARCHED.items():
        for column in columns:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{table}_{column}_trgm_idx"')


class Migration(migrations.Migration):
    dependencies = [("timeline", "0004_editors_group")]

    operations = [migrations.RunPython(add_trigram_indexes, drop_trigram_indexes, elidable=False)]
