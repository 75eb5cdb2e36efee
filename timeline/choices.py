"""Every controlled vocabulary of the timeline, in one place.

The values are part of the public API (`/api/v1/`): add values freely, never rename or remove one.
The date vocabularies mirror `timeline.dates`, the pure-Python resolver; a test keeps them equal.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProvenanceBasis(models.TextChoices):
    """How a fact about a source (its title, publisher, publication date) is known."""

    STATED = "stated", _("stated in the source")
    EDITOR = "editor", _("supplied by an editor")
    UNKNOWN = "unknown", _("unknown")


class InferenceBasis(models.TextChoices):
    """How a fact about an item (who spoke, to which outlet, where, translated or not) is known."""

    STATED = "stated", _("stated in the source")
    ATTRIBUTED = "attributed", _("attributed by the source to someone, not stated as fact")
    EDITOR = "editor", _("an editor's inference from the source")


class DateBasis(models.TextChoices):
    """Where an item's date bounds come from."""

    STATED = "stated", _("stated absolutely in the source")
    RESOLVED = "resolved", _("resolved from a relative phrase against the publication date")
    EDITOR = "editor", _("supplied by an editor")
    UNKNOWN = "unknown", _("unknown")


class DatePrecision(models.TextChoices):
    """How precisely an item's date is known, from most to least precise."""

    DAY = "day", _("day")
    WEEK = "week", _("week")
    MONTH = "month", _("month")
    YEAR = "year", _("year")
    UNKNOWN = "unknown", _("unknown")


class Tense(models.TextChoices):
    """Whether the source speaks of the item as past or future, relative to its publication."""

    PAST = "past", _("past")
    FUTURE = "future", _("future")


class ActorKind(models.TextChoices):
    PERSON = "person", _("person")
    STATE = "state", _("state")
    ORGANIZATION = "organization", _("organization")
    MEDIA_OUTLET = "media_outlet", _("media outlet")
    GROUP = "group", _("group")


class VenueKind(models.TextChoices):
    COUNTRY = "country", _("country")
    CITY = "city", _("city")
    SITE = "site", _("site")


class CoordinatePrecision(models.TextChoices):
    """What a venue's coordinates stand for: a country's centroid is not a street address."""

    EXACT = "exact", _("exact point")
    SITE = "site", _("site")
    CITY = "city", _("city centre")
    REGION = "region", _("region centroid")
    COUNTRY = "country", _("country centroid")
    UNKNOWN = "unknown", _("no coordinates")


class EventKind(models.TextChoices):
    """What happened. A statement is a Statement, never an event kind."""

    TALKS = "talks", _("series of talks")
    NEGOTIATION_ROUND = "negotiation_round", _("negotiation round")
    AGREEMENT = "agreement", _("agreement")
    PRISONER_EXCHANGE = "prisoner_exchange", _("prisoner exchange")
    MEETING = "meeting", _("meeting")
    INTERVIEW = "interview", _("interview")
    TREATY_PROPOSAL = "treaty_proposal", _("treaty proposal")
    MEDIATION = "mediation", _("mediation effort")
    INVOLVEMENT = "involvement", _("involvement the source does not specify")


class EventStatus(models.TextChoices):
    OCCURRED = "occurred", _("occurred")
    AGREED = "agreed", _("agreed, not yet carried out")
    PLANNED = "planned", _("planned")
    REPORTED = "reported", _("reported, not confirmed")


class ParticipantRole(models.TextChoices):
    PARTY = "party", _("party")
    MEDIATOR = "mediator", _("mediator")
    HOST = "host", _("host")
    INVOLVED = "involved", _("involved, in a way the source does not specify")


class StatementMode(models.TextChoices):
    QUOTE = "quote", _("direct quote")
    PARAPHRASE = "paraphrase", _("paraphrase")
    PARTIAL_QUOTE = "partial_quote", _("paraphrase with quoted words")


# --- Interoperability: CAMEO (GDELT) and ACLED codes for what the timeline records ---------------------------
# One table, so that researchers can join Chronicle with GDELT (CAMEO event codes) and ACLED (event and sub-event
# types). ACLED codes political violence, demonstrations and "Strategic developments"; most diplomatic kinds fit
# none of its types, and then we say so (None) rather than force a match. Where CAMEO has no code for a kind
# either (a proposal, an unspecified involvement), the list is empty.

CAMEO_LABELS = {
    "010": "Make statement, not specified below",
    "036": "Express intent to meet or negotiate",
    "040": "Consult, not specified below",
    "044": "Meet at a 'third' location",
    "045": "Mediate",
    "046": "Engage in negotiation",
    "057": "Sign formal agreement",
    "0841": "Return, release person(s)",
}
ACLED_AGREEMENT = ("Strategic developments", "Agreement")  # ACLED counts peace talks and prisoner exchanges here

EVENT_KIND_CODES: dict[str, tuple[tuple[str, ...], tuple[str, str] | None]] = {
    # kind: (CAMEO codes, (ACLED event type, sub-event type) or None)
    EventKind.TALKS: (("046",), ACLED_AGREEMENT),
    EventKind.NEGOTIATION_ROUND: (("046", "044"), ACLED_AGREEMENT),  # 044: held in a third country
    EventKind.AGREEMENT: (("057",), ACLED_AGREEMENT),
    EventKind.PRISONER_EXCHANGE: (("0841",), ACLED_AGREEMENT),
    EventKind.MEETING: (("040",), None),
    EventKind.INTERVIEW: (("010",), None),
    EventKind.TREATY_PROPOSAL: ((), None),
    EventKind.MEDIATION: (("045",), None),
    EventKind.INVOLVEMENT: ((), None),
}
# Something planned that is a meeting of some kind is, until it happens, an intent to meet.
PLANNED_MEETING_CAMEO = "036"
PLANNED_MEETING_KINDS = {EventKind.TALKS, EventKind.NEGOTIATION_ROUND, EventKind.MEETING}
STATEMENT_CAMEO = ("010",)


def event_cameo(kind: str, status: str | None = None) -> list[str]:
    """The CAMEO codes of an event kind (and status): ["046", "044"] for a negotiation round."""
    codes = list(EVENT_KIND_CODES[kind][0])
    if status == EventStatus.PLANNED and kind in PLANNED_MEETING_KINDS:
        codes = [PLANNED_MEETING_CAMEO, *codes]
    return codes


def event_acled(kind: str) -> dict | None:
    """ACLED's event type and sub-event type for an event kind, or None where none fits."""
    types = EVENT_KIND_CODES[kind][1]
    return None if types is None else {"event_type": types[0], "sub_event_type": types[1]}
