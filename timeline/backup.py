"""Backups of the whole database, in each engine's own format.

PostgreSQL: `pg_dump --format=custom` and `pg_restore`, schema and data together, history included.
SQLite: `dumpdata` as YAML (JSON would cut timestamps to milliseconds) with natural keys, without content types,
permissions and sessions (which `migrate` recreates, or which are worth nothing after a restore), and `loaddata`
after `migrate`.
"""

import os
import subprocess
from pathlib import Path

from django.core.management import call_command
from django.db import connections

LEFT_OUT_OF_YAML_BACKUPS = ("contenttypes", "auth.permission", "sessions")


class BackupError(Exception):
    """A backup or restore that could not be done; the message says why."""


def is_postgresql(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


def backup_create(*, path: Path, alias: str = "default") -> None:
    if is_postgresql(alias):
        _run_postgresql_tool(
            "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file", str(path), alias=alias
        )
    else:
        yaml_backup_create(path=path, alias=alias)


def backup_restore(*, path: Path, alias: str = "default") -> None:
    """Restore `path` into a database that holds no timeline data (the caller checks)."""
    if not path.is_file():
        raise BackupError(f"No backup at {path}.")
    if not is_postgresql(alias) and path.suffix != ".yaml":
        raise BackupError(f"A backup of this database is YAML (*.yaml), made by `manage.py backup`: not {path.name}.")
    if is_postgresql(alias):
        _run_postgresql_tool(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            str(path),
            alias=alias,
        )
    else:
        call_command("migrate", database=alias, interactive=False, verbosity=0)
        yaml_backup_restore(path=path, alias=alias)


def yaml_backup_create(*, path: Path, alias: str = "default") -> None:
    """Every row but the left-out apps, by natural key, so that it loads into any migrated database."""
    if path.suffix != ".yaml":
        raise BackupError(f"A backup of this database is YAML: name it *.yaml, not {path.name}.")
    call_command(
        "dumpdata",
        natural_foreign=True,
        natural_primary=True,
        format="yaml",
        exclude=list(LEFT_OUT_OF_YAML_BACKUPS),
        output=str(path),
        database=alias,
        verbosity=0,
    )


def yaml_backup_restore(*, path: Path, alias: str = "default") -> None:
    """Load a YAML backup in one transaction (loaddata's own): all of it or nothing."""
    call_command("loaddata", str(path), database=alias, verbosity=0)


def database_has_timeline_data(alias: str = "default") -> bool:
    from timeline.models import Source

    connection = connections[alias]
    if Source._meta.db_table not in connection.introspection.table_names():
        return False
    return Source.objects.using(alias).exists()


def _run_postgresql_tool(tool: str, *arguments: str, alias: str) -> None:
    settings = connections[alias].settings_dict
    environment = {**os.environ, "PGPASSWORD": settings.get("PASSWORD") or ""}
    command = [tool, "--dbname", settings["NAME"], *arguments]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings.get(key):
            command[1:1] = [flag, str(settings[key])]
    connections[alias].close()
    result = subprocess.run(command, env=environment, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
