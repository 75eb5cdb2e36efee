"""`manage.py backup FILE`: the whole database in one file (pg_dump custom format, or JSON on SQLite)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.backup import BackupError, backup_create


class Command(BaseCommand):
    help = "Write a backup of the whole database to FILE (PostgreSQL: pg_dump custom format; SQLite: JSON)."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="Where to write the backup.")
        parser.add_argument("--database", default="default", help="The database to back up.")

    def handle(self, *args, file: Path, database: str, verbosity: int, **options):
        file.parent.mkdir(parents=True, exist_ok=True)
        try:
            backup_create(path=file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(f"Backup written to {file} ({file.stat().st_size:,} bytes).")
