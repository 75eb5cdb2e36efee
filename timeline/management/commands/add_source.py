"""`manage.py add_source FILE --title … --published …`: add a published text as a source, exactly as published."""

from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from timeline.choices import ProvenanceBasis
from timeline.models import Source, sha256_of

_BASES = [ProvenanceBasis.STATED.value, ProvenanceBasis.EDITOR.value]


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--published must be a date as YYYY-MM-DD, not {value!r}") from None


def _read_exactly(path: Path) -> str:
    """The file's text, byte for byte: no newline translation, no stripping, no Unicode normalisation."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CommandError(f"cannot read {path}: {error.strerror}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 (byte {error.start}): save it as UTF-8 and try again") from None
    if not text.strip():
        raise CommandError(f"{path} has no text")
    if "\x00" in text:
        raise CommandError(f"{path} contains a NUL character, which no database text column can hold")
    return text


class Command(BaseCommand):
    help = (
        "Add a source from a UTF-8 text file, stored byte for byte (line ends, white space and Unicode form as in "
        "the file) with its SHA-256. An existing slug is never overwritten."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The text as published, a UTF-8 file.")
        parser.add_argument("--title", required=True, help="The headline.")
        parser.add_argument("--published", required=True, type=_day, help="The publication date, YYYY-MM-DD.")
        parser.add_argument("--url", default="", help="Where it was published.")
        parser.add_argument("--publisher", default="", help="Who published it.")
        parser.add_argument("--slug", help="Its name in URLs (default: from the title).")
        parser.add_argument("--language", default="en", help="A BCP 47 tag (default: en).")
        for fact in ("title", "publisher", "published"):
            parser.add_argument(
                f"--{fact}-basis",
                choices=_BASES,
                default=ProvenanceBasis.STATED.value,
                help=f"'stated': the publication states the {fact} (default); 'editor': you supply it (give a note).",
            )
            parser.add_argument(f"--{fact}-note", default="", help=f"Why the editor supplied the {fact}.")

    def handle(self, *args, file, title, published, url, publisher, slug, language, verbosity, **options):
        text = _read_exactly(file)
        slug = slug or slugify(title)[:100].strip("-")
        publisher_basis = options["publisher_basis"] if publisher else ProvenanceBasis.UNKNOWN.value
        source = Source(
            slug=slug,
            title=title,
            title_basis=options["title_basis"],
            title_note=options["title_note"],
            publisher=publisher,
            publisher_basis=publisher_basis,
            publisher_note=options["publisher_note"],
            url=url,
            language=language,
            published_on=published,
            published_on_basis=options["published_basis"],
            published_on_note=options["published_note"],
            text=text,
            text_sha256=sha256_of(text),
        )
        try:
            source.full_clean()
        except ValidationError as error:
            problems = "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
            raise CommandError(f"source not added: {problems}") from None
        with transaction.atomic():
            source.save()
        if verbosity:
            self.stdout.write(
                f"Added source {source.slug}: {len(text)} characters, SHA-256 {source.text_sha256}, "
                f"published {source.published_on.isoformat()}."
            )
