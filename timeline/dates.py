"""Honest dates: resolve the date words a news source used into bounds we can defend.

A phrase such as "last week" or "on Tuesday" is resolved against the source's
publication date (the *anchor*) into the earliest and latest day the event could
have happened on, a precision and a basis. When the words do not pin a bound
down, the bound stays ``None``: a wide or open interval is honest, a guess is not.

Three rules go beyond plain arithmetic:

* A phrase with two readings resolves to both ("last Monday" said on a Tuesday is the day
  before or the week before): the bounds cover every reading, and `readings` lists them.
* Weeks are read in both conventions in use, ISO (Monday to Sunday) and Sunday to Saturday:
  "last week" said on Tuesday 10 February 2026 is 1-8 February, which covers both.
* "about", "around", "some" and the like make a date *approximate*: the bounds are the named
  period widened by one unit of its precision on each side, and the EDTF carries ``~``.

Pure Python: stdlib only here; ``edtf`` is only needed by callers that parse our output.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "MAX_WIDTH_DAYS",
    "PRECISION_ORDER",
    "Basis",
    "Precision",
    "ResolvedDate",
    "Tense",
    "UnresolvableDate",
    "find_phrases",
    "no_later_than",
    "precision_fits",
    "precisions_at_least",
    "resolve",
    "sort_key",
    "to_edtf",
]


class Precision(StrEnum):
    """How narrowly a date is known, from most to least precise."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"
    UNKNOWN = "unknown"


class Basis(StrEnum):
    """Where a date came from."""

    STATED = "stated"
    RESOLVED = "resolved"
    EDITOR = "editor"
    UNKNOWN = "unknown"


class Tense(StrEnum):
    """Whether the source talks about something that happened or will happen."""

    PAST = "past"
    FUTURE = "future"


PRECISION_ORDER: tuple[Precision, ...] = (
    Precision.DAY,
    Precision.WEEK,
    Precision.MONTH,
    Precision.YEAR,
    Precision.UNKNOWN,
)

# How many days, at most, the bounds of a date of each precision may span. A union of readings or an
# approximate date may span as much as the next precision up ("last Monday" is a week, two days apart).
MAX_WIDTH_DAYS: dict[Precision, int | None] = {
    Precision.DAY: 1,
    Precision.WEEK: 7,
    Precision.MONTH: 31,
    Precision.YEAR: 366,
    Precision.UNKNOWN: None,
}


def precisions_at_least(precision: str) -> list[str]:
    """The precisions at least as precise as `precision`: 'week' -> ['day', 'week'].

    Raises ValueError on an unknown precision.
    """
    wanted = Precision(precision)
    return [p.value for p in PRECISION_ORDER[: PRECISION_ORDER.index(wanted) + 1]]


def precision_fits(earliest: date | None, latest: date | None, precision: str, *, loose: bool = False) -> bool:
    """True when the bounds are no wider than `precision` allows (`loose`: a union or approximate date).

    Only a date with both bounds known can be more precise than unknown.
    """
    precision = Precision(precision)
    if earliest is None or latest is None:
        return precision is Precision.UNKNOWN or (precision is not Precision.DAY and earliest != latest)
    if loose and precision is not Precision.UNKNOWN:
        precision = PRECISION_ORDER[PRECISION_ORDER.index(precision) + 1]
    limit = MAX_WIDTH_DAYS[precision]
    return limit is None or (latest - earliest).days + 1 <= limit


@dataclass(frozen=True)
class ResolvedDate:
    """The earliest and latest possible day (either may be unknown), with precision and basis.

    `approximate` is true when the words say "about" and the like (EDTF ``~``). `readings` lists the
    (earliest, latest) of each reading of an ambiguous phrase; it is empty when there is one reading.
    """

    earliest: date | None
    latest: date | None
    precision: Precision
    basis: Basis
    approximate: bool = False
    readings: tuple[tuple[date, date], ...] = ()

    def __post_init__(self) -> None:
        # Accept plain strings (e.g. from a database column) but store the enums.
        object.__setattr__(self, "precision", Precision(self.precision))
        object.__setattr__(self, "basis", Basis(self.basis))
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")

    def edtf(self, *, span: bool = False, ongoing: bool = False) -> str:
        """The EDTF rendering of this date (see `to_edtf`)."""
        return to_edtf(
            self.earliest,
            self.latest,
            self.precision,
            span=span,
            ongoing=ongoing,
            approximate=self.approximate,
            readings=self.readings,
        )


class UnresolvableDate(ValueError):
    """The constraints on a date contradict each other."""


UNKNOWN_DATE = ResolvedDate(None, None, Precision.UNKNOWN, Basis.UNKNOWN)


def no_later_than(anchor: date | None) -> ResolvedDate:
    """The date of something reported in the past with no date words: on or before the publication date."""
    if anchor is None:
        return UNKNOWN_DATE
    return ResolvedDate(None, anchor, Precision.UNKNOWN, Basis.RESOLVED)


# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------

_ONE_DAY = timedelta(days=1)
_ONE_WEEK = timedelta(days=7)


def _iso_week(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _sunday_week(day: date) -> tuple[date, date]:
    """Sunday and Saturday of the Sunday-start week containing `day`."""
    sunday = day - timedelta(days=(day.weekday() + 1) % 7)
    return sunday, sunday + timedelta(days=6)


_WEEK_CONVENTIONS = (_iso_week, _sunday_week)


def _month(year: int, month: int) -> tuple[date, date]:
    """First and last day of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: date, months: int) -> tuple[int, int]:
    """(year, month) `months` calendar months away from `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _cap(first: date, last: date, anchor: date, tense: Tense) -> tuple[date, date]:
    """Clip a period to the part on the tense's side of the anchor (raises ValueError if none is)."""
    if tense is Tense.PAST:
        first, last = first, min(last, anchor)
    else:
        first, last = max(first, anchor), last
    if first > last:
        raise ValueError("the period lies on the other side of the anchor")
    return first, last


def _union(readings: list[tuple[date, date]], precision: Precision, basis: Basis = Basis.RESOLVED) -> ResolvedDate:
    """One date covering every reading; `readings` is kept only when there is more than one."""
    distinct = tuple(sorted(set(readings)))
    earliest, latest = distinct[0][0], max(last for _, last in distinct)
    if len(distinct) == 1:
        return ResolvedDate(earliest, latest, precision, basis)
    return ResolvedDate(earliest, latest, precision, basis, readings=distinct)


# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

# Spelled out rather than taken from `calendar`, whose names follow the process locale.
_WEEKDAYS = {
    name: index
    for index, name in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_MONTH_NAMES = [
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
]  # fmt: skip
_MONTHS = {name: index for index, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: index for index, name in enumerate(_MONTH_NAMES, start=1)})
_MONTHS["sept"] = 9
_NUMBER_WORDS = {
    word: value
    for value, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]
    )
}
_NUMBER_WORDS.update({"a": 1, "an": 1, "a couple of": 2, "a few": 3})

# Longest first so that "sept" wins over "sep" and "june" over "jun".
_MONTH_RE = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAY_RE = r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"
_ORDINAL = r"(?:st|nd|rd|th)?"
_COUNT_RE = r"(?P<count>\d+|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_PART_RE = r"(?:(?P<part>early|mid|late)[-\s]+)?"

_ISO_DAY = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH_RE},?\s+(?P<year>\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})\b")
_ISO_MONTH = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})\b")
_MONTH_YEAR = re.compile(rf"\b{_PART_RE}{_MONTH_RE},?\s+(?:of\s+)?(?P<year>\d{{4}})\b")
# A bare four-digit number is only a year when it is the whole phrase or follows "in"/"during"/...:
# "1500 protesters" is not a year.
_LONE_YEAR = re.compile(r"^\W*(?P<year>\d{4})\W*$|\b(?:in|during|throughout|of|year)\s+(?P<year_in>\d{4})\b(?!\s*-)")
# Without a year, the year comes from the anchor and the tense. "May" alone is too often a verb, so a bare
# month needs a preposition or a part of the month before it.
_MONTH_DAY = re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}}){_ORDINAL}\b(?!,?\s*\d)")
_DAY_MONTH = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH_RE}(?!,?\s*\d)")
_BARE_MONTH = re.compile(rf"(?:\b(?:in|during|throughout)\s+|\b(?=early|mid|late)){_PART_RE}{_MONTH_RE}")

# The words that make a date approximate; they are taken out before the rest is resolved.
_APPROXIMATE = re.compile(
    r"\b(?:about|around|approximately|roughly|some|nearly|almost|circa|c\.|or\s+so|more\s+or\s+less)(?=\s|$)"
)
# The bounds of a span are not the item's date: "until next week", "since last year", "before the season of 2027".
_SPAN_BOUND = re.compile(r"\b(?:until|till|since|through|before|after)\b")


# ---------------------------------------------------------------------------
# Stated (absolute) dates
# ---------------------------------------------------------------------------


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS[text]


def _part_of_month(first: date, last: date, part: str | None) -> tuple[date, date]:
    """Early (1-10), mid (11-20) or late (21-end) in a month, or the whole month."""
    if part == "early":
        return first, first.replace(day=10)
    if part == "mid":
        return first.replace(day=11), first.replace(day=20)
    if part == "late":
        return first.replace(day=21), last
    return first, last


def _stated(text: str) -> ResolvedDate | None:
    """An absolute date written in the text, or None if there is none.

    An impossible date ("31 February 2026") resolves to unknown rather than to a neighbour.
    """
    for pattern in (_ISO_DAY, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        if match := pattern.search(text):
            try:
                day = date(int(match["year"]), _month_number(match["month"]), int(match["day"]))
            except ValueError:
                return UNKNOWN_DATE
            return ResolvedDate(day, day, Precision.DAY, Basis.STATED)
    for pattern in (_ISO_MONTH, _MONTH_YEAR):
        if match := pattern.search(text):
            try:
                first, last = _month(int(match["year"]), _month_number(match["month"]))
            except ValueError:
                return UNKNOWN_DATE
            first, last = _part_of_month(first, last, match.groupdict().get("part"))
            return ResolvedDate(first, last, Precision.MONTH, Basis.STATED)
    return None


def _stated_year(text: str) -> ResolvedDate | None:
    match = _LONE_YEAR.search(text)
    year = int(match["year"] or match["year_in"]) if match else 0
    if year == 0:
        return None
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, Basis.STATED)


# ---------------------------------------------------------------------------
# Relative phrases: each handler gets the match, the anchor and the tense
# ---------------------------------------------------------------------------

_Handler = Callable[[re.Match[str], date, Tense], ResolvedDate]


def _day(day: date) -> ResolvedDate:
    return ResolvedDate(day, day, Precision.DAY, Basis.RESOLVED)


def _not_yet_set(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    # Whatever tense the caller passed, these words describe something still to come.
    return ResolvedDate(anchor, None, Precision.UNKNOWN, Basis.RESOLVED)


def _day_offset(offset: int) -> _Handler:
    return lambda match, anchor, tense: _day(anchor + timedelta(days=offset))


def _count(match: re.Match[str]) -> int:
    count = match["count"]
    return int(count) if count.isdigit() else _NUMBER_WORDS[count]


def _ago_or_ahead(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    """'N days/weeks/months/years ago' and, said of the future, 'in N days/weeks/...'."""
    count, unit = _count(match), match["unit"]
    sign = -1 if match.groupdict().get("ago") else 1
    if unit == "day":
        return _day(anchor + timedelta(days=sign * count))
    if unit == "week":
        # "two weeks ago" is a count rounded to weeks, never one day: half a week either side.
        centre = anchor + timedelta(weeks=sign * count)
        first, last = centre - timedelta(days=3), centre + timedelta(days=3)
        return ResolvedDate(first, last, Precision.WEEK, Basis.RESOLVED)
    if unit == "month":
        first, last = _month(*_shift_month(anchor, sign * count))
        return ResolvedDate(first, last, Precision.MONTH, Basis.RESOLVED)
    year = anchor.year + sign * count
    return ResolvedDate(date(year, 1, 1), date(year, 12, 31), Precision.YEAR, Basis.RESOLVED)


def _in_period_ahead(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    # "in five months" said of the past is a duration ("the first exchange in five months"), not a date.
    if tense is Tense.PAST:
        return UNKNOWN_DATE
    return _ago_or_ahead(match, anchor, tense)


def _week_readings(anchor: date, offset: int) -> list[tuple[date, date]]:
    """The week `offset` weeks from the anchor's, in each convention."""
    return [tuple(day + _ONE_WEEK * offset for day in week(anchor)) for week in _WEEK_CONVENTIONS]


def _week(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    offset = _OFFSETS[match["which"]]
    weeks = _week_readings(anchor, offset)
    if weekday := match["weekday"] or match["weekday2"]:
        # "on Tuesday last week" names one day of that week; only Sunday differs between the conventions.
        days = [_weekday_in(first, _WEEKDAYS[weekday]) for first, _ in weeks]
        return _union([(day, day) for day in days], Precision.DAY if len(set(days)) == 1 else Precision.WEEK)
    if offset == 0:
        weeks = [_cap(first, last, anchor, tense) for first, last in weeks]
    return _union(weeks, Precision.WEEK)


def _weekday_in(week_start: date, weekday: int) -> date:
    return week_start + timedelta(days=(weekday - week_start.weekday()) % 7)


def _weekend(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    """A Saturday and Sunday: the last one wholly before the anchor, this week's, or the next one(s)."""
    saturday = _iso_week(anchor)[0] + timedelta(days=5)
    which = match["which"]
    if which == "last":
        while saturday + _ONE_DAY >= anchor:
            saturday -= _ONE_WEEK
        return ResolvedDate(saturday, saturday + _ONE_DAY, Precision.WEEK, Basis.RESOLVED)
    if which == "next":
        if anchor >= saturday:
            saturday += _ONE_WEEK
            return ResolvedDate(saturday, saturday + _ONE_DAY, Precision.WEEK, Basis.RESOLVED)
        # Said on a weekday, "next weekend" may be the coming one or the one after: both readings stand.
        readings = [(saturday, saturday + _ONE_DAY), (saturday + _ONE_WEEK, saturday + timedelta(days=8))]
        return _union(readings, Precision.WEEK)
    if tense is Tense.PAST and anchor < saturday:
        saturday -= _ONE_WEEK
    first, last = _cap(saturday, saturday + _ONE_DAY, anchor, tense)
    return ResolvedDate(first, last, Precision.WEEK if first != last else Precision.DAY, Basis.RESOLVED)


def _coming(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    """'in the coming week' is the next seven days, not next calendar week; 'coming weeks' has no set end."""
    unit = match["unit"]
    if match["plural"]:
        return ResolvedDate(anchor, None, Precision.UNKNOWN, Basis.RESOLVED)
    if unit == "week":
        return ResolvedDate(anchor + _ONE_DAY, anchor + _ONE_WEEK, Precision.WEEK, Basis.RESOLVED)
    if unit == "month":
        return ResolvedDate(anchor + _ONE_DAY, anchor + timedelta(days=30), Precision.MONTH, Basis.RESOLVED)
    return ResolvedDate(anchor + _ONE_DAY, anchor + timedelta(days=365), Precision.YEAR, Basis.RESOLVED)


# "previous"/"following" are left out on purpose: "the previous week" usually counts from the
# story's own timeline, not from the publication date.
_WHICH = r"(?P<which>last|this|next)"
_OFFSETS = {"last": -1, "this": 0, "next": 1}


def _month_phrase(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    offset = _OFFSETS[match["which"]]
    first, last = _month(*_shift_month(anchor, offset))
    if offset == 0:
        first, last = _cap(first, last, anchor, tense)
    return ResolvedDate(first, last, Precision.MONTH, Basis.RESOLVED)


def _year_phrase(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    offset = _OFFSETS[match["which"]]
    year = anchor.year + offset
    first, last = date(year, 1, 1), date(year, 12, 31)
    if offset == 0:
        first, last = _cap(first, last, anchor, tense)
    return ResolvedDate(first, last, Precision.YEAR, Basis.RESOLVED)


def _same_week(day: date, anchor: date) -> bool:
    """True when `day` is in the anchor's ISO week."""
    return _iso_week(day) == _iso_week(anchor)


def _weekday(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    target = _WEEKDAYS[match["weekday"]]
    modifier = match["modifier"]
    if modifier is None:
        # A bare weekday is the nearest such day on the tense's side, the anchor included.
        if tense is Tense.PAST:
            return _day(anchor - timedelta(days=(anchor.weekday() - target) % 7))
        return _day(anchor + timedelta(days=(target - anchor.weekday()) % 7))
    step = -1 if modifier == "last" else 1
    # "last Tuesday" written on a Tuesday means a week ago; the writer would say "today".
    nearest = anchor + timedelta(days=step * ((step * (target - anchor.weekday()) - 1) % 7 + 1))
    if _same_week(nearest, anchor):
        # "last Monday" on a Tuesday: yesterday, or Monday of last week. Both readings stand.
        further = nearest + _ONE_WEEK * step
        return _union([(nearest, nearest), (further, further)], Precision.WEEK)
    return _day(nearest)


def _recent(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    # Ends at the anchor; how far back "recent" reaches is not knowable.
    return ResolvedDate(None, anchor, Precision.UNKNOWN, Basis.RESOLVED)


def _inferred_year(month: int, day: int | None, anchor: date, tense: Tense) -> int:
    """The year of a month (and day) said without one: the latest not after the anchor for the past,
    the earliest not before it for the future."""
    if tense is Tense.PAST:
        starts_after = (month, day or 1) > (anchor.month, anchor.day)
        return anchor.year - 1 if starts_after else anchor.year
    if day is None:
        return anchor.year + 1 if month < anchor.month else anchor.year
    return anchor.year + 1 if (month, day) < (anchor.month, anchor.day) else anchor.year


def _month_and_day(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    month, day = _month_number(match["month"]), int(match["day"])
    return _day(date(_inferred_year(month, day, anchor, tense), month, day))


def _named_month(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    month = _month_number(match["month"])
    year = _inferred_year(month, None, anchor, tense)
    first, last = _part_of_month(*_month(year, month), match["part"])
    if tense is Tense.PAST and first > anchor:  # "in late February", said on 10 February
        first, last = _part_of_month(*_month(year - 1, month), match["part"])
    elif tense is Tense.FUTURE and last < anchor:  # "in early February", said on 20 February
        first, last = _part_of_month(*_month(year + 1, month), match["part"])
    if first <= anchor <= last:
        first, last = _cap(first, last, anchor, tense)
    return ResolvedDate(first, last, Precision.MONTH, Basis.RESOLVED)


_UNIT_RE = r"(?P<unit>day|week|month|year)s?"

_RELATIVE: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (
        re.compile(
            # Not "not confirmed"/"not announced" alone: a past event's date can be unconfirmed too.
            r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:set|scheduled|fixed)\b|\bnot\s+yet\s+(?:been\s+)?announced\b"
            r"|\bto\s+be\s+(?:announced|determined|confirmed|set|scheduled|fixed)\b|\bt\.?b\.?[adc]\.?(?!\w)"
        ),
        _not_yet_set,
    ),
    (_MONTH_DAY, _month_and_day),
    (_DAY_MONTH, _month_and_day),
    (re.compile(r"\bday\s+before\s+yesterday\b"), _day_offset(-2)),
    (re.compile(r"\bday\s+after\s+tomorrow\b"), _day_offset(2)),
    (re.compile(r"\btoday\b"), _day_offset(0)),
    (re.compile(r"\byesterday\b"), _day_offset(-1)),
    (re.compile(r"\btomorrow\b"), _day_offset(1)),
    (re.compile(rf"\b{_COUNT_RE}\s+{_UNIT_RE}\s+(?P<ago>ago)\b"), _ago_or_ahead),
    (re.compile(rf"\bin\s+{_COUNT_RE}\s+{_UNIT_RE}\b(?!\s+ago)"), _in_period_ahead),
    (re.compile(r"\b(?:the\s+)?coming\s+(?P<unit>day|week|month|year)(?P<plural>s)?\b"), _coming),
    (re.compile(rf"\b{_WHICH}\s+weekend\b"), _weekend),
    (
        re.compile(
            rf"(?:{_WEEKDAY_RE}(?:\s+of)?\s+)?\b{_WHICH}\s+week\b"
            rf"(?:'s)?(?:,?(?:\s+on)?\s+(?P<weekday2>{'|'.join(_WEEKDAYS)})\b)?"
        ),
        _week,
    ),
    (re.compile(rf"\b{_WHICH}\s+month\b"), _month_phrase),
    (re.compile(rf"\b{_WHICH}\s+year\b"), _year_phrase),
    (re.compile(r"(?:\b(?P<modifier>last|next)\s+)?" + _WEEKDAY_RE), _weekday),
    (re.compile(r"\brecently\b|\brecent\s+(?:days|weeks|months|years)\b"), _recent),
    (_BARE_MONTH, _named_month),
)


# ---------------------------------------------------------------------------
# Approximate dates
# ---------------------------------------------------------------------------


def _widen(resolved: ResolvedDate, anchor: date | None, tense: Tense) -> ResolvedDate:
    """The named period widened by one unit of its precision each side; clipped at the anchor if relative."""
    first, last = resolved.earliest, resolved.latest
    if first is None or last is None or resolved.precision is Precision.UNKNOWN:
        return replace(resolved, approximate=False)
    if resolved.precision is Precision.DAY:
        first, last = first - _ONE_DAY, last + _ONE_DAY
    elif resolved.precision is Precision.WEEK:
        first, last = first - timedelta(days=3), last + timedelta(days=3)
    elif resolved.precision is Precision.MONTH:
        first, last = _month(*_shift_month(first, -1))[0], _month(*_shift_month(last, 1))[1]
    else:
        first, last = date(first.year - 1, 1, 1), date(last.year + 1, 12, 31)
    if resolved.basis is Basis.RESOLVED and anchor is not None:
        first, last = _cap(first, last, anchor, tense)
    return ResolvedDate(first, last, resolved.precision, resolved.basis, approximate=True)


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


def _normalise(phrase: str) -> str:
    return " ".join(phrase.replace("\u2019", "'").lower().split())


def _relative(text: str, anchor: date | None, tense: Tense) -> ResolvedDate | None:
    for pattern, handler in _RELATIVE:
        if match := pattern.search(text):
            if anchor is None:
                return UNKNOWN_DATE
            try:
                return handler(match, anchor, tense)
            except (OverflowError, ValueError):  # e.g. "99999 days ago", "Feb 30" or "last year" in year 1
                return UNKNOWN_DATE
    return None


def _phrase_date(text: str, anchor: date | None, tense: Tense) -> ResolvedDate:
    if not text or _SPAN_BOUND.search(text):
        return UNKNOWN_DATE
    approximate = _APPROXIMATE.search(text) is not None
    if approximate:
        text = _APPROXIMATE.sub(" ", text)
    resolved = _stated(text) or _relative(text, anchor, tense) or _stated_year(text) or UNKNOWN_DATE
    if approximate and resolved.basis is not Basis.UNKNOWN:
        try:
            return _widen(resolved, anchor, tense)
        except (OverflowError, ValueError):
            return UNKNOWN_DATE
    return resolved


def _bound_before(resolved: ResolvedDate, other: ResolvedDate, phrase: str) -> ResolvedDate:
    """Cap `resolved` so it ends the day before `other` could at the latest have begun."""
    if other.latest is None:
        return resolved
    if other.latest == date.min:
        raise UnresolvableDate(f"{phrase!r} cannot end before {other}, which may begin on the first representable day")
    # Only `other.latest` is safe: `other` may have begun on any day up to it.
    bound = other.latest - _ONE_DAY
    latest = bound if resolved.latest is None else min(resolved.latest, bound)
    if resolved.earliest is not None and latest < resolved.earliest:
        raise UnresolvableDate(
            f"{phrase!r} resolves to {resolved.earliest}..{resolved.latest} "
            f"but must end before {other.earliest}..{other.latest}"
        )
    precision = Precision.DAY if latest == resolved.earliest else resolved.precision
    basis = Basis.RESOLVED if resolved.basis is Basis.UNKNOWN else resolved.basis
    readings = tuple(reading for reading in resolved.readings if reading[0] <= latest)
    if len(readings) < 2:
        readings = ()
    return ResolvedDate(resolved.earliest, latest, precision, basis, resolved.approximate, readings)


def resolve(
    phrase: str,
    anchor: date | None,
    tense: str = Tense.PAST,
    *,
    ends_before: ResolvedDate | None = None,
) -> ResolvedDate:
    """Resolve the date words of `phrase` against the publication date `anchor`.

    Absolute dates ("10 February 2026", "February 2026", "in 2025") are STATED and need no
    anchor. Relative phrases ("on Tuesday", "last week", "in recent weeks", "date not yet
    set") and dates without a year ("on Feb. 3", "in December") are RESOLVED against the
    anchor and are unknown without one. Anything not recognised is unknown: we never guess;
    so are the bounds of a span ("until next week", "since last year"), left to the editor.

    `tense` decides which way a bare weekday, a date without a year or "this week/month/year"
    reaches from the anchor. `ends_before` is another item this one is known to end before; it
    caps `latest` at the day before that item's latest possible start, and raises
    UnresolvableDate (a ValueError) when that contradicts the phrase. A `tense` other than
    "past" or "future" raises ValueError.
    """
    resolved = _phrase_date(_normalise(phrase or ""), anchor, Tense(tense))
    if ends_before is not None:
        resolved = _bound_before(resolved, ends_before, phrase)
    return resolved


def _is_whole_month(earliest: date, latest: date) -> bool:
    return (earliest, latest) == _month(earliest.year, earliest.month)


def _is_whole_year(earliest: date, latest: date) -> bool:
    return earliest == date(earliest.year, 1, 1) and latest == date(earliest.year, 12, 31)


def _approximate_edtf(earliest: date, latest: date, precision: Precision) -> str:
    """The period an approximate date names, with `~`: the middle of its widened bounds, at its precision."""
    middle = (earliest + (latest - earliest) / 2).isoformat()
    if precision is Precision.MONTH:
        return f"{middle[:7]}~"
    if precision is Precision.YEAR:
        return f"{middle[:4]}~"
    return f"{middle}~"


def to_edtf(
    earliest: date | None,
    latest: date | None,
    precision: str,
    *,
    span: bool = False,
    ongoing: bool = False,
    approximate: bool = False,
    readings: tuple[tuple[date, date], ...] = (),
) -> str:
    """Encode bounds as an EDTF string (parseable by ``edtf.parse_edtf``).

    span=False: one day, known to lie within the bounds: "2026-02-10", a whole month
    "2026-02" (MONTH precision) or year "2026" (YEAR precision), otherwise a one-of set
    "[2026-02-02..2026-02-08]", "[..2026-02-10]" or "[2026-02-10..]". Readings that are each one
    day give the set of those days: "[2026-02-02,2026-02-09]".

    span=True: something lasting from `earliest` to `latest`: "A/B", "A/" (unknown end),
    "/B" (unknown start) or "A/.." when `ongoing` and the end is unknown (`ongoing` is
    ignored once an end is known); "../.." when ongoing with an unknown start.

    approximate=True with both bounds known: the period named, with ``~`` ("2025-09~"), whose
    bounds are that period widened by one unit of the precision each side (see the README).

    Both bounds unknown gives "XXXX", an unspecified year, in either mode (unless ongoing).
    """
    precision = Precision(precision)
    if earliest is not None and latest is not None and earliest > latest:
        raise ValueError(f"earliest {earliest} is after latest {latest}")
    if span and ongoing and latest is None:
        return f"{earliest.isoformat() if earliest else '..'}/.."
    if earliest is None and latest is None:
        return "XXXX"
    start = earliest.isoformat() if earliest else ""
    end = latest.isoformat() if latest else ""
    if approximate and earliest is not None and latest is not None and precision is not Precision.UNKNOWN:
        if span:
            return f"{start}~/{end}~"
        return _approximate_edtf(earliest, latest, precision)
    if span:
        return f"{start}/{end}"
    if earliest is not None and latest is not None:
        if earliest == latest:
            return start
        if len(readings) > 1 and all(first == last for first, last in readings):
            return "[" + ",".join(first.isoformat() for first, _ in readings) + "]"
        if precision is Precision.MONTH and _is_whole_month(earliest, latest):
            return start[:7]
        if precision is Precision.YEAR and _is_whole_year(earliest, latest):
            return start[:4]
    return f"[{start}..{end}]"


_SORT_UNKNOWN_START = "0000-00-00"
_SORT_UNKNOWN_END = date.max.isoformat()
_SORT_MAX_SEQUENCE = 10**8


def sort_key(earliest: date | None, latest: date | None, sequence: int) -> str:
    """A never-NULL string whose lexicographic order is the items' chronological order.

    Format: ``"{E}/{L}/{sequence:08d}"`` where

    * E is ``earliest.isoformat()``; "0000-00-00" (before any real date) when earliest is
      unknown but latest is known, as an unknown start could be arbitrarily early;
    * L is ``latest.isoformat()``, or "9999-12-31" when unknown;
    * when both are unknown, E and L are both "9999-12-31" so undated items sort last;
    * sequence is the tie-breaker, 0 <= sequence < 10**8 (ValueError otherwise).

    ISO dates of years 1..9999 are fixed width, so string order equals date order.
    """
    if isinstance(sequence, bool) or not isinstance(sequence, int) or not 0 <= sequence < _SORT_MAX_SEQUENCE:
        raise ValueError(f"sequence must be an int in 0..{_SORT_MAX_SEQUENCE - 1}, got {sequence!r}")
    end = latest.isoformat() if latest else _SORT_UNKNOWN_END
    if earliest is not None:
        start = earliest.isoformat()
    elif latest is not None:
        start = _SORT_UNKNOWN_START
    else:
        start = _SORT_UNKNOWN_END
    return f"{start}/{end}/{sequence:08d}"


def find_phrases(text: str) -> list[tuple[int, int]]:
    """The [start, end) offsets of every date phrase in `text` that `resolve` recognises, in text order.

    Where two recognised phrases overlap the longer one wins ("Tuesday last week" over "Tuesday"). Each span,
    passed to `resolve` on its own, resolves as the phrase would.
    """
    patterns = [_ISO_DAY, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR, _ISO_MONTH, _MONTH_YEAR]
    patterns += [pattern for pattern, _handler in _RELATIVE]
    patterns.append(_LONE_YEAR)
    found = []
    for pattern in patterns:
        for match in re.finditer(pattern.pattern, text, pattern.flags | re.IGNORECASE):
            if match.end() > match.start():
                found.append((match.start(), match.end()))
    chosen: list[tuple[int, int]] = []
    for start, end in sorted(found, key=lambda span: (span[0] - span[1], span[0])):
        if all(end <= other_start or start >= other_end for other_start, other_end in chosen):
            chosen.append((start, end))
    return sorted(chosen)
