"""Build the seed fixture from `seeds/annotations.yaml` and the article it cites.

The annotations name slugs and quote the article; this module finds every quoted span, checks every
reference, and turns each annotation into an unsaved model instance whose derived fields (text hash,
resolved dates, sort keys) are computed by the models' own code. `fixture_records` renders those instances
as a natural-key fixture that plain `loaddata` and `load_seed_data` accept.

No I/O here beyond reading the seed files.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models

from timeline import citations
from timeline.choices import ActorKind
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue, sha256_of

SEEDS_DIR = Path(settings.BASE_DIR) / "seeds"
ANNOTATIONS_FILE = "annotations.yaml"

# Never change it: every seeded UUID derives from it, and published UUIDs are permanent.
SEED_NAMESPACE = uuid.UUID("3b8f0c2e-5d1a-4f6b-9c47-2a1e8d9b7c60")

# The keys each annotation may have; anything else is a typo and fails the build.
TOP_KEYS = {"source", "topics", "actors", "venues", "events", "statements"}
SOURCE_KEYS = {
    "slug", "file", "title", "title_basis", "title_note", "publisher", "publisher_basis", "publisher_note",
    "url", "language", "published_on", "published_on_basis", "published_on_note",
}  # fmt: skip
TOPIC_KEYS = {"slug", "name", "description"}
ACTOR_KEYS = {"slug", "name", "kind", "role", "affiliation", "aliases"}
VENUE_KEYS = {"slug", "name", "kind", "country", "latitude", "longitude", "coordinate_precision"}
EVENT_KEYS = {
    "slug", "title", "kind", "status", "venue", "venue_basis", "venue_note", "parent", "summary", "date",
    "participants", "topics", "cites",
}  # fmt: skip
STATEMENT_KEYS = {
    "slug", "title", "speaker", "speaker_basis", "speaker_note", "outlet", "outlet_basis", "outlet_note", "event",
    "mode", "translation", "translation_basis", "translation_note", "text", "topics", "about", "date", "cites",
}  # fmt: skip
# `earliest`, `latest`, `precision`, `approximate` and `note` are an editor's date (basis "editor").
DATE_KEYS = {
    "text", "tense", "ends_before", "by_publication", "no_later_than_publication", "ongoing",
    "basis", "earliest", "latest", "precision", "approximate", "note",
}  # fmt: skip
EDITOR_DATE_KEYS = {"earliest", "latest", "precision", "approximate", "note"}
PARTICIPANT_KEYS = {"actor", "role", "slug"}
CITE_KEYS = {"text", "occurrence"}

# Model fields whose annotation key is spelled differently, for error messages.
ANNOTATION_KEY = {
    "date_text": "date.text", "date_tense": "date.tense", "is_translation": "translation",
    "date_note": "date.note", "date_precision": "date.precision", "date_basis": "date.basis",
}  # fmt: skip


class SeedError(ValueError):
    """An annotation that cannot become a fixture row. The message starts with the annotation's path."""


@dataclass
class Row:
    """An unsaved model instance bound for the fixture, with its many-to-many values as slugs."""

    instance: models.Model
    m2m: dict[str, list[str]] = field(default_factory=dict)


def read_article(*, path: Path) -> str:
    """The article exactly as stored: UTF-8, no newline translation."""
    return path.read_bytes().decode("utf-8")


def read_annotations(*, seeds_dir: Path = SEEDS_DIR) -> dict:
    """The parsed `annotations.yaml` of `seeds_dir`, its top-level keys checked."""
    path = seeds_dir / ANNOTATIONS_FILE
    try:
        data = yaml.safe_load(path.read_bytes().decode("utf-8"))
    except FileNotFoundError as error:
        raise SeedError(f"{path}: no annotations file") from error
    except yaml.YAMLError as error:
        raise SeedError(f"{path}: not valid YAML: {error}") from error
    _check_keys(data, TOP_KEYS, where=ANNOTATIONS_FILE, required={"source"})
    return data


def build_rows(*, seeds_dir: Path = SEEDS_DIR) -> list[Row]:
    """Every fixture instance, in dependency order; raises SeedError naming the first bad annotation."""
    data = read_annotations(seeds_dir=seeds_dir)
    source = _build_source(data["source"], seeds_dir=seeds_dir)
    topics = _by_slug(_section(data, "topics"), "topics", TOPIC_KEYS, _build_topic)
    actors = _build_actors(_section(data, "actors"))
    venues = _by_slug(_section(data, "venues"), "venues", VENUE_KEYS, _build_venue)
    lookups = {"topic": topics, "actor": actors, "venue": venues}
    events = _build_events(_section(data, "events"), source=source, lookups=lookups)
    statements = _build_statements(_section(data, "statements"), source=source, lookups=lookups, events=events)

    rows = [Row(source)]
    rows += [Row(topic) for topic in topics.values()]
    rows += [Row(actor) for actor in actors.values()]
    rows += [Row(venue) for venue in venues.values()]
    rows += [item.row for item in events.values()]
    rows += [Row(participation) for item in events.values() for participation in item.participations]
    rows += [item.row for item in statements.values()]
    all_citations = [citation for item in (*events.values(), *statements.values()) for citation in item.citations]
    _check_unique([citation.slug for citation in all_citations], where="citations", what="citation slug")
    rows += [Row(citation) for citation in all_citations]
    return rows


def fixture_records(*, seeds_dir: Path = SEEDS_DIR) -> list[dict]:
    """The fixture as JSON-ready records: no primary keys, natural keys for every relation."""
    return [_record(row) for row in build_rows(seeds_dir=seeds_dir)]


def render_fixture(records: list[dict]) -> str:
    """The fixture file's text; the same records always give the same text."""
    return json.dumps(records, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def seed_uuid(model: type[models.Model], slug: str) -> uuid.UUID:
    """The permanent UUID of a seeded record."""
    return uuid.uuid5(SEED_NAMESPACE, f"{model._meta.label_lower}:{slug}")


# --- Annotation checks ---------------------------------------------------------------------------


def _check_keys(mapping: Any, allowed: set[str], *, where: str, required: Iterable[str] = ()) -> dict:
    if not isinstance(mapping, dict):
        raise SeedError(f"{where}: expected a mapping, got {mapping!r}")
    if unknown := sorted(set(mapping) - allowed):
        raise SeedError(f"{where}: unknown key(s) {', '.join(unknown)}; expected some of {', '.join(sorted(allowed))}")
    if missing := sorted(set(required) - set(mapping)):
        raise SeedError(f"{where}: missing key(s) {', '.join(missing)}")
    return mapping


def _section(data: dict, name: str) -> list:
    entries = data.get(name) or []
    if not isinstance(entries, list):
        raise SeedError(f"{name}: expected a list")
    return entries


def _slugs_in_order(entries: list, section: str, allowed: set[str]) -> list[tuple[str, dict]]:
    """(slug, entry) pairs; fails on unknown keys and on duplicate or missing slugs."""
    pairs = []
    for index, entry in enumerate(entries, start=1):
        _check_keys(entry, allowed, where=f"{section}[{index}]", required={"slug"})
        if not isinstance(entry["slug"], str):
            raise SeedError(f"{section}[{index}].slug: expected a string, got {entry['slug']!r}")
        pairs.append((entry["slug"], entry))
    _check_unique([slug for slug, _ in pairs], where=section)
    return pairs


def _check_unique(values: list[str], *, where: str, what: str = "slug") -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise SeedError(f"{where}: duplicate {what} {value!r}")
        seen.add(value)


def _ref(lookup: dict, slug: Any, *, where: str, kind: str) -> Any:
    """The instance a slug reference names (None for null); fails on an unknown slug."""
    if slug is None:
        return None
    if not isinstance(slug, str) or slug not in lookup:
        raise SeedError(f"{where}: unknown {kind} {slug!r}")
    return lookup[slug]


def _refs(lookup: dict, slugs: Any, *, where: str, kind: str) -> list[str]:
    if not isinstance(slugs, list):
        raise SeedError(f"{where}: expected a list of {kind} slugs, got {slugs!r}")
    for index, slug in enumerate(slugs, start=1):
        if slug is None:
            raise SeedError(f"{where}[{index}]: expected a {kind} slug, got null")
        _ref(lookup, slug, where=f"{where}[{index}]", kind=kind)
    _check_unique(slugs, where=where, what=kind)
    return list(slugs)


def _bool(value: Any, *, where: str) -> bool:
    if not isinstance(value, bool):
        raise SeedError(f"{where}: expected true or false, got {value!r}")
    return value


def _validated(instance: models.Model, *, where: str, exclude: Iterable[str] = ()) -> models.Model:
    """Check the instance's own fields with the model's validators: vocabularies, lengths, slugs, URLs."""
    relations = {f.name for f in instance._meta.fields if f.is_relation}
    try:
        instance.clean_fields(exclude=relations | {"created_at", "updated_at", *exclude})
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise SeedError(f"{where}.{ANNOTATION_KEY.get(name, name)}: {' '.join(messages)}") from error
    return instance


def _obeys_model_rules(instance: models.Model, *, where: str) -> models.Model:
    """Check the rules the model's own `clean()` enforces (verbatim quotes, citations of the item's source...)."""
    try:
        instance.clean()
    except ValidationError as error:
        name, messages = next(iter(error.message_dict.items()))
        raise SeedError(f"{where}.{ANNOTATION_KEY.get(name, name)}: {' '.join(messages)}") from error
    return instance


def _in_order(pairs: list[tuple[str, dict]], depends_on: Callable[[dict], list[str]], section: str) -> list:
    """The (slug, entry) pairs ordered so that each follows those it depends on, otherwise as written."""
    entries, ordered, state = dict(pairs), [], {}

    def visit(slug: str, path: tuple[str, ...]) -> None:
        if state.get(slug) == "done":
            return
        if state.get(slug) == "visiting":
            raise SeedError(f"{section}[{slug}]: depends on itself: {' -> '.join((*path, slug))}")
        state[slug] = "visiting"
        for dependency in depends_on(entries[slug]):
            visit(dependency, (*path, slug))
        state[slug] = "done"
        ordered.append((slug, entries[slug]))

    for slug, _ in pairs:
        visit(slug, ())
    return ordered


# --- Source, topics, actors, venues --------------------------------------------------------------


def _build_source(entry: Any, *, seeds_dir: Path) -> Source:
    entry = _check_keys(entry, SOURCE_KEYS, where="source", required={"slug", "file", "title"})
    if not isinstance(entry["file"], str):
        raise SeedError(f"source.file: expected a file name, got {entry['file']!r}")
    path = seeds_dir / entry["file"]
    try:
        text = read_article(path=path)
    except FileNotFoundError as error:
        raise SeedError(f"source.file: no such file {path}") from error
    fields = {key: value for key, value in entry.items() if key != "file"}
    published_on = fields.get("published_on")
    if published_on is not None and not isinstance(published_on, date):
        raise SeedError(f"source.published_on: expected a date (YYYY-MM-DD), got {published_on!r}")
    source = Source(**fields, text=text, text_sha256=sha256_of(text), uuid=seed_uuid(Source, entry["slug"]))
    return _validated(source, where="source")


def _by_slug(entries: list, section: str, allowed: set[str], build: Callable[[dict, str], models.Model]) -> dict:
    return {slug: build(entry, f"{section}[{slug}]") for slug, entry in _slugs_in_order(entries, section, allowed)}


def _build_topic(entry: dict, where: str) -> Topic:
    return _validated(Topic(**entry, uuid=seed_uuid(Topic, entry["slug"])), where=where)


def _build_venue(entry: dict, where: str) -> Venue:
    fields = dict(entry)
    for key in ("latitude", "longitude"):
        fields[key] = _coordinate(fields.get(key), where=f"{where}.{key}")
    return _validated(Venue(**fields, uuid=seed_uuid(Venue, entry["slug"])), where=where)


def _coordinate(value: Any, *, where: str) -> Decimal | None:
    """A coordinate with exactly the five decimal places the model stores (so "23.42410" stays as written)."""
    if value is None:
        return None
    try:
        number = Decimal(str(value))
        exact = number.quantize(Decimal("0.00001"))
    except InvalidOperation as error:
        raise SeedError(f"{where}: not a number: {value!r}") from error
    if exact != number:
        raise SeedError(f"{where}: more than 5 decimal places: {value!r}")
    return exact


def _build_actors(entries: list) -> dict[str, Actor]:
    pairs = _slugs_in_order(entries, "actors", ACTOR_KEYS)
    known = dict(pairs)
    for slug, entry in pairs:
        _ref(known, entry.get("affiliation"), where=f"actors[{slug}].affiliation", kind="actor")
    actors: dict[str, Actor] = {}

    def depends_on(entry: dict) -> list[str]:
        return [entry["affiliation"]] if entry.get("affiliation") else []

    for slug, entry in _in_order(pairs, depends_on, "actors"):
        fields = {**entry, "affiliation": actors.get(entry.get("affiliation"))}
        if not isinstance(fields.setdefault("aliases", []), list):
            raise SeedError(f"actors[{slug}].aliases: expected a list")
        actors[slug] = _validated(Actor(**fields, uuid=seed_uuid(Actor, slug)), where=f"actors[{slug}]")
    return actors


# --- Events and statements -----------------------------------------------------------------------


@dataclass
class _Item:
    row: Row
    citations: list[Citation]
    participations: list[Participation] = field(default_factory=list)


def _cites(entry: dict, *, where: str, text: str) -> list[citations.Span]:
    """The spans of an item's `cites`, in order; each found verbatim in `text`."""
    cites = entry.get("cites")
    if not isinstance(cites, list) or not cites:
        raise SeedError(f"{where}.cites: expected a list of one or more cited texts")
    spans = []
    # Counted from 1, like the citations' positions.
    for position, cite in enumerate(cites, start=1):
        cite_where = f"{where}.cites[{position}]"
        if isinstance(cite, str):
            exact, occurrence = cite, None
        else:
            _check_keys(cite, CITE_KEYS, where=cite_where, required={"text"})
            exact, occurrence = cite["text"], cite.get("occurrence")
            if not isinstance(exact, str) or not (occurrence is None or type(occurrence) is int):
                raise SeedError(f"{cite_where}: expected a text and an integer occurrence")
        try:
            spans.append(citations.find_span(text, exact, occurrence))
        except citations.CitationError as error:
            raise SeedError(f"{cite_where}: {error}") from error
    return spans


def _citations(spans: list[citations.Span], *, item: Event | Statement, source: Source) -> list[Citation]:
    kind = "event" if isinstance(item, Event) else "statement"
    built = []
    for position, span in enumerate(spans, start=1):
        slug = f"{item.slug}-{position}"
        citation = Citation(
            slug=slug, uuid=seed_uuid(Citation, slug), source=source, position=position,
            start=span.start, end=span.end, exact=span.exact, **{kind: item},
        )  # fmt: skip
        where = f"{kind}s[{item.slug}].cites[{position}]"
        built.append(_obeys_model_rules(_validated(citation, where=where), where=where))
    return built


def _date_fields(entry: dict, *, where: str, allowed: set[str]) -> tuple[dict, str | None]:
    """The model's date-as-written fields for an item, and the slug of the event it ends before, if any."""
    when = entry.get("date") or {}
    _check_keys(when, allowed, where=f"{where}.date")
    fields = {
        "date_text": when.get("text") or "",
        "date_tense": when.get("tense", "past"),
        "dated_by_publication": _bool(when.get("by_publication", False), where=f"{where}.date.by_publication"),
        "no_later_than_publication": _bool(
            when.get("no_later_than_publication", False), where=f"{where}.date.no_later_than_publication"
        ),
        "date_ongoing": _bool(when.get("ongoing", False), where=f"{where}.date.ongoing"),
    }
    if when.get("basis") == "editor":
        fields.update(_editor_date(when, where=f"{where}.date"))
    elif EDITOR_DATE_KEYS & set(when) or "basis" in when:
        raise SeedError(f"{where}.date: bounds, precision, approximate and note are for `basis: editor` only")
    return fields, when.get("ends_before")


def _editor_date(when: dict, *, where: str) -> dict:
    """An editor's date: the bounds the words allow, and why (the note quotes the article)."""
    for key in ("earliest", "latest"):
        if when.get(key) is not None and not isinstance(when[key], date):
            raise SeedError(f"{where}.{key}: expected a date (YYYY-MM-DD), got {when[key]!r}")
    return {
        "date_basis": "editor",
        "earliest": when.get("earliest"),
        "latest": when.get("latest"),
        "date_precision": when.get("precision", "unknown"),
        "date_approximate": _bool(when.get("approximate", False), where=f"{where}.approximate"),
        "date_note": when.get("note") or "",
    }


def _resolve(item: Event | Statement, *, where: str) -> None:
    try:
        item.resolve_date()
    except ValueError as error:
        raise SeedError(f"{where}.date: {error}") from error


def _build_events(entries: list, *, source: Source, lookups: dict) -> dict[str, _Item]:
    pairs = _slugs_in_order(entries, "events", EVENT_KEYS)
    known = dict(pairs)
    bounds = {}
    for slug, entry in pairs:
        where = f"events[{slug}]"
        _ref(known, entry.get("parent"), where=f"{where}.parent", kind="event")
        bounds[slug] = _date_fields(entry, where=where, allowed=DATE_KEYS)
        _ref(known, bounds[slug][1], where=f"{where}.date.ends_before", kind="event")

    def depends_on(entry: dict) -> list[str]:
        return [slug for slug in (entry.get("parent"), bounds[entry["slug"]][1]) if slug]

    items: dict[str, _Item] = {}
    # Dependency order: an event's date may be bounded by an earlier-resolved one.
    for slug, entry in _in_order(pairs, depends_on, "events"):
        where = f"events[{slug}]"
        date_fields, ends_before = bounds[slug]
        spans = _cites(entry, where=where, text=source.text)
        event = Event(
            slug=slug,
            uuid=seed_uuid(Event, slug),
            source=source,
            sequence=spans[0].start,
            title=entry.get("title", ""),
            kind=entry.get("kind", ""),
            status=entry.get("status", ""),
            summary=entry.get("summary", ""),
            venue=_ref(lookups["venue"], entry.get("venue"), where=f"{where}.venue", kind="venue"),
            venue_basis=entry.get("venue_basis", "stated"),
            venue_note=entry.get("venue_note", ""),
            parent=items[entry["parent"]].row.instance if entry.get("parent") else None,
            date_ends_before=items[ends_before].row.instance if ends_before else None,
            **date_fields,
        )
        _validated(event, where=where, exclude=Event.DERIVED_DATE_FIELDS)
        _resolve(event, where=where)
        _obeys_model_rules(event, where=where)
        topics = _refs(lookups["topic"], entry.get("topics", []), where=f"{where}.topics", kind="topic")
        items[slug] = _Item(
            row=Row(event, {"topics": topics}),
            citations=_citations(spans, item=event, source=source),
            participations=_participations(entry, event=event, actors=lookups["actor"], where=where),
        )
    return items


def _participations(entry: dict, *, event: Event, actors: dict, where: str) -> list[Participation]:
    participants = entry.get("participants") or []
    if not isinstance(participants, list):
        raise SeedError(f"{where}.participants: expected a list")
    built, seen = [], set()
    for index, participant in enumerate(participants, start=1):
        part_where = f"{where}.participants[{index}]"
        _check_keys(participant, PARTICIPANT_KEYS, where=part_where, required={"actor", "role"})
        actor = _ref(actors, participant["actor"], where=f"{part_where}.actor", kind="actor")
        if (actor.slug, participant["role"]) in seen:
            raise SeedError(f"{part_where}: {actor.slug} is already a {participant['role']}")
        seen.add((actor.slug, participant["role"]))
        # A published participation keeps its slug when its role is corrected: the annotation names it then.
        slug = participant.get("slug") or f"{event.slug}-{participant['role']}-{actor.slug}"
        participation = Participation(
            slug=slug, uuid=seed_uuid(Participation, slug), event=event, actor=actor, role=participant["role"]
        )
        built.append(_validated(participation, where=part_where))
    return built


def _build_statements(entries: list, *, source: Source, lookups: dict, events: dict) -> dict[str, _Item]:
    actors = lookups["actor"]
    items: dict[str, _Item] = {}
    for slug, entry in _slugs_in_order(entries, "statements", STATEMENT_KEYS):
        where = f"statements[{slug}]"
        date_fields, _ = _date_fields(entry, where=where, allowed=DATE_KEYS - {"ends_before"})
        spans = _cites(entry, where=where, text=source.text)
        outlet = _ref(actors, entry.get("outlet"), where=f"{where}.outlet", kind="actor")
        if outlet is not None and outlet.kind != ActorKind.MEDIA_OUTLET:
            raise SeedError(f"{where}.outlet: {outlet.slug} is a {outlet.kind}, not a {ActorKind.MEDIA_OUTLET}")
        event = _ref(events, entry.get("event"), where=f"{where}.event", kind="event")
        statement = Statement(
            slug=slug,
            uuid=seed_uuid(Statement, slug),
            source=source,
            sequence=spans[0].start,
            title=entry.get("title", ""),
            speaker=_ref(actors, entry.get("speaker"), where=f"{where}.speaker", kind="actor"),
            outlet=outlet,
            event=event.row.instance if event else None,
            mode=entry.get("mode", ""),
            is_translation=_bool(entry.get("translation", False), where=f"{where}.translation"),
            **{
                f"{fact}_{part}": entry.get(f"{fact}_{part}", "stated" if part == "basis" else "")
                for fact in ("speaker", "outlet", "translation")
                for part in ("basis", "note")
            },
            text=entry.get("text", spans[0].exact),
            **date_fields,
        )
        _validated(statement, where=where, exclude=Statement.DERIVED_DATE_FIELDS)
        _resolve(statement, where=where)
        _obeys_model_rules(statement, where=where)
        m2m = {
            "topics": _refs(lookups["topic"], entry.get("topics", []), where=f"{where}.topics", kind="topic"),
            "about_actors": _refs(actors, entry.get("about", []), where=f"{where}.about", kind="actor"),
        }
        items[slug] = _Item(row=Row(statement, m2m), citations=_citations(spans, item=statement, source=source))
    return items


# --- Rendering -----------------------------------------------------------------------------------


def _record(row: Row) -> dict:
    """One fixture record: every concrete field but the primary key, the timestamps and the version (database-set)."""
    instance = row.instance
    fields: dict[str, Any] = {}
    for model_field in instance._meta.concrete_fields:
        if model_field.primary_key or model_field.name in ("created_at", "updated_at", "version"):
            continue
        if model_field.is_relation:
            related = getattr(instance, model_field.name)
            fields[model_field.name] = list(related.natural_key()) if related is not None else None
        else:
            fields[model_field.name] = _json_value(model_field, instance)
    fields.update({name: [[slug] for slug in slugs] for name, slugs in row.m2m.items()})
    return {"model": instance._meta.label_lower, "fields": fields}


def _json_value(model_field: models.Field, instance: models.Model) -> Any:
    value = model_field.value_from_object(instance)
    if value is None or isinstance(value, bool | int | str | list | dict):
        return value
    if isinstance(value, date):
        return value.isoformat()
    # Decimals keep their places ("23.42410"); UUIDs and countries become their string forms.
    return model_field.value_to_string(instance)
