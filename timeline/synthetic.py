"""Synthetic timeline data at scale, for benchmarks and plan tests: deterministic, and varied like real reporting.

One seed gives the same rows every time. The shape follows what a newsroom's data looks like after years:
- sources of about 20 events and 6 statements each, whose text holds a sentence per item, so that every
  citation is a verbatim span of its source (offsets in code points, as `timeline.citations` counts them);
- skewed actors: one takes part in a quarter of all events, a long tail in a handful, and many in exactly 3;
- dates written the way sources write them ("last week", "on Tuesday", "10 February 2026", "in 2025",
  "date not yet set", "recently", nothing at all) and resolved by `timeline.dates` against the source's
  publication date, so every precision, undated items and open-ended bounds occur; a source without a
  publication date leaves its relative dates unknown, as the resolver does;
- a rare word (`RARE_WORD`) in about one event in 7,700, and a common one ("talks") in most.

Not generated: statements' `about_actors`, events' `parent` and `date_ends_before`, editor-supplied dates.
"""

import hashlib
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache

from timeline import dates
from timeline.choices import (
    ActorKind,
    CoordinatePrecision,
    EventKind,
    EventStatus,
    ParticipantRole,
    ProvenanceBasis,
    StatementMode,
    Tense,
    VenueKind,
)

EVENTS_PER_SOURCE = 20
STATEMENTS_PER_SOURCE = 6
RARE_WORD = "desalination"
COMMON_WORD = "talks"
_RARE_WORD_ODDS = 7700

# (city, country, latitude, longitude)
_CITIES = [
    ("Geneva", "CH", "46.20400", "6.14300"),
    ("Istanbul", "TR", "41.00800", "28.97800"),
    ("Riyadh", "SA", "24.71300", "46.67500"),
    ("Abu Dhabi", "AE", "24.45300", "54.37700"),
    ("Doha", "QA", "25.28500", "51.53100"),
    ("Minsk", "BY", "53.90000", "27.56700"),
    ("Vienna", "AT", "48.20800", "16.37300"),
    ("Helsinki", "FI", "60.16900", "24.93800"),
    ("Oslo", "NO", "59.91300", "10.75200"),
    ("Ankara", "TR", "39.93300", "32.85900"),
    ("Cairo", "EG", "30.04400", "31.23600"),
    ("Brussels", "BE", "50.85000", "4.35100"),
    ("Warsaw", "PL", "52.22900", "21.01200"),
    ("Kyiv", "UA", "50.45000", "30.52300"),
    ("Moscow", "RU", "55.75600", "37.61700"),
    ("Washington", "US", "38.90700", "-77.03700"),
    ("Beijing", "CN", "39.90400", "116.40700"),
    ("New Delhi", "IN", "28.61400", "77.20900"),
    ("Brasilia", "BR", "-15.79400", "-47.88200"),
    ("Pretoria", "ZA", "-25.74800", "28.22900"),
    ("Nairobi", "KE", "-1.28600", "36.81700"),
    ("Jakarta", "ID", "-6.20900", "106.84600"),
    ("Singapore", "SG", "1.35200", "103.82000"),
    ("Valletta", "MT", "35.89900", "14.51400"),
]
_STATES = ["Russia", "Ukraine", "United States", "Turkey", "Qatar", "Saudi Arabia", "China", "France", "Germany"]
_GIVEN = ["Anna", "Sergei", "Maria", "Olena", "James", "Fatima", "Li", "Ahmet", "Ingrid", "Pedro", "Amara", "Yusuf"]
_FAMILY = ["Ivanova", "Kovalenko", "Smith", "Yilmaz", "Al-Thani", "Chen", "Larsen", "Silva", "Okafor", "Novak"]
_ROLES = ["Foreign Minister", "Deputy Foreign Minister", "Ambassador", "Special Envoy", "spokesperson", "negotiator"]
_TOPICS = [
    "Security guarantees",
    "Prisoners of war",
    "Ceasefire monitoring",
    "Grain exports",
    "Energy infrastructure",
    "Sanctions relief",
    "NATO membership",
    "Nuclear plant safety",
    "Humanitarian corridors",
    "Reconstruction funds",
]
_OUTLETS = ["Izvestia", "Reuters", "Anadolu", "Al Jazeera", "TASS", "Ukrinform"]
_VERBS = {
    EventKind.TALKS: "began talks",
    EventKind.NEGOTIATION_ROUND: "held a round of talks",
    EventKind.AGREEMENT: "signed an agreement after talks",
    EventKind.PRISONER_EXCHANGE: "exchanged prisoners after talks",
    EventKind.MEETING: "met for talks",
    EventKind.INTERVIEW: "gave an interview",
    EventKind.TREATY_PROPOSAL: "proposed a treaty",
    EventKind.MEDIATION: "offered mediation",
    EventKind.INVOLVEMENT: "were involved in talks",
}
_QUOTES = [
    "We are ready to continue the dialogue without preconditions",
    "Any agreement must include guarantees for both sides",
    "The exchange shows that practical steps are possible",
    "We will not accept terms dictated from outside",
    "The next round should focus on humanitarian questions",
    "Our position has not changed since the last meeting",
]
_MONTHS = [
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
]
_FIRST_DAY = date(2015, 1, 1)
_DAYS = (date(2026, 6, 30) - _FIRST_DAY).days


@dataclass
class Batch:
    """Rows for a run of sources, per table, as tuples in `COLUMNS` order."""

    tables: dict[str, list[tuple]] = field(default_factory=dict)

    def add(self, table: str, row: tuple) -> None:
        self.tables.setdefault(table, []).append(row)


def _names(columns: str) -> list[str]:
    return columns.split()


COLUMNS = {
    "source": _names(
        "id slug uuid created_at updated_at title title_basis title_note publisher publisher_basis publisher_note url "
        "language published_on published_on_basis published_on_note text text_sha256"
    ),
    "actor": _names("id slug uuid created_at updated_at name kind role affiliation_id aliases"),
    "venue": (_names("id slug uuid created_at updated_at name kind country latitude longitude coordinate_precision")),
    "topic": _names("id slug uuid created_at updated_at name description"),
    "event": _names(
        "id slug uuid created_at updated_at source_id sequence date_text date_tense dated_by_publication earliest "
        "latest date_precision date_basis date_note edtf sort_key title kind status venue_id parent_id "
        "date_ends_before_id summary"
    ),
    "participation": _names("id slug uuid created_at updated_at event_id actor_id role"),
    "event_topic": _names("event_id topic_id"),
    "statement": _names(
        "id slug uuid created_at updated_at source_id sequence date_text date_tense dated_by_publication earliest "
        "latest date_precision date_basis date_note edtf sort_key title speaker_id outlet_id event_id mode "
        "is_translation text"
    ),
    "statement_topic": _names("statement_id topic_id"),
    "citation": _names("id slug uuid created_at updated_at source_id event_id statement_id position start end exact"),
}


@dataclass(frozen=True)
class FirstIds:
    """The first free id of each table: generated rows are numbered from there, so --force can add to data."""

    source: int = 1
    actor: int = 1
    venue: int = 1
    topic: int = 1
    event: int = 1
    participation: int = 1
    statement: int = 1
    citation: int = 1


class SyntheticTimeline:
    """Generates `events` events (and their sources, actors, statements, citations) from `seed`."""

    def __init__(self, *, events: int, seed: int = 1, first_ids: FirstIds | None = None, now: datetime | None = None):
        if events < 1:
            raise ValueError("events must be at least 1")
        self.events = events
        self.rng = random.Random(seed)
        self.ids = first_ids or FirstIds()
        self.now = now or datetime.now(UTC)
        self.busy_actor = self.ids.actor
        self.tail_actors = max(200, events // 200)
        self.rare_actors = max(1, events // 100)
        self.venues = max(len(_CITIES), events // 2000)
        self.topics = len(_TOPICS)
        self.sources = -(-events // EVENTS_PER_SOURCE)
        self._next = {"participation": self.ids.participation, "statement": self.ids.statement}
        self._next["citation"] = self.ids.citation
        self._actor_names: dict[int, str] = {}
        self._kind_titles = {kind.value: str(kind.label).capitalize() for kind in EventKind}

    # --- Reference rows: actors, venues, topics --------------------------------------------------------------

    def reference_rows(self) -> Batch:
        batch = Batch()
        for number, name in enumerate(_STATES):
            batch.add("actor", self._actor(number, name, ActorKind.STATE.value, ""))
        count = len(_STATES)
        for number in range(count, self.tail_actors + self.rare_actors + 1):
            name = f"{self.rng.choice(_GIVEN)} {self.rng.choice(_FAMILY)} {number}"
            batch.add("actor", self._actor(number, name, ActorKind.PERSON.value, self.rng.choice(_ROLES)))
        for number, outlet in enumerate(_OUTLETS, start=self.tail_actors + self.rare_actors + 1):
            batch.add("actor", self._actor(number, outlet, ActorKind.MEDIA_OUTLET.value, ""))
        for number in range(self.venues):
            city, country, latitude, longitude = _CITIES[number % len(_CITIES)]
            name = city if number < len(_CITIES) else f"Conference centre {number}, {city}"
            kind, precision = (
                (VenueKind.CITY.value, CoordinatePrecision.CITY.value)
                if number < len(_CITIES)
                else (
                    VenueKind.SITE.value,
                    CoordinatePrecision.CITY.value,
                )
            )
            batch.add(
                "venue",
                (self.ids.venue + number, f"synthetic-venue-{self.ids.venue + number}", self._uuid(), self.now,
                 self.now, name, kind, country, latitude, longitude, precision),
            )  # fmt: skip
        for number, name in enumerate(_TOPICS):
            topic_id = self.ids.topic + number
            batch.add("topic", (topic_id, f"synthetic-topic-{topic_id}", self._uuid(), self.now, self.now, name, ""))
        return batch

    def _actor(self, number: int, name: str, kind: str, role: str) -> tuple:
        actor_id = self.ids.actor + number
        self._actor_names[actor_id] = name
        return (actor_id, f"synthetic-actor-{actor_id}", self._uuid(), self.now, self.now, name, kind, role, None, [])

    def actor_name(self, actor_id: int) -> str:
        return self._actor_names[actor_id]

    @property
    def outlet_ids(self) -> range:
        first = self.ids.actor + self.tail_actors + self.rare_actors + 1
        return range(first, first + len(_OUTLETS))

    # --- Sources and what they report ----------------------------------------------------------------------

    def batches(self, *, sources_per_batch: int = 500) -> Iterator[Batch]:
        """Batches of sources with their events, participations, statements, topics and citations."""
        batch = Batch()
        for number in range(self.sources):
            self._source(batch, number)
            if (number + 1) % sources_per_batch == 0:
                yield batch
                batch = Batch()
        if batch.tables:
            yield batch

    def _source(self, batch: Batch, number: int) -> None:
        rng = self.rng
        source_id = self.ids.source + number
        published_on = None if rng.random() < 0.04 else _FIRST_DAY + timedelta(days=rng.randrange(_DAYS))
        first_event = number * EVENTS_PER_SOURCE
        event_count = min(EVENTS_PER_SOURCE, self.events - first_event)
        statement_count = rng.randint(STATEMENTS_PER_SOURCE - 3, STATEMENTS_PER_SOURCE + 3)
        paragraphs: list[str] = []
        offset = 0
        citations: list[tuple] = []
        sequence = 0
        for index in range(first_event, first_event + event_count):
            sentence, span = self._event(batch, source_id, published_on, index, sequence)
            citations.append(("event", self.ids.event + index, offset + span[0], sentence[span[0] : span[1]]))
            paragraphs.append(sentence)
            offset += len(sentence) + 1
            sequence += 1
            if rng.random() < statement_count / max(event_count, 1):
                statement_id = self._next["statement"]
                sentence, span = self._statement(batch, source_id, published_on, sequence, self.ids.event + index)
                citations.append(("statement", statement_id, offset + span[0], sentence[span[0] : span[1]]))
                paragraphs.append(sentence)
                offset += len(sentence) + 1
                sequence += 1
        text = "\n".join(paragraphs)
        self._source_row(batch, source_id, published_on, text)
        for kind, item_id, start, exact in citations:
            citation_id = self._take("citation")
            event_id, statement_id = (item_id, None) if kind == "event" else (None, item_id)
            batch.add(
                "citation",
                (citation_id, f"synthetic-citation-{citation_id}", self._uuid(), self.now, self.now, source_id,
                 event_id, statement_id, 0, start, start + len(exact), exact),
            )  # fmt: skip

    def _source_row(self, batch: Batch, source_id: int, published_on: date | None, text: str) -> None:
        outlet = _OUTLETS[source_id % len(_OUTLETS)]
        batch.add(
            "source",
            (source_id, f"synthetic-source-{source_id}", self._uuid(), self.now, self.now,
             f"Report {source_id} on the talks", _STATED, "", outlet, _STATED, "",
             f"https://news.example.org/reports/{source_id}", "en", published_on,
             _STATED if published_on else ProvenanceBasis.UNKNOWN.value, "", text,
             hashlib.sha256(text.encode("utf-8")).hexdigest()),
        )  # fmt: skip

    def _event(self, batch: Batch, source_id: int, published_on: date | None, index: int, sequence: int):
        rng = self.rng
        event_id = self.ids.event + index
        kind = rng.choice(_EVENT_KINDS)
        status = rng.choices(_EVENT_STATUSES, weights=(70, 10, 15, 5))[0]
        tense = Tense.FUTURE.value if status == EventStatus.PLANNED else Tense.PAST.value
        date_text = self._date_words(published_on, tense)
        resolved = _resolve(date_text, published_on, tense)
        venue_number = None if rng.random() < 0.15 else int(self.venues * rng.random() ** 2)
        city = _CITIES[venue_number % len(_CITIES)][0] if venue_number is not None else "an undisclosed place"
        actors = self._participants(index)
        names = " and ".join(self.actor_name(a) for a in actors[:2])
        summary_word = f" on {RARE_WORD}" if rng.randrange(_RARE_WORD_ODDS) == 0 else ""
        title = f"{self._kind_titles[kind]} in {city}"
        clause = f" {date_text}" if date_text else ""
        sentence = f"{names} {_VERBS[kind]}{summary_word} in {city}{clause}."
        edtf = _edtf(resolved, span=kind == EventKind.TALKS.value)
        batch.add(
            "event",
            (event_id, f"synthetic-event-{event_id}", self._uuid(), self.now, self.now, source_id, sequence,
             date_text, tense, False, resolved.earliest, resolved.latest, resolved.precision.value,
             resolved.basis.value, "", edtf, dates.sort_key(resolved.earliest, resolved.latest, sequence), title,
             kind, status, None if venue_number is None else self.ids.venue + venue_number, None, None,
             f"{names} {_VERBS[kind]}{summary_word} in {city}."),
        )  # fmt: skip
        for role, actor_id in zip(_PARTICIPANT_ROLES, actors, strict=False):
            participation_id = self._take("participation")
            batch.add(
                "participation",
                (participation_id, f"synthetic-participation-{participation_id}", self._uuid(), self.now, self.now,
                 event_id, actor_id, role),
            )  # fmt: skip
        for topic_number in rng.sample(range(self.topics), rng.randint(0, 2)):
            batch.add("event_topic", (event_id, self.ids.topic + topic_number))
        return sentence, (0, len(sentence) - 1)

    def _participants(self, index: int) -> list[int]:
        """Actor ids of an event: the busy actor in a quarter, a skewed tail, and each rare actor in exactly 3."""
        rng = self.rng
        chosen: list[int] = []
        if rng.random() < 0.25:
            chosen.append(self.busy_actor)
        while len(chosen) < 2:
            actor_id = self.ids.actor + 1 + int((self.tail_actors - 1) * rng.random() ** 2)
            if actor_id not in chosen:
                chosen.append(actor_id)
        # Events 0, 33, 66 share rare actor 0, and so on: spread over three sources' dates.
        if index % 33 == 0 and index // 99 < self.rare_actors:
            chosen.append(self.ids.actor + self.tail_actors + 1 + index // 99)
        return chosen

    def _statement(self, batch: Batch, source_id: int, published_on, sequence: int, event_id: int):
        rng = self.rng
        statement_id = self._take("statement")
        own_voice = rng.random() < 0.15
        speaker = None if own_voice else self.ids.actor + 1 + int((self.tail_actors - 1) * rng.random() ** 2)
        quote = rng.choice(_QUOTES)
        if own_voice:
            date_text, tense, resolved = "", Tense.PAST.value, _resolve("today", published_on, Tense.PAST.value)
            sentence = f"The report says: {quote}."
            span = (len("The report says: "), len(sentence) - 1)
        else:
            tense = Tense.PAST.value
            date_text = self._date_words(published_on, tense)
            resolved = _resolve(date_text, published_on, tense)
            lead = f"{self.actor_name(speaker)} said{' ' + date_text if date_text else ''}: \u201c"
            sentence = f"{lead}{quote}.\u201d"
            span = (len(lead), len(lead) + len(quote))
        outlet = rng.choice(self.outlet_ids) if rng.random() < 0.1 else None
        edtf = _edtf(resolved, span=False)
        batch.add(
            "statement",
            (statement_id, f"synthetic-statement-{statement_id}", self._uuid(), self.now, self.now, source_id,
             sequence, date_text, tense, own_voice, resolved.earliest, resolved.latest, resolved.precision.value,
             resolved.basis.value, "", edtf, dates.sort_key(resolved.earliest, resolved.latest, sequence),
             quote[:60], speaker, outlet, event_id if rng.random() < 0.3 else None,
             StatementMode.QUOTE.value, rng.random() < 0.2, quote),
        )  # fmt: skip
        for topic_number in rng.sample(range(self.topics), rng.randint(0, 2)):
            batch.add("statement_topic", (statement_id, self.ids.topic + topic_number))
        return sentence, span

    def _date_words(self, published_on: date | None, tense: str) -> str:
        """Date words as a source writes them; absolute ones are near the publication date."""
        rng = self.rng
        roll = rng.random()
        if roll < 0.08:
            return ""
        if tense == Tense.FUTURE.value:
            return rng.choice(("next week", "next month", "date not yet set", "on Friday", "later this year"))
        if roll < 0.45 or published_on is None:
            return rng.choice(_RELATIVE_PAST)
        day = published_on - timedelta(days=rng.randrange(0, 400))
        form = rng.randrange(4)
        if form == 0:
            return f"on {day.day} {_MONTHS[day.month - 1]} {day.year}"
        if form == 1:
            return f"in {_MONTHS[day.month - 1]} {day.year}"
        if form == 2:
            return f"in {day.year}"
        return f"on {day.isoformat()}"

    def _take(self, table: str) -> int:
        value = self._next[table]
        self._next[table] = value + 1
        return value

    def _uuid(self) -> str:
        """A random (version 4) UUID from the seeded generator, as text: cheaper than uuid.UUID at scale."""
        digits = f"{self.rng.getrandbits(128) & _UUID_RANDOM_BITS | _UUID_VERSION_4_BITS:032x}"
        return f"{digits[:8]}-{digits[8:12]}-{digits[12:16]}-{digits[16:20]}-{digits[20:]}"


_STATED = ProvenanceBasis.STATED.value
_PARTICIPANT_ROLES = (ParticipantRole.PARTY.value, ParticipantRole.PARTY.value, ParticipantRole.MEDIATOR.value)
_EVENT_KINDS = [kind.value for kind in EventKind]
_EVENT_STATUSES = [status.value for status in EventStatus]
_RELATIVE_PAST = (
    "yesterday",
    "on Tuesday",
    "last week",
    "three days ago",
    "last month",
    "earlier this month",
    "this year",
    "recently",
    "in recent weeks",
    "the day before yesterday",
)


_UUID_VERSION_4_BITS = (0x4000 << 64) | (0x8000 << 48)
_UUID_RANDOM_BITS = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)


@lru_cache(maxsize=200_000)
def _edtf(resolved: dates.ResolvedDate, *, span: bool) -> str:
    return dates.to_edtf(resolved.earliest, resolved.latest, resolved.precision, span=span)


@lru_cache(maxsize=200_000)
def _resolve(date_text: str, anchor: date | None, tense: str) -> dates.ResolvedDate:
    return dates.resolve(date_text, anchor, tense)
