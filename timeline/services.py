"""Writes that must stay consistent: an item with its participants, citations and the dates that hang on it.

The admin, the API and the commands call these; every rule they enforce is the models' own (`full_clean()`),
so no caller can walk around one. Each function is keyword-only and runs in one transaction: a refused write
changes nothing. Refusals are Django `ValidationError`s whose keys name the field; rows nested in a write are
named by their list index, `citations.1.exact` or `participants.0.actor` (an API turns the dots into a JSON
pointer, `/citations/1/exact`).

`user` is who made the change, recorded in the history (None for scripts and commands).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils.text import slugify

from timeline import citations as spans
from timeline.models import Actor, Citation, DatedItem, Event, Participation, Source, Statement, Topic

Fields = Mapping[str, Any]
CitationInput = Mapping[str, Any]  # {"exact": "the quoted words", "occurrence": 2 (only when they recur)}
ParticipantInput = Mapping[str, Any]  # {"actor": Actor, "role": "party"}


# --- Events ---------------------------------------------------------------------------------------


@transaction.atomic
def event_create(
    *,
    source: Source,
    fields: Fields,
    participants: Sequence[ParticipantInput] = (),
    citations: Sequence[CitationInput],
    topics: Iterable[Topic] = (),
    user: AbstractBaseUser | None = None,
) -> Event:
    """A new event reported by `source`, with its participants, topics and citations (at least one).

    `sequence` (its order in the source) is where its first citation starts, and `slug` derives from the
    title, unless `fields` gives them.
    """
    cited = _spans_in(source, citations)
    event = _new_item(Event, source=source, fields=fields, first_span=cited[0])
    _save(event, user=user)
    event.topics.set(topics)
    _sync_participants(event, participants, user=user)
    _sync_citations(event, cited, user=user)
    return event


@transaction.atomic
def event_update(
    *,
    event: Event,
    fields: Fields,
    participants: Sequence[ParticipantInput] | None = None,
    citations: Sequence[CitationInput] | None = None,
    topics: Iterable[Topic] | None = None,
    user: AbstractBaseUser | None = None,
) -> Event:
    """Change an event; the lists given replace what it had (None leaves them as they are).

    A date change re-resolves the events whose dates hang on it, in any source (see `Event.save`).
    """
    _update(event, fields, citations=citations, user=user)
    if topics is not None:
        event.topics.set(topics)
    if participants is not None:
        _sync_participants(event, participants, user=user)
    return event


# --- Statements -----------------------------------------------------------------------------------


@transaction.atomic
def statement_create(
    *,
    source: Source,
    fields: Fields,
    citations: Sequence[CitationInput],
    topics: Iterable[Topic] = (),
    about_actors: Iterable[Actor] = (),
    user: AbstractBaseUser | None = None,
) -> Statement:
    """A new statement reported by `source`, with its topics, the actors it is about and its citations."""
    cited = _spans_in(source, citations)
    statement = _new_item(Statement, source=source, fields=fields, first_span=cited[0])
    _save(statement, user=user)
    statement.topics.set(topics)
    statement.about_actors.set(about_actors)
    _sync_citations(statement, cited, user=user)
    return statement


@transaction.atomic
def statement_update(
    *,
    statement: Statement,
    fields: Fields,
    citations: Sequence[CitationInput] | None = None,
    topics: Iterable[Topic] | None = None,
    about_actors: Iterable[Actor] | None = None,
    user: AbstractBaseUser | None = None,
) -> Statement:
    """Change a statement; the lists given replace what it had (None leaves them as they are)."""
    _update(statement, fields, citations=citations, user=user)
    if topics is not None:
        statement.topics.set(topics)
    if about_actors is not None:
        statement.about_actors.set(about_actors)
    return statement


# --- Any dated item -------------------------------------------------------------------------------


@transaction.atomic
def item_delete(*, item: DatedItem, user: AbstractBaseUser | None = None) -> None:
    """Delete an event or a statement with its citations and participations.

    Refused while another event names it as its series (`parent`) or its date bound (`date_ends_before`).
    """
    item._history_user = user
    try:
        item.delete()
    except ProtectedError as error:
        names = sorted(str(getattr(row, "slug", row)) for row in error.protected_objects)
        raise ValidationError(
            f"{item.slug} cannot be deleted while other records rest on it: {', '.join(names)}.", code="protected"
        ) from error


@transaction.atomic
def dated_item_resolve_dependents(*, item: DatedItem) -> list[DatedItem]:
    """Re-resolve and store the dates of the events whose dates hang on `item`; returns them.

    `save()` does this whenever an item's date changes; call it after writing dates around `save()`
    (a queryset `update()`).
    """
    dependents = item.dates_depending_on_this()
    item.resolve_dependent_dates()
    return dependents


# --- Citations ------------------------------------------------------------------------------------


@transaction.atomic
def citation_create(
    *,
    item: DatedItem,
    exact: str,
    occurrence: int | None = None,
    source: Source | None = None,
    user: AbstractBaseUser | None = None,
) -> Citation:
    """Cite the quoted words `exact` of the item's source for `item`, after its other citations.

    The offsets are found for the words; `occurrence` (from 1) picks one when they occur more than once.
    """
    source = source or item.source
    try:
        span = spans.find_span(source.text, exact, occurrence)
    except spans.CitationError as error:
        raise ValidationError({"exact": str(error)}, code="not_verbatim") from error
    position = (item.citations.aggregate(last=models.Max("position"))["last"] or 0) + 1
    return _cite(item, span, source=source, position=position, user=user)


def citation_find(*, source: Source, exact: str, occurrence: int | None = None) -> spans.Span:
    """Where the quoted words are in the source; ValidationError (on `exact`) saying why when they are not."""
    try:
        return spans.find_span(source.text, exact, occurrence)
    except spans.CitationError as error:
        raise ValidationError({"exact": str(error)}, code="not_verbatim") from error


# --- Helpers --------------------------------------------------------------------------------------


def _new_item(model: type[DatedItem], *, source: Source, fields: Fields, first_span: spans.Span) -> DatedItem:
    """An unsaved item; its slug derives from its title and its order in the source from its first citation."""
    item = model(source=source, **fields)
    if "sequence" not in fields:
        item.sequence = first_span.start
    if not fields.get("slug") and item.title:
        item.slug = free_slug(model, slugify(item.title)[:80].strip("-"))
    return item


def _save(instance: models.Model, *, user: AbstractBaseUser | None) -> None:
    instance.full_clean()
    instance._history_user = user
    instance.save()


def _update(item: DatedItem, fields: Fields, *, citations: Sequence[CitationInput] | None, user) -> None:
    for name, value in fields.items():
        setattr(item, name, value)
    cited = _spans_in(item.source, citations) if citations is not None else None
    if cited is not None and "sequence" not in fields:
        item.sequence = cited[0].start
    _save(item, user=user)
    if cited is not None:
        _sync_citations(item, cited, user=user)


def _spans_in(source: Source, citations: Sequence[CitationInput]) -> list[spans.Span]:
    """The spans of the quoted words, in order; every problem is reported at once, by position."""
    if not citations:
        raise ValidationError({"citations": "Cite the source: at least one quotation is needed."}, code="required")
    found, errors = [], {}
    for index, citation in enumerate(citations):
        try:
            found.append(spans.find_span(source.text, citation.get("exact") or "", citation.get("occurrence")))
        except spans.CitationError as error:
            errors[f"citations.{index}.exact"] = str(error)
    if errors:
        raise ValidationError(errors, code="not_verbatim")
    return found


def _sync_citations(item: DatedItem, cited: list[spans.Span], *, user) -> None:
    """Make the item's citations exactly `cited`, in order; a citation of the same span keeps its slug."""
    existing = {(citation.start, citation.end): citation for citation in item.citations.all()}
    wanted = {(span.start, span.end) for span in cited}
    for key, citation in existing.items():
        if key not in wanted:
            citation._history_user = user
            citation.delete()
    kept = [existing[(span.start, span.end)] for span in cited if (span.start, span.end) in existing]
    # Positions are unique per item: move the kept ones out of the way before numbering them again.
    for offset, citation in enumerate(kept, start=1):
        type(citation).objects.filter(pk=citation.pk).update(position=10_000 + offset)
    for position, span in enumerate(cited, start=1):
        citation = existing.get((span.start, span.end))
        if citation is None:
            _cite(item, span, source=item.source, position=position, user=user)
        else:
            citation.position = position
            _save(citation, user=user)


def _cite(item: DatedItem, span: spans.Span, *, source: Source, position: int, user) -> Citation:
    citation = Citation(
        slug=free_slug(Citation, f"{item.slug}-{position}"),
        source=source,
        position=position,
        start=span.start,
        end=span.end,
        exact=span.exact,
        **{item._meta.model_name: item},
    )
    _save(citation, user=user)
    return citation


def _sync_participants(event: Event, participants: Sequence[ParticipantInput], *, user) -> None:
    """Make the event's participants exactly `participants`; one kept in the same role keeps its slug."""
    existing = {(part.actor_id, part.role): part for part in event.participations.all()}
    wanted = [(participant["actor"], participant["role"]) for participant in participants]
    for key, part in existing.items():
        if key not in {(actor.pk, role) for actor, role in wanted}:
            part._history_user = user
            part.delete()
    errors = {}
    for index, (actor, role) in enumerate(wanted):
        if (actor.pk, role) in existing:
            continue
        part = Participation(
            event=event, actor=actor, role=role, slug=free_slug(Participation, f"{event.slug}-{role}-{actor.slug}")
        )
        try:
            _save(part, user=user)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                errors[f"participants.{index}.{name}"] = messages
    if errors:
        raise ValidationError(errors)


def free_slug(model: type[models.Model], wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... when a record (maybe since deleted: slugs are permanent) has it."""
    slug_length = model._meta.get_field("slug").max_length
    base = wanted[:slug_length]
    taken = set(model.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 1
    while slug in taken:
        number += 1
        suffix = f"-{number}"
        slug = f"{base[: slug_length - len(suffix)]}{suffix}"
    return slug
