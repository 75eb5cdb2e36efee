"""Honest dates: resolve the date words a news source used into bounds we can defend.

A phrase such as "last week" or "on Tuesday" is resolved against the source's
publication date (the *anchor*) into the earliest and latest day the event could
have happened on, a precision and a basis. When the words do not pin a bound
down, the bound stays ``None``: a wide or open interval is honest, a guess is not.

Pure Python: stdlib only here; ``edtf`` is only needed by callers that parse our output.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "PRECISION_ORDER",
    "Basis",
    "Precision",
    "ResolvedDate",
    "Tense",
    "UnresolvableDate",
    "find_phrases",
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


def precisions_at_least(precision: str) -> list[str]:
    """The precisions at least as precise as `precision`: 'week' -> ['day', 'week'].

    Raises ValueError on an unknown precision.
    """
    wanted = Precision(precision)
    return [p.value for p in PRECISION_ORDER[: PRECISION_ORDER.index(wanted) + 1]]


@dataclass(frozen=True)
class ResolvedDate:
    """The earliest and latest possible day (either may be unknown), with precision and basis."""

    earliest: date | None
    latest: date | None
    precision: Precision
    basis: Basis

    def __post_init__(self) -> None:
        # Accept plain strings (e.g. from a database column) but store the enums.
        object.__setattr__(self, "precision", Precision(self.precision))
        object.__setattr__(self, "basis", Basis(self.basis))
        if self.earliest is not None and self.latest is not None and self.earliest > self.latest:
            raise ValueError(f"earliest {self.earliest} is after latest {self.latest}")


class UnresolvableDate(ValueError):
    """The constraints on a date contradict each other."""


UNKNOWN_DATE = ResolvedDate(None, None, Precision.UNKNOWN, Basis.UNKNOWN)

# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------

_ONE_DAY = timedelta(days=1)


def _iso_week(day: date) -> tuple[date, date]:
    """Monday and Sunday of the ISO week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def _month(year: int, month: int) -> tuple[date, date]:
    """First and last day of a calendar month."""
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(day: date, months: int) -> tuple[int, int]:
    """(year, month) `months` calendar months away from `day`'s month."""
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def _cap(first: date, last: date, anchor: date, tense: Tense) -> tuple[date, date]:
    """Clip a 'this week/month/year' period to the part on the tense's side of the anchor."""
    if tense is Tense.PAST:
        return first, min(last, anchor)
    return max(first, anchor), last


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
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
    )
}

# Longest first so that "sept" wins over "sep" and "june" over "jun".
_MONTH_RE = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b\.?"
_WEEKDAY_RE = r"\b(?P<weekday>" + "|".join(_WEEKDAYS) + r")\b"
_ORDINAL = r"(?:st|nd|rd|th)?"

_ISO_DAY = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})\b")
_DAY_MONTH_YEAR = re.compile(rf"\b(?P<day>\d{{1,2}}){_ORDINAL}\s+(?:of\s+)?{_MONTH_RE},?\s+(?P<year>\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH_RE}\s+(?P<day>\d{{1,2}}){_ORDINAL},?\s+(?P<year>\d{{4}})\b")
_ISO_MONTH = re.compile(r"\b(?P<year>\d{4})-(?P<month>\d{1,2})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH_RE},?\s+(?:of\s+)?(?P<year>\d{{4}})\b")
# A bare four-digit number is only a year when it is the whole phrase or follows "in"/"during"/...:
# "1500 protesters" is not a year.
_LONE_YEAR = re.compile(r"^\W*(?P<year>\d{4})\W*$|\b(?:in|during|throughout|of|year)\s+(?P<year_in>\d{4})\b(?!\s*-)")


# ---------------------------------------------------------------------------
# Stated (absolute) dates
# ---------------------------------------------------------------------------


def _month_number(text: str) -> int:
    return int(text) if text.isdigit() else _MONTHS[text]


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


def _days_ago(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    count = match["count"]
    return _day(anchor - timedelta(days=int(count) if count.isdigit() else _NUMBER_WORDS[count]))


# "previous"/"following" are left out on purpose: "the previous week" usually counts from the
# story's own timeline, not from the publication date.
_WHICH = r"(?P<which>last|this|next|coming)"
_OFFSETS = {"last": -1, "this": 0, "next": 1, "coming": 1}


def _week(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    offset = _OFFSETS[match["which"]]
    monday, sunday = (day + timedelta(weeks=offset) for day in _iso_week(anchor))
    if weekday := match["weekday"] or match["weekday2"]:
        # "on Tuesday last week" names one day of that week.
        return _day(monday + timedelta(days=_WEEKDAYS[weekday]))
    if offset == 0:
        monday, sunday = _cap(monday, sunday, anchor, tense)
    return ResolvedDate(monday, sunday, Precision.WEEK, Basis.RESOLVED)


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


def _weekday(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    target = _WEEKDAYS[match["weekday"]]
    modifier = match["modifier"]
    if modifier == "last" or (modifier is None and tense is Tense.PAST):
        back = (anchor.weekday() - target) % 7
        # "last Tuesday" written on a Tuesday means a week ago; the writer would say "today".
        return _day(anchor - timedelta(days=back or (7 if modifier else 0)))
    ahead = (target - anchor.weekday()) % 7
    return _day(anchor + timedelta(days=ahead or (7 if modifier else 0)))


def _recent(match: re.Match[str], anchor: date, tense: Tense) -> ResolvedDate:
    # Ends at the anchor; how far back "recent" reaches is not knowable.
    return ResolvedDate(None, anchor, Precision.UNKNOWN, Basis.RESOLVED)


_RELATIVE: tuple[tuple[re.Pattern[str], _Handler], ...] = (
    (
        re.compile(
            # Not "not confirmed"/"not announced" alone: a past event's date can be unconfirmed too.
            r"\bnot\s+(?:yet\s+)?(?:been\s+)?(?:set|scheduled|fixed)\b|\bnot\s+yet\s+(?:been\s+)?announced\b"
            r"|\bto\s+be\s+(?:announced|determined|confirmed|set|scheduled|fixed)\b|\bt\.?b\.?[adc]\.?(?!\w)"
        ),
        _not_yet_set,
    ),
    (re.compile(r"\bday\s+before\s+yesterday\b"), _day_offset(-2)),
    (re.compile(r"\bday\s+after\s+tomorrow\b"), _day_offset(2)),
    (re.compile(r"\btoday\b"), _day_offset(0)),
    (re.compile(r"\byesterday\b"), _day_offset(-1)),
    (re.compile(r"\btomorrow\b"), _day_offset(1)),
    (
        re.compile(r"\b(?P<count>\d+|" + "|".join(_NUMBER_WORDS) + r")\s+days?\s+ago\b"),
        _days_ago,
    ),
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
)


# ---------------------------------------------------------------------------
# Public entry points
# ---------------------------------------------------------------------------


def _normalise(phrase: str) -> str:
    return " ".join(phrase.replace("\u2019", "'").lower().split())


def _phrase_date(text: str, anchor: date | None, tense: Tense) -> ResolvedDate:
    if not text:
        return UNKNOWN_DATE
    if (stated := _stated(text)) is not None:
        return stated
    for pattern, handler in _RELATIVE:
        if match := pattern.search(text):
            if anchor is None:
                return UNKNOWN_DATE
            try:
                return handler(match, anchor, tense)
            except (OverflowError, ValueError):  # e.g. "99999 days ago" or "last year" in year 1: no such day
                return UNKNOWN_DATE
    return _stated_year(text) or UNKNOWN_DATE


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
    return ResolvedDate(resolved.earliest, latest, precision, basis)


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
    set") are RESOLVED against the anchor and are unknown without one. Anything not
    recognised is unknown: we never guess.

    `tense` decides which way a bare weekday or "this week/month/year" reaches from the
    anchor. `ends_before` is another item this one is known to end before; it caps
    `latest` at the day before that item's latest possible start, and raises
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


def to_edtf(
    earliest: date | None,
    latest: date | None,
    precision: str,
    *,
    span: bool = False,
    ongoing: bool = False,
) -> str:
    """Encode bounds as an EDTF string (parseable by ``edtf.parse_edtf``).

    span=False: one day, known to lie within the bounds: "2026-02-10", a whole month
    "2026-02" (MONTH precision) or year "2026" (YEAR precision), otherwise a one-of set
    "[2026-02-02..2026-02-08]", "[..2026-02-10]" or "[2026-02-10..]".

    span=True: something lasting from `earliest` to `latest`: "A/B", "A/" (unknown end),
    "/B" (unknown start) or "A/.." when `ongoing` and the end is unknown (`ongoing` is
    ignored once an end is known).

    Both bounds unknown gives "XXXX", an unspecified year, in either mode.
    """
    precision = Precision(precision)
    if earliest is not None and latest is not None and earliest > latest:
        raise ValueError(f"earliest {earliest} is after latest {latest}")
    if earliest is None and latest is None:
        return "XXXX"
    start = earliest.isoformat() if earliest else ""
    end = latest.isoformat() if latest else ""
    if span:
        return f"{start}/{'..' if ongoing and latest is None else end}"
    if earliest is not None and latest is not None:
        if earliest == latest:
            return start
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
