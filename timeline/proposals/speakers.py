"""Who said it: reporting verbs, and the speaker their attribution names."""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from timeline.proposals.base import KnownName, Speaker
from timeline.proposals.names import Mention, demonym_states

# Reporting and stance verbs as news writing uses them: "stated", "told", "warned", "has indicated", "called for".
REPORTING_VERB = re.compile(
    r"\b(?:said|says|stated|told|tells|added|adds|indicated|warned|warns|demanded|demanding|insisted|insists"
    r"|welcomed|welcomes|claimed|claims|announced|announces|blamed|blames|blame|rejected|rejects|opposed|opposes"
    r"|outlined|argued|argues|noted|urged|urges|denied|denies|accused|explained|acknowledged|admitted|promised"
    r"|pledged|vowed|criticised|criticized|condemned|dismissed|predicted|asserted|called\s+for|calls\s+for)\b"
)
ACCORDING_TO = re.compile(r"\baccording\s+to\s+(?:the\s+)?", re.IGNORECASE)
_NEGATED = re.compile(r"\b(?:not|never|n't|no\s+longer)\s+(?:\w+\s+){0,2}$")
# Where the subject of a reporting verb begins: the last clause break before it.
_CLAUSE_BREAK = re.compile(r"[,;:()\u2014]|\b(?:that|which|who|while|whereas|although|but|and|as)\b")
_PERSONAL_PRONOUN = re.compile(r"^\s*(?:he|she)\b", re.IGNORECASE)
_OTHER_PRONOUN = re.compile(r"^\s*(?:it|they|its\s+\w+|the\s+\w+)\s*(?:\w+\s*){0,3}$", re.IGNORECASE)
# A name after a preposition of place is where someone is, not who speaks: "insurers in London warned".
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|on)\s+$")


@dataclass
class Attribution:
    """What the text has told us so far: known names, new names, and who spoke last in each paragraph."""

    known_found: Sequence[Mention]
    new_found: Sequence[Mention]
    known: Sequence[KnownName]
    last_speaker: dict[int, Speaker] = field(default_factory=dict)

    def __post_init__(self):
        self._mentions = sorted((*self.known_found, *self.new_found), key=lambda mention: mention.start)
        self._starts = [mention.start for mention in self._mentions]

    def mentions_in(self, start: int, end: int) -> list[Mention]:
        return self._mentions[bisect.bisect_left(self._starts, start) : bisect.bisect_left(self._starts, end)]

    def speaker_for(self, mention: Mention) -> tuple[Speaker, str]:
        if mention.known is not None:
            return Speaker(mention.known.name, mention.known.slug), "known_name"
        if matched := self._by_surname(mention.name):
            return matched
        return Speaker(mention.name, is_new=True), "new_name"

    def _by_surname(self, name: str) -> tuple[Speaker, str] | None:
        """ "Dvorak" is the "Pavel Dvorak" the text named before (or a known "Dmitry Peskov")."""
        if " " in name:
            return None
        for entry in self.known:
            if entry.name.split()[-1] == name and " " in entry.name:
                return Speaker(entry.name, entry.slug), "known_surname"
        for mention in self.new_found:
            if " " in mention.name and mention.name.split()[-1] == name:
                return Speaker(mention.name, is_new=True), "new_surname"
        return None

    def state(self, name: str) -> Speaker:
        for entry in self.known:
            if name in entry.spellings():
                return Speaker(entry.name, entry.slug)
        return Speaker(name, is_new=True)


_SCORES = {
    "known_name": 0.9,
    "known_surname": 0.8,
    "new_surname": 0.75,
    "new_name": 0.7,
    "demonym": 0.55,
    "pronoun_in_sentence": 0.6,
    "carried_over": 0.6,
}


def score_of(rule: str) -> float:
    """How far a speaker found by `rule` (its last part: "tag_before_quote:known_name") can be trusted."""
    return _SCORES.get(rule.rsplit(":", 1)[-1], 0.4)


def subject_segment(text: str, sentence_start: int, verb_start: int) -> tuple[int, int]:
    """The words before a reporting verb that name who speaks: after the last clause break, if any are left."""
    segment_start = sentence_start
    breaks = list(_CLAUSE_BREAK.finditer(text, sentence_start, verb_start))
    for found in reversed(breaks):
        if text[found.end() : verb_start].strip(" ,;:"):
            segment_start = found.end()
            break
    return segment_start, verb_start


def resolve_subject(
    text: str,
    attribution: Attribution,
    segment: tuple[int, int],
    *,
    sentence: tuple[int, int],
    paragraph: int,
    carry_over: bool = True,
) -> tuple[Speaker | None, str]:
    """The speaker a subject phrase names, and the rule that found it ("none" when nothing did)."""
    start, end = segment
    mentions = [m for m in attribution.mentions_in(start, end) if not _PLACE_BEFORE.search(text, start, m.start)]
    if mentions:
        return attribution.speaker_for(mentions[-1])
    if states := demonym_states(text[start:end]):
        return attribution.state(states[-1]), "demonym"
    words = text[start:end]
    if _PERSONAL_PRONOUN.match(words) and carry_over and paragraph in attribution.last_speaker:
        return attribution.last_speaker[paragraph], "carried_over"
    if _OTHER_PRONOUN.match(words):
        earlier = attribution.mentions_in(sentence[0], start)
        if earlier and not words.strip().lower().startswith("the "):
            return attribution.speaker_for(earlier[-1])[0], "pronoun_in_sentence"
        if carry_over and paragraph in attribution.last_speaker:
            return attribution.last_speaker[paragraph], "carried_over"
    return None, "none"


# Lower-case words of office that may sit inside a name phrase: "said Kremlin spokesman Dmitry Peskov".
_LOWER_TITLES = frozenset(
    {"spokesman", "spokeswoman", "spokesperson", "minister", "mayor", "leader", "director", "chief"}
)
_WORD = re.compile(r"\S+")


def _name_phrase_end(text: str, start: int, limit: int) -> int:
    """Where the name phrase starting at `start` ends: at a comma or full stop, or a lower-case word."""
    end = start
    for word in _WORD.finditer(text, start, limit):
        bare = word[0].rstrip(',.;:\u201d"')
        if bare[:1].islower() and bare not in _LOWER_TITLES and bare != "the":
            break
        end = word.start() + len(bare)
        if len(bare) < len(word[0]):
            break
    return end


def resolve_after_verb(text: str, attribution: Attribution, verb_end: int, limit: int) -> tuple[Speaker | None, str]:
    """The speaker named right after the verb: "said Horak", "said Ion Rusu, who grows maize"."""
    phrase_end = _name_phrase_end(text, verb_end, min(limit, verb_end + 120))
    if mentions := attribution.mentions_in(verb_end, phrase_end):
        return attribution.speaker_for(mentions[-1])
    return None, "none"


def according_to(text: str, attribution: Attribution, start: int, end: int) -> tuple[Speaker | None, str]:
    """The speaker of "according to X" in [start, end), if there is one."""
    if found := ACCORDING_TO.search(text, start, end):
        return resolve_after_verb(text, attribution, found.end(), end)
    return None, "none"


def reporting_verbs(masked: str, start: int, end: int) -> list[re.Match[str]]:
    """The reporting verbs in [start, end) of the quote-blanked text, negated ones ("has not commented") left out."""
    return [
        verb for verb in REPORTING_VERB.finditer(masked, start, end) if not _NEGATED.search(masked, start, verb.start())
    ]
