"""Where a text's paragraphs, sentences and quotations are, as offsets into it."""

from __future__ import annotations

import re
from dataclasses import dataclass

OPENING_DOUBLE = "\u201c"
CLOSING_DOUBLE = "\u201d"
OPENING_SINGLE = "\u2018"
CLOSING_SINGLE = "\u2019"
QUOTE_MARKS = "\"'" + OPENING_DOUBLE + CLOSING_DOUBLE + OPENING_SINGLE + CLOSING_SINGLE

# Capital letters of the Latin, Greek and Cyrillic scripts, for names such as "Šefčovič".
UPPER = "".join(
    chr(code) for code in (*range(0x41, 0x250), *range(0x370, 0x530), *range(0x1E00, 0x1F00)) if chr(code).isupper()
)

# "U.S." and "Mr." end in a full stop that does not end the sentence.
_ABBREVIATION = re.compile(rf"(?:\b(?:[{UPPER}]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Sen|Rep|Gov|Lt|Col|Capt|Prof|No|vs)\.)$")
_SENTENCE_END = re.compile(
    rf"[.!?][\"'{CLOSING_DOUBLE}{CLOSING_SINGLE}]*(?=\s+[\"'{OPENING_DOUBLE}{OPENING_SINGLE}]?[{UPPER}])"
)


@dataclass(frozen=True)
class Quote:
    """The words inside a pair of quotation marks; `marks` spans the marks too; `parent` is the enclosing quote."""

    start: int
    end: int
    marks: tuple[int, int]
    paragraph: int
    parent: int | None = None


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The [start, end) of every non-blank line; a news text puts one paragraph on a line."""
    spans, position = [], 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            spans.append((position, position + len(body)))
        position += len(line)
    return spans


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentences(text: str) -> list[tuple[int, int]]:
    """The [start, end) of every sentence, never crossing a paragraph."""
    spans = []
    for paragraph_start, paragraph_end in paragraphs(text):
        start = paragraph_start
        for match in _SENTENCE_END.finditer(text, paragraph_start, paragraph_end):
            if _ABBREVIATION.search(text, max(start, match.start() - 12), match.start() + 1):
                continue
            spans.append(_trimmed(text, start, match.end()))
            start = match.end()
        spans.append(_trimmed(text, start, paragraph_end))
    return [span for span in spans if span[0] < span[1]]


def _inner(text: str, opening: int, closing: int) -> tuple[int, int]:
    """The quoted words between two marks: no surrounding space, no trailing comma joining the attribution."""
    start, end = _trimmed(text, opening + 1, closing)
    if end > start and text[end - 1] == ",":
        start, end = _trimmed(text, start, end - 1)
    return start, end


def _closes_single(text: str, position: int) -> bool:
    after = text[position + 1 : position + 2]
    return position > 0 and not text[position - 1].isspace() and not after.isalnum()


def _opens_single(text: str, position: int) -> bool:
    before = text[position - 1 : position]
    after = text[position + 1 : position + 2]
    return (not before or before.isspace() or before in "(\u2014-" + OPENING_DOUBLE + '"') and after[:1].strip() != ""


def _nested(text: str, start: int, end: int, paragraph: int, parent: int) -> list[Quote]:
    """Single-quoted spans inside a double-quoted one; an apostrophe ("company's") is neither mark."""
    found, opening = [], None
    for position in range(start, end):
        character = text[position]
        if character not in ("'", OPENING_SINGLE, CLOSING_SINGLE):
            continue
        if opening is not None and character != OPENING_SINGLE and _closes_single(text, position):
            inner_start, inner_end = _inner(text, opening, position)
            if inner_start < inner_end:
                found.append(Quote(inner_start, inner_end, (opening, position + 1), paragraph, parent))
            opening = None
        elif opening is None and character != CLOSING_SINGLE and _opens_single(text, position):
            opening = position
    return found


def quotes(text: str) -> list[Quote]:
    """Every span in double quotation marks (straight or curly), then the single-quoted spans nested in them.

    A mark left open at the end of its paragraph proposes nothing: there is no telling where the quote ends.
    """
    found: list[Quote] = []
    for paragraph, (paragraph_start, paragraph_end) in enumerate(paragraphs(text)):
        opening = None
        for position in range(paragraph_start, paragraph_end):
            character = text[position]
            if opening is None and character in ('"', OPENING_DOUBLE):
                opening = position
            elif opening is not None and character in ('"', CLOSING_DOUBLE):
                inner_start, inner_end = _inner(text, opening, position)
                if inner_start < inner_end:
                    found.append(Quote(inner_start, inner_end, (opening, position + 1), paragraph))
                    parent = len(found) - 1
                    found.extend(_nested(text, opening + 1, position, paragraph, parent))
                opening = None
    return found


def outside_quotes(text: str, found: list[Quote]) -> str:
    """The text with every top-level quotation (marks included) blanked out, offsets unchanged."""
    characters = list(text)
    for quote in found:
        if quote.parent is None:
            start, end = quote.marks
            characters[start:end] = " " * (end - start)
    return "".join(characters)
