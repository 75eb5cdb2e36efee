"""Read the hand-annotated gold standard (see README.md here) into spans of its article's text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from timeline.citations import find_span
from timeline.proposals import KnownName

REPOSITORY = Path(__file__).resolve().parents[2]
GOLD = Path(__file__).resolve().parent
ARTICLES = sorted(path.stem for path in GOLD.glob("*.yaml"))


@dataclass(frozen=True)
class GoldSpan:
    start: int
    end: int
    exact: str
    speaker: str | None = None
    earliest: date | None = None
    latest: date | None = None


@dataclass(frozen=True)
class GoldArticle:
    name: str
    text: str
    published_on: date
    known: tuple[KnownName, ...]
    quotations: tuple[GoldSpan, ...]
    statements: tuple[GoldSpan, ...]
    dates: tuple[GoldSpan, ...]
    names: tuple[str, ...]


def _span(text: str, entry: dict) -> GoldSpan:
    span = find_span(text, entry["text"], entry.get("occurrence"))
    return GoldSpan(
        start=span.start,
        end=span.end,
        exact=span.exact,
        speaker=entry.get("speaker"),
        earliest=entry.get("earliest"),
        latest=entry.get("latest"),
    )


def _known(relative_path: str) -> tuple[KnownName, ...]:
    """The actors and venues of an annotations file, as the database knows them."""
    data = yaml.safe_load((REPOSITORY / relative_path).read_text(encoding="utf-8"))
    actors = (KnownName(actor["name"], tuple(actor.get("aliases") or ()), actor["slug"]) for actor in data["actors"])
    venues = (KnownName(venue["name"], (), venue["slug"], "venue") for venue in data.get("venues", ()))
    return (*actors, *venues)


def load(name: str) -> GoldArticle:
    data = yaml.safe_load((GOLD / f"{name}.yaml").read_text(encoding="utf-8"))
    text = (REPOSITORY / data["text"]).read_text(encoding="utf-8")
    return GoldArticle(
        name=name,
        text=text,
        published_on=data["published_on"],
        known=_known(data["known_actors"]),
        quotations=tuple(_span(text, entry) for entry in data["quotations"]),
        statements=tuple(_span(text, entry) for entry in data["statements"]),
        dates=tuple(_span(text, entry) for entry in data["dates"]),
        names=tuple(data["names"]),
    )
