"""selectors.source_proposals: a stored source's proposals, matched to the actors and venues the database knows."""

from timeline.models import Source
from timeline.proposals import ProposalKind
from timeline.selectors import source_proposals


def test_the_seed_sources_quotations_are_attributed_to_known_actors_by_slug(seeded, django_assert_num_queries):
    source = Source.objects.get(slug="moscow-demands-reciprocal-security-guarantees")
    with django_assert_num_queries(2):
        proposals = source_proposals(source=source)
    speakers = [p.speaker.slug for p in proposals if p.kind is ProposalKind.QUOTATION]
    assert speakers == ["alexander-grushko"] * 4 + ["dmitry-peskov", "sergey-lavrov"]
    venues = {p.name.slug for p in proposals if p.kind is ProposalKind.NAME and p.exact == "United Arab Emirates"}
    assert venues == {"united-arab-emirates"}


def test_relative_dates_resolve_against_the_sources_publication_date(seeded):
    source = Source.objects.get(slug="moscow-demands-reciprocal-security-guarantees")
    [last_week] = [p for p in source_proposals(source=source) if p.exact == "last week"]
    assert (last_week.date.earliest.isoformat(), last_week.date.latest.isoformat()) == ("2026-02-02", "2026-02-08")
