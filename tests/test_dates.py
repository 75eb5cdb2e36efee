"""Tests for timeline.dates: honest resolution of news date phrases."""

from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import given
from hypothesis import strategies as st

from timeline.dates import (
    PRECISION_ORDER,
    Basis,
    Precision,
    ResolvedDate,
    Tense,
    precisions_at_least,
    resolve,
    sort_key,
    to_edtf,
)

ANCHOR = date(2026, 2, 10)  # a Tuesday
D = date


@pytest.fixture(autouse=True)
def _plain_http_test_client():
    """Override the conftest's Django-settings fixture: this module is pure Python and runs without Django."""


def bounds(phrase: str, anchor: date | None = ANCHOR, tense: str = Tense.PAST, **kwargs) -> tuple:
    r = resolve(phrase, anchor, tense, **kwargs)
    return r.earliest, r.latest, r.precision, r.basis


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("on Tuesday", D(2026, 2, 10)),
        ("on Monday", D(2026, 2, 9)),
        ("Wednesday", D(2026, 2, 4)),
        ("stated on Sunday, during their most recent meeting.", D(2026, 2, 8)),
        ("today", D(2026, 2, 10)),
        ("Yesterday", D(2026, 2, 9)),
        ("tomorrow", D(2026, 2, 11)),
        ("two days ago", D(2026, 2, 8)),
        ("10 days ago", D(2026, 1, 31)),
        ("last Tuesday", D(2026, 2, 3)),
        ("on Tuesday last week", D(2026, 2, 3)),
    ],
)
def test_day_phrases_resolve_to_one_day_against_the_anchor(phrase, expected):
    assert bounds(phrase) == (expected, expected, Precision.DAY, Basis.RESOLVED)


def test_a_future_weekday_is_the_next_such_day_on_or_after_the_anchor():
    assert bounds("on Wednesday", tense=Tense.FUTURE)[:2] == (D(2026, 2, 11), D(2026, 2, 11))
    assert bounds("on Tuesday", tense="future")[:2] == (ANCHOR, ANCHOR)


def test_last_week_is_the_previous_iso_week():
    assert bounds("last week") == (D(2026, 2, 2), D(2026, 2, 8), Precision.WEEK, Basis.RESOLVED)


def test_this_week_stops_at_the_anchor_in_the_past_and_starts_there_in_the_future():
    assert bounds("this week")[:3] == (D(2026, 2, 9), ANCHOR, Precision.WEEK)
    assert bounds("this week", tense=Tense.FUTURE)[:3] == (ANCHOR, D(2026, 2, 15), Precision.WEEK)
    assert bounds("next week")[:3] == (D(2026, 2, 16), D(2026, 2, 22), Precision.WEEK)


def test_month_and_year_phrases_cover_whole_calendar_periods():
    assert bounds("last month")[:3] == (D(2026, 1, 1), D(2026, 1, 31), Precision.MONTH)
    assert bounds("earlier this month")[:3] == (D(2026, 2, 1), ANCHOR, Precision.MONTH)
    assert bounds("last year")[:3] == (D(2025, 1, 1), D(2025, 12, 31), Precision.YEAR)


@pytest.mark.parametrize("phrase", ["in recent weeks", "recently", "In recent days,", "in recent months"])
def test_recent_phrases_end_at_the_anchor_with_an_unknown_start(phrase):
    assert bounds(phrase) == (None, ANCHOR, Precision.UNKNOWN, Basis.RESOLVED)


@pytest.mark.parametrize(
    "phrase", ["a date has not yet been set", "not yet set", "date not set", "to be announced", "TBA"]
)
@pytest.mark.parametrize("tense", list(Tense))
def test_an_unset_date_is_after_the_anchor_with_an_unknown_day(phrase, tense):
    assert bounds(phrase, tense=tense) == (ANCHOR, None, Precision.UNKNOWN, Basis.RESOLVED)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("10 February 2026", (D(2026, 2, 10), D(2026, 2, 10), Precision.DAY)),
        ("on February 10, 2026", (D(2026, 2, 10), D(2026, 2, 10), Precision.DAY)),
        ("Feb. 10, 2026", (D(2026, 2, 10), D(2026, 2, 10), Precision.DAY)),
        ("2026-02-10", (D(2026, 2, 10), D(2026, 2, 10), Precision.DAY)),
        ("Tuesday, February 10, 2026", (D(2026, 2, 10), D(2026, 2, 10), Precision.DAY)),
        ("Monday, February 10, 2026", (D(2026, 2, 10), D(2026, 2, 10), Precision.DAY)),
        ("in February 2026", (D(2026, 2, 1), D(2026, 2, 28), Precision.MONTH)),
        ("in 2025", (D(2025, 1, 1), D(2025, 12, 31), Precision.YEAR)),
    ],
)
@pytest.mark.parametrize("anchor", [ANCHOR, None])
def test_explicit_dates_are_stated_and_need_no_anchor(phrase, expected, anchor):
    assert bounds(phrase, anchor) == (*expected, Basis.STATED)


@pytest.mark.parametrize("phrase", ["", "   ", "at some point", "31 February 2026", "1500 protesters"])
def test_blank_unrecognised_or_impossible_phrases_are_unknown(phrase):
    assert bounds(phrase) == (None, None, Precision.UNKNOWN, Basis.UNKNOWN)


@pytest.mark.parametrize("phrase", ["on Tuesday", "yesterday", "last week", "in recent weeks", "not yet set"])
def test_relative_phrases_without_an_anchor_are_unknown(phrase):
    assert bounds(phrase, None) == (None, None, Precision.UNKNOWN, Basis.UNKNOWN)


def test_iso_weeks_are_respected_on_a_monday_a_sunday_and_around_new_year():
    monday, sunday, new_years_day = D(2026, 2, 9), D(2026, 2, 15), D(2027, 1, 1)
    assert bounds("this week", monday)[:2] == (monday, monday)
    assert bounds("last week", monday)[:2] == (D(2026, 2, 2), D(2026, 2, 8))
    assert bounds("this week", sunday)[:2] == (monday, sunday)
    assert bounds("on Sunday", sunday)[:2] == (sunday, sunday)
    assert new_years_day.isocalendar()[:2] == (2026, 53)
    assert bounds("this week", new_years_day)[:2] == (D(2026, 12, 28), new_years_day)
    assert bounds("last week", new_years_day)[:2] == (D(2026, 12, 21), D(2026, 12, 27))
    assert bounds("next week", new_years_day)[:2] == (D(2027, 1, 4), D(2027, 1, 10))
    assert bounds("last month", new_years_day)[:2] == (D(2026, 12, 1), D(2026, 12, 31))


def test_ends_before_caps_latest_at_the_day_before_the_other_items_latest():
    last_week = resolve("last week", ANCHOR)
    assert bounds("in recent weeks", ends_before=last_week) == (None, D(2026, 2, 7), Precision.UNKNOWN, Basis.RESOLVED)
    assert bounds("this month", ends_before=last_week)[:3] == (D(2026, 2, 1), D(2026, 2, 7), Precision.MONTH)
    assert bounds("at some point", ends_before=last_week)[:2] == (None, D(2026, 2, 7))
    assert bounds("this week", ends_before=resolve("today", ANCHOR))[:3] == (D(2026, 2, 9), D(2026, 2, 9), "day")
    assert bounds("last week", ends_before=resolve("recently", None)) == bounds("last week")


def test_ends_before_that_contradicts_the_phrase_raises():
    with pytest.raises(ValueError, match="2026-02-10"):
        resolve("on Tuesday", ANCHOR, ends_before=resolve("last week", ANCHOR))


def test_resolved_date_rejects_earliest_after_latest():
    with pytest.raises(ValueError):
        ResolvedDate(D(2026, 2, 2), D(2026, 2, 1), Precision.DAY, Basis.EDITOR)


def test_precisions_at_least_lists_the_more_precise_ones_in_order():
    assert precisions_at_least("day") == ["day"]
    assert precisions_at_least("week") == ["day", "week"]
    assert precisions_at_least(Precision.UNKNOWN) == [p.value for p in PRECISION_ORDER]
    with pytest.raises(ValueError):
        precisions_at_least("fortnight")


@pytest.mark.parametrize(
    ("earliest", "latest", "precision", "span", "ongoing", "expected"),
    [
        (D(2026, 2, 10), D(2026, 2, 10), "day", False, False, "2026-02-10"),
        (D(2026, 2, 1), D(2026, 2, 28), "month", False, False, "2026-02"),
        (D(2026, 1, 1), D(2026, 12, 31), "year", False, False, "2026"),
        (D(2026, 2, 1), D(2026, 2, 28), "week", False, False, "[2026-02-01..2026-02-28]"),
        (D(2026, 2, 2), D(2026, 2, 8), "week", False, False, "[2026-02-02..2026-02-08]"),
        (None, D(2026, 2, 10), "unknown", False, False, "[..2026-02-10]"),
        (D(2026, 2, 10), None, "unknown", False, False, "[2026-02-10..]"),
        (None, None, "unknown", False, False, "XXXX"),
        (D(2026, 2, 2), D(2026, 2, 8), "week", True, False, "2026-02-02/2026-02-08"),
        (D(2026, 2, 2), None, "unknown", True, False, "2026-02-02/"),
        (D(2026, 2, 2), None, "unknown", True, True, "2026-02-02/.."),
        (None, D(2026, 2, 10), "unknown", True, False, "/2026-02-10"),
        (None, None, "unknown", True, True, "XXXX"),
    ],
)
def test_to_edtf_follows_one_convention_and_always_parses(earliest, latest, precision, span, ongoing, expected):
    result = to_edtf(earliest, latest, precision, span=span, ongoing=ongoing)
    assert result == expected
    assert parse_edtf(result) is not None


def test_sort_key_has_a_documented_fixed_width_format():
    assert sort_key(D(2026, 2, 2), D(2026, 2, 8), 7) == "2026-02-02/2026-02-08/00000007"
    assert sort_key(None, D(2026, 2, 8), 0) == "0000-00-00/2026-02-08/00000000"
    assert sort_key(None, None, 3) == "9999-12-31/9999-12-31/00000003"
    for bad in (-1, 10**8):
        with pytest.raises(ValueError):
            sort_key(None, None, bad)


# --- properties --------------------------------------------------------------

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
PAST_PHRASES = st.one_of(
    st.sampled_from(WEEKDAYS).map("on {}".format),
    st.sampled_from(["yesterday", "today", "last week", "last month", "last year", "this week", "this month"]),
    st.sampled_from(["in recent weeks"]),
    st.integers(0, 400).map("{} days ago".format),
)
ANCHORS = st.dates(D(1900, 1, 1), D(2100, 12, 31))


@given(PAST_PHRASES, ANCHORS)
def test_past_phrases_never_end_after_the_anchor_and_always_encode(phrase, anchor):
    r = resolve(phrase, anchor, Tense.PAST)
    assert r.basis is Basis.RESOLVED
    assert r.latest is not None and r.latest <= anchor
    if r.earliest is not None:
        assert r.earliest <= r.latest
    if r.precision is Precision.DAY:
        assert r.earliest == r.latest
    for span in (False, True):
        assert parse_edtf(to_edtf(r.earliest, r.latest, r.precision, span=span)) is not None


@given(st.sampled_from(WEEKDAYS), ANCHORS, st.sampled_from(list(Tense)))
def test_a_bare_weekday_lands_on_that_weekday_within_six_days_of_the_anchor(weekday, anchor, tense):
    r = resolve(weekday, anchor, tense)
    assert r.earliest == r.latest and r.earliest.weekday() == WEEKDAYS.index(weekday)
    assert abs((r.earliest - anchor).days) <= 6
    assert (r.earliest <= anchor) if tense is Tense.PAST else (r.earliest >= anchor)


def _intended_order(item: tuple) -> tuple:
    """The chronological order sort_key must reproduce, built without any string formatting."""
    earliest, latest, sequence = item
    if earliest is not None:
        start = (1, earliest)
    elif latest is not None:
        start = (0, date.min)  # unknown start: before every known one
    else:
        start = (1, date.max)  # undated: last
    return start, latest or date.max, sequence


BOUNDS = st.tuples(st.none() | st.dates(), st.none() | st.dates()).map(
    lambda pair: tuple(sorted(pair)) if None not in pair else pair
)
ITEMS = st.builds(lambda b, seq: (*b, seq), BOUNDS, st.integers(0, 10**8 - 1))


@given(ITEMS, ITEMS)
def test_sort_key_string_order_matches_chronological_order(a, b):
    key_a, key_b = sort_key(*a), sort_key(*b)
    order_a, order_b = _intended_order(a), _intended_order(b)
    assert (key_a < key_b) == (order_a < order_b)
    assert (key_a == key_b) == (order_a == order_b)


@given(BOUNDS, st.sampled_from(list(Precision)), st.booleans(), st.booleans())
def test_to_edtf_output_always_parses(pair, precision, span, ongoing):
    assert parse_edtf(to_edtf(*pair, precision, span=span, ongoing=ongoing)) is not None
