"""factory-boy factories that make valid timeline rows, for tests that need a few records of their own.

Every factory saves through the model's own `save()`, so derived fields (text hash, dates, sort keys) are
real. A `CitationFactory` citation is verbatim: its `exact` is `source.text[start:end]` of its item's source.
"""

from datetime import date
from decimal import Decimal

import factory

from timeline.choices import (
    ActorKind,
    CoordinatePrecision,
    EventKind,
    EventStatus,
    ParticipantRole,
    ProvenanceBasis,
    StatementMode,
    VenueKind,
)
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue

SOURCE_TEXT = (
    "Negotiators met in Geneva last week and agreed to meet again next month.\n"
    "“We are ready to talk,” the minister said on Tuesday.\n"
)


def _set_m2m(field_name):
    """A post-generation hook that sets a many-to-many field from a list passed to the factory."""

    def hook(obj, create, extracted, **kwargs):
        if create and extracted:
            getattr(obj, field_name).set(extracted)

    return factory.PostGeneration(hook)


def _line_end(text, start):
    end = text.find("\n", start)
    return len(text) if end <= start else end


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Talks to resume, report {n}")
    title_basis = ProvenanceBasis.STATED
    publisher = "The Example Times"
    publisher_basis = ProvenanceBasis.STATED
    published_on = date(2026, 2, 10)
    published_on_basis = ProvenanceBasis.STATED
    text = SOURCE_TEXT


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"actor-{n}")
    name = factory.Sequence(lambda n: f"Minister {n}")
    kind = ActorKind.PERSON
    role = "Foreign Minister"


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"venue-{n}")
    name = "Geneva"
    kind = VenueKind.CITY
    country = "CH"
    latitude = Decimal("46.20440")
    longitude = Decimal("6.14320")
    coordinate_precision = CoordinatePrecision.CITY


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")
    description = "What the talks are about."


class EventFactory(factory.django.DjangoModelFactory):
    """A round of talks "last week"; pass `topics=[...]` to tag it."""

    class Meta:
        model = Event
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"event-{n}")
    source = factory.SubFactory(SourceFactory)
    sequence = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Round {n} of talks")
    kind = EventKind.NEGOTIATION_ROUND
    status = EventStatus.OCCURRED
    venue = factory.SubFactory(VenueFactory)
    summary = "Negotiators met and agreed to meet again."
    date_text = "last week"
    topics = _set_m2m("topics")


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participation

    slug = factory.Sequence(lambda n: f"participation-{n}")
    event = factory.SubFactory(EventFactory)
    actor = factory.SubFactory(ActorFactory)
    role = ParticipantRole.PARTY


class StatementFactory(factory.django.DjangoModelFactory):
    """A paraphrased statement "on Tuesday"; pass `topics=[...]` or `about_actors=[...]` to tag it."""

    class Meta:
        model = Statement
        django_get_or_create = ("slug",)
        skip_postgeneration_save = True

    slug = factory.Sequence(lambda n: f"statement-{n}")
    source = factory.SubFactory(SourceFactory)
    sequence = factory.Sequence(lambda n: n)
    title = factory.Sequence(lambda n: f"Minister {n} is ready to talk")
    speaker = factory.SubFactory(ActorFactory)
    mode = StatementMode.PARAPHRASE
    text = "The minister said they are ready to talk."
    date_text = "on Tuesday"
    topics = _set_m2m("topics")
    about_actors = _set_m2m("about_actors")


class CitationFactory(factory.django.DjangoModelFactory):
    """A verbatim citation for an event (the default) or, with `for_statement=True`, for a statement.

    The span defaults to the rest of the line at `start` (0: the source's first line); pass `start`/`end` to move it.
    """

    class Meta:
        model = Citation
        django_get_or_create = ("slug",)

    class Params:
        for_statement = factory.Trait(event=None, statement=factory.SubFactory(StatementFactory))

    slug = factory.Sequence(lambda n: f"citation-{n}")
    event = factory.SubFactory(EventFactory)
    statement = None
    source = factory.LazyAttribute(lambda o: (o.event or o.statement).source)
    position = factory.Sequence(lambda n: n + 1)
    start = 0
    end = factory.LazyAttribute(lambda o: _line_end(o.source.text, o.start))
    exact = factory.LazyAttribute(lambda o: o.source.text[o.start : o.end])
