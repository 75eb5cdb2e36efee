"""dates.find_phrases: every date phrase the resolver recognises, found in a running text."""

import itertools
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import find_phrases, resolve


def _phrases(text):
    return [text[start:end] for start, end in find_phrases(text)]


def test_phrases_are_found_in_any_case_and_in_text_order():
    text = "Talks held Last Week ended; a new round is set for 12 March 2026, and TBA is the venue."
    assert _phrases(text) == ["Last Week", "12 March 2026", "TBA"]


def test_the_longer_of_two_overlapping_phrases_wins():
    assert _phrases("They met on Tuesday last week and in February 2026.") == ["Tuesday last week", "February 2026"]


def test_a_number_that_is_not_a_year_is_not_a_date_phrase():
    assert _phrases("1500 protesters gathered.") == []


def test_each_found_phrase_resolves_on_its_own_as_in_the_text():
    text = "On Monday, two days ago, officials said a date has not yet been set."
    anchor = date(2026, 2, 10)
    resolved = [resolve(phrase, anchor) for phrase in _phrases(text)]
    assert [(r.earliest, r.latest) for r in resolved] == [
        (date(2026, 2, 9), date(2026, 2, 9)),
        (date(2026, 2, 8), date(2026, 2, 8)),
        (anchor, None),
    ]


@given(st.text(max_size=80))
def test_found_phrases_are_ordered_non_overlapping_spans_of_the_text(text):
    spans = find_phrases(text)
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert all(previous[1] <= following[0] for previous, following in itertools.pairwise(spans))
