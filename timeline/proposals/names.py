"""Names in a text: known actors and venues by name or alias, and capitalised names not yet known."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from timeline.proposals.base import KnownName
from timeline.proposals.text import UPPER

_WORD = re.compile(rf"[{UPPER}][\w\-]*(?:\.[\w\-]+)*\.?")
_RUN = re.compile(rf"{_WORD.pattern}(?:[ \t]+(?:of[ \t]+)?{_WORD.pattern})*")

# Words that start a capitalised run without being part of a name.
FUNCTION_WORDS = frozenset(
    [
        "A",
        "An",
        "The",
        "In",
        "On",
        "At",
        "By",
        "For",
        "From",
        "To",
        "With",
        "Of",
        "Its",
        "His",
        "Her",
        "Their",
        "Our",
        "This",
        "These",
        "That",
        "Those",
        "While",
        "However",
        "But",
        "And",
        "Or",
        "Both",
        "Speaking",
        "According",
        "If",
        "When",
        "Now",
        "Here",
        "Here\u2019s",
        "What",
        "Who",
        "Why",
        "How",
        "Has",
        "Have",
        "Had",
        "Is",
        "Are",
        "Was",
        "Were",
        "It",
        "He",
        "She",
        "They",
        "We",
        "You",
        "I",
        "Some",
        "Many",
        "Most",
        "No",
        "Not",
        "All",
        "Any",
        "After",
        "Before",
        "During",
        "Since",
        "Until",
        "Under",
        "Over",
        "As",
        "Such",
    ]
)
# Words of office that stand before a name: "Deputy Foreign Minister Alexander Grushko".
TITLE_WORDS = frozenset(
    [
        "President",
        "Vice",
        "Prime",
        "Minister",
        "Deputy",
        "Foreign",
        "Defence",
        "Defense",
        "Interior",
        "Finance",
        "Labour",
        "Labor",
        "Agriculture",
        "Health",
        "Economy",
        "Trade",
        "Justice",
        "Environment",
        "Energy",
        "Spokesman",
        "Spokeswoman",
        "Spokesperson",
        "Chief",
        "Executive",
        "Director",
        "Mayor",
        "Governor",
        "Senator",
        "General",
        "Secretary",
        "Chancellor",
        "Ambassador",
        "Envoy",
        "Commissioner",
        "Chairman",
        "Chairwoman",
        "Chair",
        "Head",
        "Leader",
        "Speaker",
        "Mr",
        "Mrs",
        "Ms",
        "Dr",
        "Sir",
        "King",
        "Queen",
        "Pope",
        "Premier",
        "Colonel",
        "Captain",
        "Professor",
    ]
)
MONTHS_AND_DAYS = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)
# A demonym names no one, but an unnamed ministry or diplomat of a state speaks for that state.
DEMONYMS = {
    "American": "United States",
    "British": "United Kingdom",
    "Chinese": "China",
    "French": "France",
    "German": "Germany",
    "Moldovan": "Moldova",
    "Polish": "Poland",
    "Russian": "Russia",
    "Turkish": "Turkey",
    "Ukrainian": "Ukraine",
    "European": "",
    "Western": "",
    "Eastern": "",
}


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    known: KnownName | None = None


def _clean_word(word: str) -> str:
    # "Ankara." keeps its full stop only when it is an initialism such as "U.S.".
    if word.endswith(".") and "." not in word[:-1] and len(word) > 2:
        return word[:-1]
    return word


def known_mentions(text: str, known: Sequence[KnownName]) -> list[Mention]:
    """Every place a known name or alias is written, longest spelling first where they overlap."""
    candidates = []
    for entry in known:
        for spelling in entry.spellings():
            for match in re.finditer(rf"(?<!\w){re.escape(spelling)}(?!\w)", text):
                candidates.append(Mention(match.start(), match.end(), spelling, entry))
    chosen: list[Mention] = []
    for mention in sorted(candidates, key=lambda found: (found.start - found.end, found.start)):
        if all(mention.end <= other.start or mention.start >= other.end for other in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda mention: mention.start)


def _is_sentence_start(text: str, position: int) -> bool:
    before = text[max(0, position - 80) : position].rstrip(" \t\"'\u201c\u2018(")
    return not before or before[-1] in ".!?\n:" or text[position - 1 : position] in ("\u201c", '"', "\u2018")


def _name_words(words: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    while words and words[0][2] in FUNCTION_WORDS:
        words = words[1:]
    titles = [index for index, word in enumerate(words) if word[2] in TITLE_WORDS]
    if titles:
        words = words[titles[-1] + 1 :]
    while words and words[0][2] == "of":
        words = words[1:]
    if all(word[2] in DEMONYMS or word[2] in MONTHS_AND_DAYS or word[2] in FUNCTION_WORDS for word in words):
        return []
    while words and words[-1][2] in DEMONYMS:
        words = words[:-1]
    return words


def new_mentions(text: str, known_found: Sequence[Mention]) -> list[Mention]:
    """Capitalised names not yet known: "Pavel Dvorak", "Nistru Hydro".

    A single capitalised word opening a sentence ("Farmers", "Environmental") is a name only when the text also
    writes it capitalised elsewhere mid-sentence, or makes it a possessive ("Moldova\u2019s").
    """
    masked = list(text)
    for mention in known_found:
        masked[mention.start : mention.end] = "#" * (mention.end - mention.start)
    masked_text = "".join(masked)
    found: list[Mention] = []
    mid_sentence: dict[str, bool] = {}
    for run in _RUN.finditer(masked_text):
        for words in _runs_within_sentences(run):
            if mention := _new_mention(text, words, mid_sentence):
                found.append(mention)
    return found


def _runs_within_sentences(run: re.Match[str]) -> list[list[tuple[int, int, str]]]:
    """The run's words, split where a word's full stop ends a sentence ("in Ankara. He said")."""
    groups: list[list[tuple[int, int, str]]] = [[]]
    for match in re.finditer(rf"{_WORD.pattern}|of", run[0]):
        word = _clean_word(match[0])
        start = run.start() + match.start()
        groups[-1].append((start, start + len(word), word))
        if word != match[0]:
            groups.append([])
    return [group for group in groups if group]


def _written_mid_sentence(text: str, word: str, seen: dict[str, bool]) -> bool:
    if word not in seen:
        seen[word] = any(
            not _is_sentence_start(text, match.start())
            for match in re.finditer(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        )
    return seen[word]


def _new_mention(text: str, words: list[tuple[int, int, str]], mid_sentence: dict[str, bool]) -> Mention | None:
    kept = _name_words(words)
    if not kept:
        return None
    start, end = kept[0][0], kept[-1][1]
    if len(kept) == 1 and kept[0] == words[0] and _is_sentence_start(text, start):
        elsewhere = _written_mid_sentence(text, kept[0][2], mid_sentence)
        possessive = text[end : end + 2] in ("\u2019s", "'s")
        if not (elsewhere or possessive):
            return None
    return Mention(start, end, text[start:end])


def demonym_states(segment: str) -> list[str]:
    """The states whose demonyms a phrase uses: "the Turkish foreign ministry" -> ["Turkey"]."""
    return [DEMONYMS[word] for word in re.findall(r"\w+", segment) if DEMONYMS.get(word)]
