"""Tests for timeline.dates: honest resolution of news date phrases."""

from datetime import date

import pytest
from edtf import parse_edtf
from hypothesis import given, settings
from hypothesis import strategies as st

from timeline.dates import (
    PRECISION_ORDER,
    Basis,
    Precision,
    ResolvedDate,
    Tense,
    no_later_than,
    precision_fits,
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
        ("last Thursday", D(2026, 2, 5)),
        ("on Tuesday last week", D(2026, 2, 3)),
    ],
)
def test_day_phrases_resolve_to_one_day_against_the_anchor(phrase, expected):
    assert bounds(phrase) == (expected, expected, Precision.DAY, Basis.RESOLVED)


def test_a_future_weekday_is_the_next_such_day_on_or_after_the_anchor():
    assert bounds("on Wednesday", tense=Tense.FUTURE)[:2] == (D(2026, 2, 11), D(2026, 2, 11))
    assert bounds("on Tuesday", tense="future")[:2] == (ANCHOR, ANCHOR)


def test_last_week_covers_the_previous_iso_week_and_the_previous_sunday_start_week():
    assert bounds("last week") == (D(2026, 2, 1), D(2026, 2, 8), Precision.WEEK, Basis.RESOLVED)
    assert resolve("last week", ANCHOR).readings == ((D(2026, 2, 1), D(2026, 2, 7)), (D(2026, 2, 2), D(2026, 2, 8)))


def test_this_week_stops_at_the_anchor_in_the_past_and_starts_there_in_the_future():
    assert bounds("this week")[:3] == (D(2026, 2, 8), ANCHOR, Precision.WEEK)
    assert bounds("this week", tense=Tense.FUTURE)[:3] == (ANCHOR, D(2026, 2, 15), Precision.WEEK)
    assert bounds("next week")[:3] == (D(2026, 2, 15), D(2026, 2, 22), Precision.WEEK)


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
    assert bounds("this week", monday)[:2] == (D(2026, 2, 8), monday)
    assert bounds("last week", monday)[:2] == (D(2026, 2, 1), D(2026, 2, 8))
    assert bounds("this week", sunday)[:2] == (monday, sunday)
    assert bounds("last week", sunday)[:2] == (D(2026, 2, 2), D(2026, 2, 14))
    assert bounds("on Sunday", sunday)[:2] == (sunday, sunday)
    assert new_years_day.isocalendar()[:2] == (2026, 53)
    assert bounds("this week", new_years_day)[:2] == (D(2026, 12, 27), new_years_day)
    assert bounds("last week", new_years_day)[:2] == (D(2026, 12, 20), D(2026, 12, 27))
    assert bounds("next week", new_years_day)[:2] == (D(2027, 1, 3), D(2027, 1, 10))
    assert bounds("last month", new_years_day)[:2] == (D(2026, 12, 1), D(2026, 12, 31))


def test_ends_before_caps_latest_at_the_day_before_the_other_items_latest():
    last_week = resolve("last week", ANCHOR)
    assert bounds("in recent weeks", ends_before=last_week) == (None, D(2026, 2, 7), Precision.UNKNOWN, Basis.RESOLVED)
    assert bounds("this month", ends_before=last_week)[:3] == (D(2026, 2, 1), D(2026, 2, 7), Precision.MONTH)
    assert bounds("at some point", ends_before=last_week)[:2] == (None, D(2026, 2, 7))
    assert bounds("this week", ends_before=resolve("today", ANCHOR))[:3] == (D(2026, 2, 8), D(2026, 2, 9), "week")
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
        (None, None, "unknown", True, True, "../.."),
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


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
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


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
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


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
@given(ITEMS, ITEMS)
def test_sort_key_string_order_matches_chronological_order(a, b):
    key_a, key_b = sort_key(*a), sort_key(*b)
    order_a, order_b = _intended_order(a), _intended_order(b)
    assert (key_a < key_b) == (order_a < order_b)
    assert (key_a == key_b) == (order_a == order_b)


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
@given(BOUNDS, st.sampled_from(list(Precision)), st.booleans(), st.booleans())
def test_to_edtf_output_always_parses(pair, precision, span, ongoing):
    assert parse_edtf(to_edtf(*pair, precision, span=span, ongoing=ongoing)) is not None


# --- the resolver, second pass: the phrases the next articles will use ------------------------------------

P, F = Tense.PAST, Tense.FUTURE
DAY, WEEK, MONTH, YEAR, UNKNOWN = (Precision(p) for p in ("day", "week", "month", "year", "unknown"))
RESOLVED, STATED = Basis.RESOLVED, Basis.STATED

# (phrase, tense, earliest, latest, precision, basis, approximate, edtf), all said on Tuesday 10 February 2026.
PHRASE_TABLE = [
    # Absolute dates, the year inferred from the anchor and the tense when the words give none.
    ("on Feb. 3", P, D(2026, 2, 3), D(2026, 2, 3), DAY, RESOLVED, False, "2026-02-03"),
    ("February 3", P, D(2026, 2, 3), D(2026, 2, 3), DAY, RESOLVED, False, "2026-02-03"),
    ("3 February", P, D(2026, 2, 3), D(2026, 2, 3), DAY, RESOLVED, False, "2026-02-03"),
    ("on 3rd February", P, D(2026, 2, 3), D(2026, 2, 3), DAY, RESOLVED, False, "2026-02-03"),
    ("February 3", F, D(2027, 2, 3), D(2027, 2, 3), DAY, RESOLVED, False, "2027-02-03"),
    ("on Feb. 12", P, D(2025, 2, 12), D(2025, 2, 12), DAY, RESOLVED, False, "2025-02-12"),
    ("on Feb. 12", F, D(2026, 2, 12), D(2026, 2, 12), DAY, RESOLVED, False, "2026-02-12"),
    ("on December 24", P, D(2025, 12, 24), D(2025, 12, 24), DAY, RESOLVED, False, "2025-12-24"),
    ("Feb 3, 2026", P, D(2026, 2, 3), D(2026, 2, 3), DAY, STATED, False, "2026-02-03"),
    ("2026-02-03", F, D(2026, 2, 3), D(2026, 2, 3), DAY, STATED, False, "2026-02-03"),
    ("3 February 2026", P, D(2026, 2, 3), D(2026, 2, 3), DAY, STATED, False, "2026-02-03"),
    ("in January", P, D(2026, 1, 1), D(2026, 1, 31), MONTH, RESOLVED, False, "2026-01"),
    ("in January", F, D(2027, 1, 1), D(2027, 1, 31), MONTH, RESOLVED, False, "2027-01"),
    ("in December", P, D(2025, 12, 1), D(2025, 12, 31), MONTH, RESOLVED, False, "2025-12"),
    ("in December", F, D(2026, 12, 1), D(2026, 12, 31), MONTH, RESOLVED, False, "2026-12"),
    ("in February", P, D(2026, 2, 1), ANCHOR, MONTH, RESOLVED, False, "[2026-02-01..2026-02-10]"),
    ("in February", F, ANCHOR, D(2026, 2, 28), MONTH, RESOLVED, False, "[2026-02-10..2026-02-28]"),
    ("in January 2025", P, D(2025, 1, 1), D(2025, 1, 31), MONTH, STATED, False, "2025-01"),
    ("in 2025", P, D(2025, 1, 1), D(2025, 12, 31), YEAR, STATED, False, "2025"),
    ("in early January", P, D(2026, 1, 1), D(2026, 1, 10), MONTH, RESOLVED, False, "[2026-01-01..2026-01-10]"),
    ("in mid-January", P, D(2026, 1, 11), D(2026, 1, 20), MONTH, RESOLVED, False, "[2026-01-11..2026-01-20]"),
    ("in late January", P, D(2026, 1, 21), D(2026, 1, 31), MONTH, RESOLVED, False, "[2026-01-21..2026-01-31]"),
    ("in late February", P, D(2025, 2, 21), D(2025, 2, 28), MONTH, RESOLVED, False, "[2025-02-21..2025-02-28]"),
    ("in late February", F, D(2026, 2, 21), D(2026, 2, 28), MONTH, RESOLVED, False, "[2026-02-21..2026-02-28]"),
    ("in early March 2025", P, D(2025, 3, 1), D(2025, 3, 10), MONTH, STATED, False, "[2025-03-01..2025-03-10]"),
    ("last month", P, D(2026, 1, 1), D(2026, 1, 31), MONTH, RESOLVED, False, "2026-01"),
    ("last year", P, D(2025, 1, 1), D(2025, 12, 31), YEAR, RESOLVED, False, "2025"),
    ("earlier this month", P, D(2026, 2, 1), ANCHOR, MONTH, RESOLVED, False, "[2026-02-01..2026-02-10]"),
    ("earlier this year", P, D(2026, 1, 1), ANCHOR, YEAR, RESOLVED, False, "[2026-01-01..2026-02-10]"),
    ("later this month", F, ANCHOR, D(2026, 2, 28), MONTH, RESOLVED, False, "[2026-02-10..2026-02-28]"),
    # Relative spans, at the honest precision.
    ("three days ago", P, D(2026, 2, 7), D(2026, 2, 7), DAY, RESOLVED, False, "2026-02-07"),
    ("a week ago", P, D(2026, 1, 31), D(2026, 2, 6), WEEK, RESOLVED, False, "[2026-01-31..2026-02-06]"),
    ("two weeks ago", P, D(2026, 1, 24), D(2026, 1, 30), WEEK, RESOLVED, False, "[2026-01-24..2026-01-30]"),
    ("about two weeks ago", P, D(2026, 1, 21), D(2026, 2, 2), WEEK, RESOLVED, True, "2026-01-27~"),
    ("two months ago", P, D(2025, 12, 1), D(2025, 12, 31), MONTH, RESOLVED, False, "2025-12"),
    ("some five months ago", P, D(2025, 8, 1), D(2025, 10, 31), MONTH, RESOLVED, True, "2025-09~"),
    ("three years ago", P, D(2023, 1, 1), D(2023, 12, 31), YEAR, RESOLVED, False, "2023"),
    ("about a year ago", P, D(2024, 1, 1), D(2026, 2, 10), YEAR, RESOLVED, True, "2025~"),
    ("last weekend", P, D(2026, 2, 7), D(2026, 2, 8), WEEK, RESOLVED, False, "[2026-02-07..2026-02-08]"),
    ("this weekend", F, D(2026, 2, 14), D(2026, 2, 15), WEEK, RESOLVED, False, "[2026-02-14..2026-02-15]"),
    ("this weekend", P, D(2026, 2, 7), D(2026, 2, 8), WEEK, RESOLVED, False, "[2026-02-07..2026-02-08]"),
    ("in the coming days", F, ANCHOR, None, UNKNOWN, RESOLVED, False, "[2026-02-10..]"),
    ("in the coming weeks", F, ANCHOR, None, UNKNOWN, RESOLVED, False, "[2026-02-10..]"),
    ("in the coming week", F, D(2026, 2, 11), D(2026, 2, 17), WEEK, RESOLVED, False, "[2026-02-11..2026-02-17]"),
    ("in recent days", P, None, ANCHOR, UNKNOWN, RESOLVED, False, "[..2026-02-10]"),
    ("in recent months", P, None, ANCHOR, UNKNOWN, RESOLVED, False, "[..2026-02-10]"),
    ("next week", F, D(2026, 2, 15), D(2026, 2, 22), WEEK, RESOLVED, False, "[2026-02-15..2026-02-22]"),
    ("next month", F, D(2026, 3, 1), D(2026, 3, 31), MONTH, RESOLVED, False, "2026-03"),
    ("yesterday", P, D(2026, 2, 9), D(2026, 2, 9), DAY, RESOLVED, False, "2026-02-09"),
    ("tomorrow", F, D(2026, 2, 11), D(2026, 2, 11), DAY, RESOLVED, False, "2026-02-11"),
    ("in two weeks", F, D(2026, 2, 21), D(2026, 2, 27), WEEK, RESOLVED, False, "[2026-02-21..2026-02-27]"),
    ("in three days", F, D(2026, 2, 13), D(2026, 2, 13), DAY, RESOLVED, False, "2026-02-13"),
    # Ambiguous phrases: the union of their readings, never one guess.
    ("last week", P, D(2026, 2, 1), D(2026, 2, 8), WEEK, RESOLVED, False, "[2026-02-01..2026-02-08]"),
    ("last Monday", P, D(2026, 2, 2), D(2026, 2, 9), WEEK, RESOLVED, False, "[2026-02-02,2026-02-09]"),
    ("next Wednesday", F, D(2026, 2, 11), D(2026, 2, 18), WEEK, RESOLVED, False, "[2026-02-11,2026-02-18]"),
    ("next Tuesday", F, D(2026, 2, 17), D(2026, 2, 17), DAY, RESOLVED, False, "2026-02-17"),
    ("on Sunday last week", P, D(2026, 2, 1), D(2026, 2, 8), WEEK, RESOLVED, False, "[2026-02-01,2026-02-08]"),
    ("next weekend", F, D(2026, 2, 14), D(2026, 2, 22), WEEK, RESOLVED, False, "[2026-02-14..2026-02-22]"),
    # Approximate absolute dates: the named period widened by one unit each side, "~" in the EDTF.
    ("around September 2025", P, D(2025, 8, 1), D(2025, 10, 31), MONTH, STATED, True, "2025-09~"),
    ("about 2020", P, D(2019, 1, 1), D(2021, 12, 31), YEAR, STATED, True, "2020~"),
    ("roughly 3 February 2026", P, D(2026, 2, 2), D(2026, 2, 4), DAY, STATED, True, "2026-02-03~"),
    # Bounds of a span, impossible dates and durations: unknown, the words kept for the editor.
    ("until next week", F, None, None, UNKNOWN, Basis.UNKNOWN, False, "XXXX"),
    ("since last year", P, None, None, UNKNOWN, Basis.UNKNOWN, False, "XXXX"),
    ("Feb 30", P, None, None, UNKNOWN, Basis.UNKNOWN, False, "XXXX"),
    ("on February 29", P, None, None, UNKNOWN, Basis.UNKNOWN, False, "XXXX"),
    ("the first exchange in five months", P, None, None, UNKNOWN, Basis.UNKNOWN, False, "XXXX"),
]


@pytest.mark.parametrize(
    ("phrase", "tense", "earliest", "latest", "precision", "basis", "approximate", "edtf"),
    PHRASE_TABLE,
    ids=[f"{row[0]}-{row[1]}" for row in PHRASE_TABLE],
)
def test_news_phrases_resolve_to_their_honest_interval(
    phrase, tense, earliest, latest, precision, basis, approximate, edtf
):
    resolved = resolve(phrase, ANCHOR, tense)
    assert (resolved.earliest, resolved.latest, resolved.precision, resolved.basis) == (
        earliest,
        latest,
        precision,
        basis,
    )
    assert resolved.approximate is approximate
    assert resolved.edtf() == edtf
    assert parse_edtf(edtf) is not None


def test_the_phrase_table_has_at_least_sixty_phrases():
    assert len(PHRASE_TABLE) >= 60


def test_a_reported_past_without_date_words_happened_no_later_than_the_publication():
    assert no_later_than(ANCHOR) == ResolvedDate(None, ANCHOR, Precision.UNKNOWN, Basis.RESOLVED)
    assert no_later_than(ANCHOR).edtf() == "[..2026-02-10]"
    assert no_later_than(None).basis is Basis.UNKNOWN


def test_an_ongoing_span_never_closes_at_the_anchor():
    assert to_edtf(None, None, "unknown", span=True, ongoing=True) == "../.."
    assert parse_edtf("../..") is not None


# --- properties of the second pass -------------------------------------------------------------------------

PAST_ONLY = st.one_of(
    st.sampled_from(WEEKDAYS).map("last {}".format),
    st.sampled_from(WEEKDAYS).map("on {} last week".format),
    st.sampled_from([m.capitalize() for m in ("january", "june", "december", "feb", "sept")]).map("in {}".format),
    st.tuples(st.sampled_from(["early", "mid", "late"]), st.sampled_from(["march", "october"])).map(
        lambda pair: f"in {pair[0]} {pair[1]}"
    ),
    st.tuples(st.sampled_from(["january", "july", "nov."]), st.integers(1, 31)).map(lambda p: f"{p[0]} {p[1]}"),
    st.tuples(st.integers(1, 30), st.sampled_from(["days", "weeks", "months", "years"])).map(
        lambda pair: f"{pair[0]} {pair[1]} ago"
    ),
    st.tuples(st.integers(1, 30), st.sampled_from(["days", "weeks", "months", "years"])).map(
        lambda pair: f"about {pair[0]} {pair[1]} ago"
    ),
    st.sampled_from(["last weekend", "this weekend", "earlier this month", "earlier this year", "in recent days"]),
)
FUTURE_ONLY = st.one_of(
    st.sampled_from(WEEKDAYS).map("next {}".format),
    st.sampled_from(["in January", "in December", "in late August", "next weekend", "this weekend"]),
    st.tuples(st.sampled_from(["march", "aug"]), st.integers(1, 31)).map(lambda p: f"{p[0]} {p[1]}"),
    st.tuples(st.integers(1, 30), st.sampled_from(["days", "weeks", "months", "years"])).map(
        lambda pair: f"in {pair[0]} {pair[1]}"
    ),
    st.sampled_from(["in the coming days", "in the coming week", "later this month", "next month", "tomorrow"]),
)
MODERN_ANCHORS = st.dates(D(1950, 1, 1), D(2090, 12, 31))


def _check_honest(resolved: ResolvedDate) -> None:
    if resolved.earliest is not None and resolved.latest is not None:
        assert resolved.earliest <= resolved.latest
    loose = resolved.approximate or bool(resolved.readings)
    assert precision_fits(resolved.earliest, resolved.latest, resolved.precision, loose=loose)
    for span in (False, True):
        assert parse_edtf(resolved.edtf(span=span)) is not None
    if resolved.readings:
        assert len(resolved.readings) > 1
        assert resolved.earliest == min(first for first, _ in resolved.readings)
        assert resolved.latest == max(last for _, last in resolved.readings)
        if all(first == last for first, last in resolved.readings):
            edtf = resolved.edtf()
            assert edtf.startswith("[") and "," in edtf and ".." not in edtf


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
@given(PAST_ONLY, MODERN_ANCHORS)
def test_past_phrases_never_end_after_the_anchor_and_their_precision_matches_their_width(phrase, anchor):
    resolved = resolve(phrase, anchor, Tense.PAST)
    assert resolved.latest is None or resolved.latest <= anchor
    _check_honest(resolved)


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
@given(FUTURE_ONLY, MODERN_ANCHORS)
def test_future_phrases_never_start_before_the_anchor_and_their_precision_matches_their_width(phrase, anchor):
    resolved = resolve(phrase, anchor, Tense.FUTURE)
    assert resolved.earliest is None or resolved.earliest >= anchor
    _check_honest(resolved)


@settings(deadline=None)  # a loaded CI machine is slow, not wrong
@given(st.sampled_from(WEEKDAYS), MODERN_ANCHORS)
def test_last_and_next_weekday_are_one_day_or_a_one_of_set_of_two(weekday, anchor):
    for modifier, tense in (("last", Tense.PAST), ("next", Tense.FUTURE)):
        resolved = resolve(f"{modifier} {weekday}", anchor, tense)
        days = [first for first, _ in resolved.readings] or [resolved.earliest]
        assert len(days) in (1, 2)
        assert all(day.weekday() == WEEKDAYS.index(weekday) and day != anchor for day in days)
        assert all(1 <= abs((day - anchor).days) <= 13 for day in days)
