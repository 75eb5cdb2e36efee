"""Reads: the querysets behind every list and timeline, filtered from validated parameters.

A filter that does not apply to a type (`status` to statements) excludes that type: the functions return
None for it. Many-to-many filters use EXISTS, never DISTINCT, so that the (sort_key, id) index still orders.
"""

import heapq
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.db.models import BooleanField, Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL

from timeline.dates import precisions_at_least
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue
from timeline.proposals import KnownName, Proposal, propose

EVENT = "event"
STATEMENT = "statement"
ENTRY_TYPES = (EVENT, STATEMENT)


@dataclass(frozen=True)
class TimelineQuery:
    """Validated filter values; empty means 'not asked for'."""

    actors: list[Actor] = field(default_factory=list)
    venue: Venue | None = None
    country: str = ""
    kinds: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    precision: str = ""
    q: str = ""
    date_after: date | None = None
    date_before: date | None = None
    dated: bool | None = None

    @classmethod
    def from_parameters(cls, data: dict) -> "TimelineQuery":
        """Build from a filterset's cleaned data, keyed by the public parameter names."""
        return cls(
            actors=list(data.get("actor") or []),
            venue=data.get("venue"),
            country=data.get("country") or "",
            kinds=list(data.get("kind") or []),
            statuses=list(data.get("status") or []),
            topics=list(data.get("topic") or []),
            types=list(data.get("type") or []),
            precision=data.get("precision") or "",
            q=(data.get("q") or "").strip(),
            date_after=data.get("date_after"),
            date_before=data.get("date_before"),
            dated=data.get("dated"),
        )

    @property
    def event_only(self) -> bool:
        return bool(self.venue or self.country or self.kinds or self.statuses)


def event_list(*, query: TimelineQuery, events: QuerySet | None = None) -> QuerySet | None:
    """Events (of `events`, default all) matching `query`, or None when the query excludes events."""
    if query.types and EVENT not in query.types:
        return None
    events = Event.objects.all() if events is None else events
    if query.actors:
        events = events.filter(Exists(Participation.objects.filter(event=OuterRef("pk"), actor__in=query.actors)))
    if query.venue:
        events = events.filter(venue=query.venue)
    if query.country:
        events = events.filter(venue__country=query.country)
    if query.kinds:
        events = events.filter(kind__in=query.kinds)
    if query.statuses:
        events = events.filter(status__in=query.statuses)
    if query.topics:
        events = events.filter(
            Exists(Event.topics.through.objects.filter(event=OuterRef("pk"), topic__in=query.topics))
        )
    return _filter_dated_item(events, query, text_fields=("title", "summary"))


def statement_list(*, query: TimelineQuery, statements: QuerySet | None = None) -> QuerySet | None:
    """Statements (of `statements`, default all) matching `query`, or None when the query excludes statements."""
    if (query.types and STATEMENT not in query.types) or query.event_only:
        return None
    statements = Statement.objects.all() if statements is None else statements
    if query.actors:
        statements = statements.filter(speaker__in=query.actors)
    if query.topics:
        statements = statements.filter(
            Exists(Statement.topics.through.objects.filter(statement=OuterRef("pk"), topic__in=query.topics))
        )
    return _filter_dated_item(statements, query, text_fields=("title", "text"))


def _filter_dated_item(items: QuerySet, query: TimelineQuery, *, text_fields: tuple[str, ...]) -> QuerySet:
    if query.precision:
        items = items.filter(date_precision__in=precisions_at_least(query.precision))
    if query.dated is True:
        items = items.filter(Q(earliest__isnull=False) | Q(latest__isnull=False))
    elif query.dated is False:
        items = items.filter(earliest__isnull=True, latest__isnull=True)
    items = _filter_date_range(items, query.date_after, query.date_before)
    if query.q:
        items = _filter_text(items, query.q, text_fields)
    return items


def _filter_date_range(items: QuerySet, after: date | None, before: date | None) -> QuerySet:
    """Keep items whose possible interval [earliest, latest] overlaps [after, before].

    An unknown bound counts as unbounded; an item with both bounds unknown never matches a date filter.
    """
    if after is None and before is None:
        return items
    items = items.filter(Q(earliest__isnull=False) | Q(latest__isnull=False))
    if after is not None:
        items = items.filter(Q(latest__isnull=True) | Q(latest__gte=after))
    if before is not None:
        items = items.filter(Q(earliest__isnull=True) | Q(earliest__lte=before))
    return items


def _filter_text(items: QuerySet, q: str, text_fields: tuple[str, ...]) -> QuerySet:
    """Full-text search on PostgreSQL's stored vector; a substring fallback on SQLite only, where data is small."""
    if connection.vendor == "postgresql":
        table = items.model._meta.db_table
        match = RawSQL(
            f'"{table}"."search_vector" @@ websearch_to_tsquery(\'english\', %s)', (q,), output_field=BooleanField()
        )
        return items.filter(Q(match))
    condition = Q()
    for name in text_fields:
        condition |= Q(**{f"{name}__icontains": q})
    return items.filter(condition)


def timeline_merge(
    sources: dict[str, QuerySet | None],
    *,
    limit: int,
    descending: bool = False,
    beyond: Callable[[str], Q] | None = None,
) -> list[tuple[str, object]]:
    """Up to `limit` + 1 (type, item) pairs per queryset in `sources` (None: excluded), merged in timeline order.

    Timeline order is (sort_key, type, id), descending when asked. Each queryset is read once, in the order of
    its (sort_key, id) index; `beyond(type)` narrows each to the rows after a position (the keyset cursor).
    """
    order = ("-sort_key", "-id") if descending else ("sort_key", "id")
    fetched = []
    for entry_type, queryset in sources.items():
        if queryset is None:
            continue
        if beyond is not None:
            queryset = queryset.filter(beyond(entry_type))
        fetched.append([(entry_type, item) for item in queryset.order_by(*order)[: limit + 1]])
    return list(heapq.merge(*fetched, key=_timeline_order, reverse=descending))


def _timeline_order(entry: tuple[str, object]):
    entry_type, item = entry
    return (item.sort_key, entry_type, item.id)


def event_detail_queryset() -> QuerySet:
    return with_event_relations(Event.objects.all()).prefetch_related("statements", "children")


def with_event_relations(events: QuerySet) -> QuerySet:
    """Everything an event's representation embeds, in a constant number of queries."""
    return events.select_related("venue", "parent").prefetch_related(
        "source", "participations__actor", "topics", _citations()
    )


def with_statement_relations(statements: QuerySet) -> QuerySet:
    """Everything a statement's representation embeds, in a constant number of queries."""
    return statements.select_related("speaker", "outlet", "event").prefetch_related(
        "source", "topics", "about_actors", _citations()
    )


def _citations() -> Prefetch:
    return Prefetch("citations", queryset=Citation.objects.order_by("position", "id").prefetch_related("source"))


def source_proposals(*, source: Source) -> list[Proposal]:
    """What the machine proposes for a source's text, matched to the actors and venues already known (2 queries).

    Every actor's and venue's name is read: fine for thousands of them, a search index when there are millions.
    """
    actors = Actor.objects.values_list("slug", "name", "aliases")
    known = [KnownName(name, tuple(aliases or ()), slug) for slug, name, aliases in actors]
    known += [KnownName(name, (), slug, "venue") for slug, name in Venue.objects.values_list("slug", "name")]
    return propose(source.text, published_on=source.published_on, known=known)
