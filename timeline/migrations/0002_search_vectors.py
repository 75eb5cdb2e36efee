"""Stored full-text search vectors with GIN indexes, on PostgreSQL only.

The vectors are generated columns, so the database keeps them current on every write, `loaddata`
included. The models do not declare them: SQLite has no tsvector, and falls back to substring search.
"""

from django.db import migrations

VECTORS = {
    "timeline_event": ("title", "summary"),
    "timeline_statement": ("title", "text"),
}


def weighted(columns):
    weights = "ABCD"
    return " || ".join(
        f"setweight(to_tsvector('english'::regconfig, coalesce({column}, '')), '{weights[i]}')"
        for i, column in enumerate(columns)
    )


def add_search_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, columns in VECTORS.items():
        schema_editor.execute(
            f"ALTER TABLE {table} ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({weighted(columns)}) STORED"
        )
        schema_editor.execute(f"CREATE INDEX {table}_search_idx ON {table} USING gin (search_vector)")


def drop_search_vectors(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in VECTORS:
        schema_editor.execute(f"ALTER TABLE {table} DROP COLUMN search_vector")


class Migration(migrations.Migration):
    dependencies = [("timeline", "0001_initial")]

    operations = [migrations.RunPython(add_search_vectors, drop_search_vectors, elidable=False)]
