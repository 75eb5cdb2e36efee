"""Writing many rows fast: PostgreSQL `COPY` (psycopg 3), `bulk_create` elsewhere.

Rows are plain tuples in the order of a column list of attribute names (`source_id`, not `source`), so the
producer never builds model instances on PostgreSQL. `deferred_indexes()` drops the secondary indexes and
the unique and foreign-key constraints of the tables for the load and rebuilds them from their own
definitions afterwards (one sort per index instead of one insertion per row); everything happens in the
caller's transaction, so a failure leaves the database as it was.
"""

from collections.abc import Iterable, Sequence
from contextlib import contextmanager

from django.core.management.color import no_style
from django.db import connections, models


class BulkWriter:
    """Appends rows to tables of one database, the fastest way its backend allows."""

    def __init__(self, *, using: str = "default", batch_size: int = 2000):
        self.connection = connections[using]
        self.using = using
        self.batch_size = batch_size
        self.rows_written = 0

    @property
    def uses_copy(self) -> bool:
        return self.connection.vendor == "postgresql"

    def write(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> None:
        if self.uses_copy:
            self._copy(model, columns, rows)
        else:
            self._bulk_create(model, columns, rows)

    def write_objects(self, model: type[models.Model], columns: Sequence[str], rows: Iterable[tuple]) -> None:
        """Through `bulk_create` on every backend: for small tables whose fields need Django's conversions."""
        self._bulk_create(model, columns, rows)

    def _copy(self, model, columns, rows):
        # Fields the caller leaves out take their model default, as bulk_create would give them: COPY would
        # write NULL, which a NOT NULL field added later (with a default) refuses.
        defaults = {
            field.name: field.get_default()
            for field in model._meta.concrete_fields
            if field.name not in columns and field.attname not in columns and not field.primary_key and not field.null
        }
        table = self.connection.ops.quote_name(model._meta.db_table)
        all_columns = [*columns, *defaults]
        names = ", ".join(self.connection.ops.quote_name(model._meta.get_field(c).column) for c in all_columns)
        extra = tuple(defaults.values())
        with self.connection.cursor() as cursor, cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row((*row, *extra))
                self.rows_written += 1

    def _bulk_create(self, model, columns, rows):
        instances = [model(**dict(zip(columns, row, strict=True))) for row in rows]
        model.objects.using(self.using).bulk_create(instances, batch_size=self.batch_size)
        self.rows_written += len(instances)

    def next_id(self, model: type[models.Model]) -> int:
        """The first free primary key of `model`'s table: rows are written with explicit ids."""
        largest = model.objects.using(self.using).aggregate(largest=models.Max("pk"))["largest"]
        return (largest or 0) + 1

    def reset_sequences(self, model_list: Sequence[type[models.Model]]) -> None:
        """Move each table's id sequence past the ids written explicitly."""
        statements = self.connection.ops.sequence_reset_sql(no_style(), model_list)
        with self.connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)

    def analyze(self, model_list: Sequence[type[models.Model]]) -> None:
        """Refresh the planner's statistics, which a bulk load leaves stale."""
        if not self.uses_copy:
            return
        with self.connection.cursor() as cursor:
            for model in model_list:
                cursor.execute(f"ANALYZE {self.connection.ops.quote_name(model._meta.db_table)}")

    @contextmanager
    def deferred_indexes(self, model_list: Sequence[type[models.Model]]):
        """On PostgreSQL, load without secondary indexes, unique or foreign-key constraints; rebuild them after.

        Primary keys stay. Must run inside a transaction (the tables are locked until it commits).
        """
        if not self.uses_copy:
            yield
            return
        tables = [model._meta.db_table for model in model_list]
        with self.connection.cursor() as cursor:
            # Deferred foreign-key checks of rows written earlier in the transaction must run before ALTER TABLE.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # A load is no request: index builds at scale run past the request path's statement timeout.
            cursor.execute("SET LOCAL statement_timeout = 0")
            constraints = _constraints(cursor, tables)
            indexes = _standalone_indexes(cursor, tables)
            # Foreign keys first: a unique constraint may back one.
            for table, name, _definition in sorted(constraints, key=lambda c: c[2].startswith("FOREIGN KEY"))[::-1]:
                cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
            for name, _definition in indexes:
                cursor.execute(f"DROP INDEX {name}")
        yield
        with self.connection.cursor() as cursor:
            for _name, definition in indexes:
                cursor.execute(definition)
            for table, name, definition in sorted(constraints, key=lambda c: c[2].startswith("FOREIGN KEY")):
                cursor.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}')


def _constraints(cursor, tables: list[str]) -> list[tuple[str, str, str]]:
    cursor.execute(
        """
        SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
        FROM pg_constraint
        WHERE conrelid = ANY(%s::regclass[]) AND contype IN ('u', 'f')
        ORDER BY conrelid::regclass::text, conname
        """,
        [tables],
    )
    return [(table.strip('"'), name, definition) for table, name, definition in cursor.fetchall()]


def _standalone_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """Indexes that belong to no constraint (the primary key's and unique constraints' come with them)."""
    cursor.execute(
        """
        SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid)
        FROM pg_index
        WHERE indrelid = ANY(%s::regclass[]) AND NOT indisprimary
          AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = indexrelid)
        ORDER BY 1
        """,
        [tables],
    )
    return cursor.fetchall()
