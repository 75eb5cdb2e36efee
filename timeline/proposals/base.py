"""The shapes proposals take."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from timeline.citations import selectors
from timeline.dates import ResolvedDate


class ProposalKind(StrEnum):
    QUOTATION = "quotation"
    STATEMENT = "statement"
    DATE = "date"
    NAME = "name"


@dataclass(frozen=True)
class KnownName:
    """An actor or venue the database already knows, with the other names the text may use for it."""

    name: str
    aliases: tuple[str, ...] = ()
    slug: str = ""
    kind: str = "actor"

    def spellings(self) -> tuple[str, ...]:
        """Every way the text may write it: 'The Kremlin' is also written 'Kremlin'."""
        names = [self.name, *self.aliases]
        names += [name[4:] for name in names if name.startswith("The ")]
        return tuple(dict.fromkeys(name for name in names if name))


@dataclass(frozen=True)
class Confidence:
    """How sure the rule that produced a proposal is (0..1), and which rule it was."""

    rule: str
    score: float


@dataclass(frozen=True)
class Speaker:
    """Who a quotation or statement is attributed to: a known actor (with its slug) or a new name."""

    name: str
    slug: str = ""
    is_new: bool = False


@dataclass(frozen=True)
class Proposal:
    """One span of the text an editor may accept, edit or reject."""

    kind: ProposalKind
    start: int
    end: int
    exact: str
    confidence: Confidence
    sentence: tuple[int, int]
    speaker: Speaker | None = None
    date: ResolvedDate | None = None
    name: Speaker | None = None
    selectors: list[dict] = field(default_factory=list, compare=False)

    @classmethod
    def at(cls, text: str, kind: ProposalKind, start: int, end: int, **fields) -> Proposal:
        return cls(
            kind=kind, start=start, end=end, exact=text[start:end], selectors=selectors(text, start, end), **fields
        )
