"""Tests for timeline.citations: finding and checking verbatim spans of the seed article. Pure Python, no database."""

from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from timeline.citations import (
    SELECTOR_CONTEXT,
    CitationError,
    find_span,
    occurrences,
    paragraph_spans,
    selectors,
    span_problem,
    utf16_offset,
)

ARTICLE = (
    (Path(__file__).resolve().parent.parent / "seeds" / "moscow-demands-reciprocal-security-guarantees.txt")
    .read_bytes()
    .decode("utf-8")
)
GRUSHKO = "Russian Deputy Foreign Minister Alexander Grushko told the Izvestia newspaper"


def test_find_span_finds_a_verbatim_span_at_its_offsets():
    span = find_span(ARTICLE, "a senior Russian diplomat stated on Tuesday")

    assert ARTICLE[span.start : span.end] == span.exact == "a senior Russian diplomat stated on Tuesday"
    assert span.start == ARTICLE.index("a senior Russian diplomat")


def test_find_span_keeps_curly_quotes_and_the_articles_own_spelling():
    span = find_span(ARTICLE, "The U.S. Has not publicly commented on Russia\u2019s specific demands")

    assert ARTICLE[span.start : span.end] == span.exact


@given(st.data())
def test_find_span_finds_any_stripped_slice_of_the_article_given_its_occurrence(data):
    start = data.draw(st.integers(0, len(ARTICLE) - 1))
    end = data.draw(st.integers(start + 1, min(len(ARTICLE), start + 200)))
    exact = ARTICLE[start:end]
    assume(exact == exact.strip() and exact)

    span = find_span(ARTICLE, exact, occurrences(ARTICLE, exact).index(start) + 1)

    assert (span.start, span.end) == (start, end)


def test_find_span_fails_on_text_that_is_not_in_the_article():
    with pytest.raises(CitationError, match="not found verbatim"):
        find_span(ARTICLE, "Moscow is demanding unilateral security guarantees")


def test_find_span_fails_on_straight_quotes_where_the_article_has_curly_ones():
    with pytest.raises(CitationError, match="not found verbatim"):
        find_span(ARTICLE, "Here's a key element of a peace agreement")


def test_find_span_fails_on_text_with_surrounding_white_space():
    with pytest.raises(CitationError, match="surrounding white space"):
        find_span(ARTICLE, " Moscow is demanding")


def test_find_span_fails_on_ambiguous_text_without_an_occurrence():
    with pytest.raises(CitationError, match="occurs 2 times"):
        find_span(ARTICLE, GRUSHKO)


def test_occurrence_picks_the_named_one_of_the_two_grushko_phrases():
    first, second = find_span(ARTICLE, GRUSHKO, 1), find_span(ARTICLE, GRUSHKO, 2)

    assert first.start < second.start
    assert ARTICLE[first.start - 2 : first.start] == "” "
    assert ARTICLE[second.start - 5 : second.start] == "In , "
    assert ARTICLE[first.start : first.end] == ARTICLE[second.start : second.end] == GRUSHKO


def test_an_occurrence_beyond_the_last_one_fails():
    with pytest.raises(CitationError, match="occurrence 3 asked for, but it occurs 2 time"):
        find_span(ARTICLE, GRUSHKO, 3)


def test_selectors_give_the_position_and_32_characters_of_prefix_and_suffix():
    span = find_span(ARTICLE, "Zelenskyy stated on Monday")

    position, quote = selectors(ARTICLE, span.start, span.end)

    assert position == {"type": "TextPositionSelector", "start": span.start, "end": span.end}
    assert quote["type"] == "TextQuoteSelector"
    assert quote["exact"] == "Zelenskyy stated on Monday"
    assert len(quote["prefix"]) == len(quote["suffix"]) == SELECTOR_CONTEXT == 32
    assert quote["prefix"] == ARTICLE[span.start - 32 : span.start]
    assert quote["suffix"] == ARTICLE[span.end : span.end + 32]
    assert quote["prefix"].endswith("Ukrainian President Volodymyr ")


def test_selectors_shorten_the_context_at_the_ends_of_the_text():
    span = find_span(ARTICLE, "Moscow is demanding")
    last = find_span(ARTICLE, "prevent future conflicts in the region.")

    assert selectors(ARTICLE, span.start, span.end)[1]["prefix"] == ""
    assert selectors(ARTICLE, last.start, last.end)[1]["suffix"] == "\n"


def test_span_problem_accepts_a_verbatim_span():
    span = find_span(ARTICLE, "in recent weeks")

    assert span_problem(ARTICLE, span.start, span.end, span.exact) is None


def test_span_problem_catches_a_span_shifted_by_one_character():
    span = find_span(ARTICLE, "in recent weeks")

    problem = span_problem(ARTICLE, span.start + 1, span.end + 1, span.exact)

    assert problem == f"text at [{span.start + 1}, {span.end + 1}) is 'n recent weeks.', not 'in recent weeks'"


def test_span_problem_catches_empty_spans_and_spans_past_the_end():
    assert "not a non-empty span" in span_problem(ARTICLE, 10, 10, "")
    assert "past the end" in span_problem(ARTICLE, len(ARTICLE) - 1, len(ARTICLE) + 1, "x")


def test_utf16_offsets_equal_code_point_offsets_in_the_article_which_has_no_astral_characters():
    assert all(ord(character) <= 0xFFFF for character in ARTICLE)
    assert utf16_offset(ARTICLE, len(ARTICLE)) == len(ARTICLE)


def test_utf16_offset_counts_two_units_for_each_astral_character_before_it():
    text = "a“b”🇺🇦c😀d"  # curly quotes are in the BMP; each regional indicator and the emoji are not

    assert [utf16_offset(text, offset) for offset in range(len(text) + 1)] == [0, 1, 2, 3, 4, 6, 8, 9, 11, 12]


def test_the_article_has_eleven_paragraphs_one_per_line():
    paragraphs = paragraph_spans(ARTICLE)

    assert len(paragraphs) == 11
    assert ARTICLE[slice(*paragraphs[0])].startswith("Moscow is demanding")
    assert ARTICLE[slice(*paragraphs[-1])].startswith("The ongoing conflict")
    assert all("\n" not in ARTICLE[start:end] for start, end in paragraphs)
