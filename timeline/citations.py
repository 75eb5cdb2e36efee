"""Finding and checking cited spans of a source text. Pure Python: no Django here.

Offsets count Unicode code points (Python `str` indices): start inclusive, end exclusive. For text without
characters outside the Basic Multilingual Plane, such as the seed article, they equal the UTF-16 offsets a
JavaScript client counts; `utf16_offset` converts where they differ.
"""

from __future__ import annotations

from dataclasses import dataclass

SELECTOR_CONTEXT = 32


class CitationError(ValueError):
    """A cited text that is not in the source verbatim, or not only once where no occurrence is named."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    exact: str


def occurrences(text: str, exact: str) -> list[int]:
    """Every start offset at which `exact` occurs in `text`, overlapping ones included."""
    if not exact:
        return []
    starts, position = [], text.find(exact)
    while position != -1:
        starts.append(position)
        position = text.find(exact, position + 1)
    return starts


def find_span(text: str, exact: str, occurrence: int | None = None) -> Span:
    """The span of `exact` in `text`; `occurrence` (1-based) picks one where the text occurs more than once."""
    if not exact or exact != exact.strip():
        raise CitationError(f"cited text must be non-empty without surrounding white space: {exact!r}")
    starts = occurrences(text, exact)
    if not starts:
        raise CitationError(f"not found verbatim in the source: {exact!r}")
    if occurrence is None:
        if len(starts) > 1:
            raise CitationError(
                f"occurs {len(starts)} times in the source; name the occurrence or quote more: {exact!r}"
            )
        occurrence = 1
    if not 1 <= occurrence <= len(starts):
        raise CitationError(f"occurrence {occurrence} asked for, but it occurs {len(starts)} time(s): {exact!r}")
    start = starts[occurrence - 1]
    return Span(start=start, end=start + len(exact), exact=exact)


def span_problem(text: str, start: int, end: int, exact: str) -> str | None:
    """Why the span is not verbatim at its offsets, or None when it is."""
    if start < 0 or end <= start:
        return f"offsets [{start}, {end}) are not a non-empty span"
    if end > len(text):
        return f"end {end} is past the end of the source text ({len(text)} characters)"
    found = text[start:end]
    if found != exact:
        return f"text at [{start}, {end}) is {found!r}, not {exact!r}"
    return None


def selectors(text: str, start: int, end: int) -> list[dict]:
    """W3C Web Annotation selectors for a span: a TextPositionSelector and a TextQuoteSelector."""
    return [
        {"type": "TextPositionSelector", "start": start, "end": end},
        {
            "type": "TextQuoteSelector",
            "exact": text[start:end],
            "prefix": text[max(0, start - SELECTOR_CONTEXT) : start],
            "suffix": text[end : end + SELECTOR_CONTEXT],
        },
    ]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) offsets of each non-empty paragraph (one per line) of `text`."""
    spans, position = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((position, position + len(line)))
        position += len(line) + 1
    return spans


def utf16_offset(text: str, offset: int) -> int:
    """The UTF-16 code-unit offset of code-point `offset` in `text` (they differ only past the BMP)."""
    return offset + sum(1 for character in text[:offset] if ord(character) > 0xFFFF)
