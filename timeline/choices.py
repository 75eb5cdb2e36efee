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
