"""`manage.py restore FILE`: a backup made by `manage.py backup`, into a database with no timeline data."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from timeline.backup import BackupError, backup_restore, database_has_timeline_data


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` into a database that holds no timeline data yet."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The backup to restore.")
        parser.add_argument("--database", default="default", help="The database to restore into.")
        parser.add_argument(
            "--replace", action="store_true", help="Restore even over existing timeline data (PostgreSQL replaces it)."
        )

    def handle(self, *args, file: Path, database: str, replace: bool, verbosity: int, **options):
        if not replace and database_has_timeline_data(database):
            raise CommandError(
                "The database already holds timeline data: restore into an empty database, or pass --replace."
            )
        try:
            backup_restore(path=file, alias=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        if verbosity:
            self.stdout.write(f"Restored {file}.")
