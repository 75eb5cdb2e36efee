"""Recall and precision of the proposals against the gold standard, as reported in docs/annotation.md.

A quotation matches when it is the same span (the quoted words) with the same speaker; a statement when its
sentence overlaps the statement an editor cited, with the same speaker; a date phrase when it overlaps the
editor's phrase and resolves to the same bounds; a name when the same spelling was marked. Each proposal
matches at most one gold entry. Precision counts the proposals an editor would keep.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.gold.load import GoldArticle, GoldSpan
from timeline.proposals import Proposal, ProposalKind, propose

KINDS = ("quotations", "statements", "dates", "names")


@dataclass(frozen=True)
class Score:
    matched: int
    gold: int
    proposed: int

    @property
    def recall(self) -> float:
        return 100.0 * self.matched / self.gold if self.gold else 100.0

    @property
    def precision(self) -> float:
        return 100.0 * self.matched / self.proposed if self.proposed else 100.0


def _speaker(proposal: Proposal) -> str | None:
    return proposal.speaker.name if proposal.speaker else None


def _overlaps(proposal: Proposal, gold: GoldSpan) -> bool:
    return proposal.start < gold.end and gold.start < proposal.end


def _count(proposals: list[Proposal], gold: tuple[GoldSpan, ...], same) -> Score:
    unmatched = list(proposals)
    matched = 0
    for entry in gold:
        for proposal in unmatched:
            if same(proposal, entry):
                unmatched.remove(proposal)
                matched += 1
                break
    return Score(matched, len(gold), len(proposals))


def score(article: GoldArticle) -> dict[str, Score]:
    proposals = propose(article.text, published_on=article.published_on, known=article.known)

    def of(kind):
        return [proposal for proposal in proposals if proposal.kind is kind]

    names = {proposal.exact for proposal in of(ProposalKind.NAME)}
    return {
        "quotations": _count(
            of(ProposalKind.QUOTATION),
            article.quotations,
            lambda p, g: (p.start, p.end) == (g.start, g.end) and _speaker(p) == g.speaker,
        ),
        "statements": _count(
            of(ProposalKind.STATEMENT),
            article.statements,
            lambda p, g: _overlaps(p, g) and _speaker(p) == g.speaker,
        ),
        "dates": _count(
            of(ProposalKind.DATE),
            article.dates,
            lambda p, g: _overlaps(p, g) and (p.date.earliest, p.date.latest) == (g.earliest, g.latest),
        ),
        "names": Score(len(names & set(article.names)), len(set(article.names)), len(names)),
    }
