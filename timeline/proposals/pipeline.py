"""Putting the rules together: one pass over the text, sentence by sentence, in reading order."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from datetime import date

from timeline import dates
from timeline.proposals.base import Confidence, KnownName, Proposal, ProposalKind, Speaker
from timeline.proposals.names import known_mentions, new_mentions
from timeline.proposals.speakers import (
    ACCORDING_TO,
    Attribution,
    according_to,
    reporting_verbs,
    resolve_after_verb,
    resolve_subject,
    score_of,
    subject_segment,
)
from timeline.proposals.text import Quote, outside_quotes, paragraphs, quotes, sentences

_LEADING_PREPOSITION = re.compile(r"\b(?:on|in|during|since|until|by|from|for)\s+$", re.IGNORECASE)
_FUTURE = re.compile(
    r"\b(?:will|shall|scheduled|due|planned|plans?|expected|next|coming|upcoming|to\s+be\s+held)\b", re.IGNORECASE
)
_MAX_TAG_WORDS = 8


class _Reader:
    """Reads one text; `propose()` is its public face."""

    def __init__(self, text: str, published_on: date | None, known: Sequence[KnownName]):
        self.text = text
        self.published_on = published_on
        self.quotes = quotes(text)
        self.masked = outside_quotes(text, self.quotes)
        self.sentences = sentences(text)
        self.sentence_starts = [start for start, _end in self.sentences]
        self.paragraph_starts = [start for start, _end in paragraphs(text)]
        known_found = known_mentions(text, known)
        self.attribution = Attribution(known_found, new_mentions(text, known_found), known)
        self.tags: set[int] = set()
        self.proposals: list[Proposal] = []

    def sentence_at(self, offset: int) -> tuple[int, int]:
        index = bisect.bisect_right(self.sentence_starts, offset) - 1
        return self.sentences[max(index, 0)]

    def paragraph_at(self, offset: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, offset) - 1

    def add(self, kind: ProposalKind, start: int, end: int, **fields) -> None:
        self.proposals.append(Proposal.at(self.text, kind, start, end, **fields))

    def read(self) -> list[Proposal]:
        opening_in: dict[tuple[int, int], list[Quote]] = {}
        for quote in self.quotes:
            if quote.parent is None:
                opening_in.setdefault(self.sentence_at(quote.marks[0]), []).append(quote)
        for sentence in self.sentences:
            for quote in opening_in.get(sentence, ()):
                self.quotation(quote, sentence)
            self.statement(sentence)
        for quote in self.quotes:
            if quote.parent is not None:
                self.nested_quotation(quote)
        self.date_phrases()
        self.names()
        return sorted(self.proposals, key=lambda proposal: (proposal.start, proposal.end, proposal.kind))

    # Quotations ---------------------------------------------------------------------------------------------

    def quotation(self, quote: Quote, sentence: tuple[int, int]) -> None:
        paragraph = self.paragraph_at(quote.start)
        speaker, rule = self.tag_after(quote)
        if speaker is None:
            speaker, rule = according_to(self.text, self.attribution, sentence[0], quote.marks[0])
            rule = f"according_to:{rule}"
        if speaker is None:
            speaker, rule = self.tag_before(quote, sentence, paragraph)
        if speaker is None and paragraph in self.attribution.last_speaker:
            speaker, rule = self.attribution.last_speaker[paragraph], "continues_paragraph"
        if speaker is not None:
            self.attribution.last_speaker[paragraph] = speaker
        score = (0.5 if rule == "continues_paragraph" else score_of(rule)) if speaker else 0.3
        self.add(
            ProposalKind.QUOTATION,
            quote.start,
            quote.end,
            confidence=Confidence(f"quotation:{rule}", score),
            sentence=sentence,
            speaker=speaker,
        )

    def tag_after(self, quote: Quote) -> tuple[Speaker | None, str]:
        """ "…,” Grushko told the Izvestia newspaper." or "…," said Horak."""
        close = quote.marks[1]
        limit = self.sentence_at(close - 1)[1]
        for verb in reporting_verbs(self.masked, close, limit):
            between = self.text[close : verb.start()]
            if len(between.split()) > _MAX_TAG_WORDS or any(mark in between for mark in ".!?"):
                break
            self.tags.add(verb.start())
            if not between.strip(" ,"):
                speaker, rule = resolve_after_verb(self.text, self.attribution, verb.end(), limit)
                return speaker, f"said_name_after_quote:{rule}"
            paragraph = self.paragraph_at(close)
            speaker, rule = resolve_subject(
                self.text, self.attribution, (close, verb.start()), sentence=(close, limit), paragraph=paragraph
            )
            return speaker, f"name_said_after_quote:{rule}"
        return None, "none"

    def tag_before(self, quote: Quote, sentence: tuple[int, int], paragraph: int) -> tuple[Speaker | None, str]:
        """Kremlin spokesman Dmitry Peskov stated that … was “…”."""
        verbs = reporting_verbs(self.masked, sentence[0], quote.marks[0])
        if not verbs:
            return None, "none"
        verb = verbs[-1]
        if not self.masked[verb.end() : quote.marks[0]].strip(" ,:"):
            self.tags.add(verb.start())
        segment = subject_segment(self.masked, sentence[0], verb.start())
        speaker, rule = resolve_subject(self.text, self.attribution, segment, sentence=sentence, paragraph=paragraph)
        return speaker, f"tag_before_quote:{rule}"

    def nested_quotation(self, quote: Quote) -> None:
        """A quotation inside a quotation is someone the speaker quotes; only a name said right there tells who."""
        parent = self.quotes[quote.parent]
        start = max(parent.start, self.sentence_at(quote.marks[0])[0])
        verbs = reporting_verbs(self.text, start, quote.marks[0])
        speaker, rule = None, "unattributed"
        if verbs:
            segment = subject_segment(self.text, start, verbs[-1].start())
            speaker, rule = resolve_subject(
                self.text, self.attribution, segment, sentence=(start, quote.marks[0]), paragraph=-1, carry_over=False
            )
        self.add(
            ProposalKind.QUOTATION,
            quote.start,
            quote.end,
            confidence=Confidence(f"quotation:nested:{rule}", 0.6 if speaker else 0.3),
            sentence=self.sentence_at(quote.start),
            speaker=speaker,
        )

    # Statements ---------------------------------------------------------------------------------------------

    def statement(self, sentence: tuple[int, int]) -> None:
        """A sentence reporting what someone said in the article's words; a quotation's own tag is not one."""
        paragraph = self.paragraph_at(sentence[0])
        if ACCORDING_TO.search(self.masked, *sentence):
            speaker, rule = according_to(self.text, self.attribution, *sentence)
            rule = f"according_to:{rule}"
        else:
            verbs = [verb for verb in reporting_verbs(self.masked, *sentence) if verb.start() not in self.tags]
            if not verbs:
                return
            verb = verbs[0]
            segment = subject_segment(self.masked, sentence[0], verb.start())
            speaker, rule = resolve_subject(
                self.text, self.attribution, segment, sentence=sentence, paragraph=paragraph
            )
            if speaker is None and not self.text[segment[0] : segment[1]].strip():
                speaker, rule = resolve_after_verb(self.text, self.attribution, verb.end(), sentence[1])
            rule = f"reporting_verb:{rule}"
        if speaker is not None:
            self.attribution.last_speaker[paragraph] = speaker
        score = score_of(rule) if speaker else 0.4
        self.add(
            ProposalKind.STATEMENT,
            *sentence,
            confidence=Confidence(f"statement:{rule}", score),
            sentence=sentence,
            speaker=speaker,
        )

    # Dates and names ----------------------------------------------------------------------------------------

    def date_phrases(self) -> None:
        for start, end in dates.find_phrases(self.text):
            sentence = self.sentence_at(start)
            if preposition := _LEADING_PREPOSITION.search(self.text, sentence[0], start):
                start = preposition.start()
            clause_start = max(sentence[0], self.text.rfind(",", sentence[0], start) + 1)
            tense = dates.Tense.FUTURE if _FUTURE.search(self.text, clause_start, start) else dates.Tense.PAST
            resolved = dates.resolve(self.text[start:end], self.published_on, tense)
            if resolved.basis is dates.Basis.STATED:
                rule, score = "date:stated", 0.95
            elif resolved.earliest or resolved.latest:
                rule, score = f"date:resolved_against_publication:{tense}", 0.85
            else:
                rule, score = "date:recognised_but_unresolved", 0.5
            self.add(
                ProposalKind.DATE, start, end, confidence=Confidence(rule, score), sentence=sentence, date=resolved
            )

    def names(self) -> None:
        for mention in self.attribution.known_found:
            is_alias = mention.name not in (mention.known.name, mention.known.name.removeprefix("The "))
            rule, score = ("name:known_alias", 0.9) if is_alias else ("name:known_name", 0.95)
            name = Speaker(mention.known.name, mention.known.slug)
            self.add_name(mention.start, mention.end, Confidence(rule, score), name)
        for mention in self.attribution.new_found:
            name = Speaker(mention.name, is_new=True)
            self.add_name(mention.start, mention.end, Confidence("name:new_capitalised", 0.5), name)

    def add_name(self, start: int, end: int, confidence_: Confidence, name: Speaker) -> None:
        self.add(ProposalKind.NAME, start, end, confidence=confidence_, sentence=self.sentence_at(start), name=name)


def propose(text: str, *, published_on: date | None = None, known: Sequence[KnownName] = ()) -> list[Proposal]:
    """Every proposal for `text`, in reading order.

    `published_on` anchors relative dates ("last week"); without it they stay unknown. `known` are the actors and
    venues already in the database: a speaker or name that matches one by name or alias is proposed as that one,
    anything else as new.
    """
    if not text:
        return []
    return _Reader(text, published_on, known).read()
