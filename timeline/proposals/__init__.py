"""Proposals: what an editor might annotate in a source, read from its text alone. Pure Python: no Django here.

`propose(text, published_on=..., known=...)` returns quotations with their speakers, paraphrased statements
with theirs, date phrases with the bounds they resolve to, and names of actors and venues (known or new).
Every proposal carries its exact span (offsets and W3C selectors, as citations do) and a confidence naming the
rule that produced it. Nothing here is a fact until an editor accepts it.
"""

from timeline.proposals.base import Confidence, KnownName, Proposal, ProposalKind, Speaker
from timeline.proposals.pipeline import propose

__all__ = ["Confidence", "KnownName", "Proposal", "ProposalKind", "Speaker", "propose"]
