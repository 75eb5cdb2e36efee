"""`manage.py build_fixtures [--check]`: rebuild fixtures/seed.json from seeds/, or check that it is current."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from timeline import seeds

DEFAULT_OUTPUT = Path(settings.BASE_DIR) / "fixtures" / "seed.json"


class Command(BaseCommand):
    help = "Build fixtures/seed.json from seeds/annotations.yaml and the article it cites."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Fail if the fixture on disk is not the seeds'.")
        parser.add_argument("--seeds", dest="seeds_dir", type=Path, default=seeds.SEEDS_DIR, help="The seeds folder.")
        parser.add_argument("--output", type=Path, default=DEFAULT_OUTPUT, help="The fixture file to write or check.")

    def handle(self, *args, check: bool, seeds_dir: Path, output: Path, **options):
        try:
            records = seeds.fixture_records(seeds_dir=seeds_dir)
        except seeds.SeedError as error:
            raise CommandError(str(error)) from error
        text = seeds.render_fixture(records).encode("utf-8")
        if check:
            if not output.is_file() or output.read_bytes() != text:
                raise CommandError("fixtures/ is stale: run `make fixtures`")
            self.stdout.write(f"{output.name} is up to date ({len(records)} records).")
            return
        output.parent.mkdir(parents=True, exist_ok=True)
        # Bytes, so that no platform rewrites the line ends.
        output.write_bytes(text)
        self.stdout.write(f"Wrote {len(records)} records to {output}.")
