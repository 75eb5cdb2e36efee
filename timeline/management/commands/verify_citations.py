"""`manage.py verify_citations`: check that every citation is verbatim in its source and every text hash holds."""

from django.core.management.base import BaseCommand, CommandError

from timeline.models import Citation, Source, sha256_of


class Command(BaseCommand):
    help = "Check every citation against its source text, and every source text against its SHA-256."

    def handle(self, *args, **options):
        bad_sources = 0
        for source in Source.objects.only("slug", "text", "text_sha256").iterator():
            if source.text_sha256 != sha256_of(source.text):
                bad_sources += 1
                self.stderr.write(f"source {source.slug}: text_sha256 does not match its text")
        checked = bad = 0
        citations = Citation.objects.select_related("source", "event", "statement").order_by("slug")
        for citation in citations.iterator():
            checked += 1
            if problem := self._problem(citation):
                bad += 1
                item = citation.event or citation.statement
                self.stderr.write(
                    f"{citation.slug}: {item._meta.model_name} {item.slug} "
                    f"[{citation.start}, {citation.end}): {problem}"
                )
        if bad or bad_sources:
            sources = f", {bad_sources} source(s) with a wrong text_sha256" if bad_sources else ""
            raise CommandError(f"{bad} bad citation(s){sources}")
        self.stdout.write(f"All {checked} citations are verbatim in their sources.")

    @staticmethod
    def _problem(citation: Citation) -> str | None:
        item = citation.event or citation.statement
        if item.source_id != citation.source_id:
            return f"cites source {citation.source.slug}, but its {item._meta.model_name} is from another source"
        return citation.problem()
