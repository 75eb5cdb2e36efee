"""The benchmarked pages, and how the bench finds their parameters in the generated data."""

from dataclasses import dataclass
from urllib.parse import urlencode

import psycopg

DEEP_FRACTION = 0.5
DATE_AFTER, DATE_BEFORE = "2020-01-01", "2020-12-31"
COMMON_WORD, RARE_WORD = "talks", "desalination"


@dataclass
class Scenario:
    name: str
    api: list[str]
    floor: list[str]  # empty: no floor for this page
    requests: int


def _cycle(paths: list[str], count: int) -> list[str]:
    return [paths[number % len(paths)] for number in range(count)]


def build(database_url: str, *, requests: int, export_requests: int, api_cursor) -> list[Scenario]:
    """Scenarios with their API and floor paths; `api_cursor(type, sort_key, id)` makes the API's own cursor."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        found = _targets(connection)
    timeline = "/api/v1/timeline/"
    floor = "/timeline"
    scenarios = [
        Scenario("timeline page one (50)", [timeline], [floor], requests),
        Scenario(
            f"timeline, cursor {found['deep_offset']:,} entries deep",
            [f"{timeline}?{urlencode({'cursor': api_cursor(*position)})}" for position in found["deep"]],
            [
                f"{floor}?{urlencode(dict(zip(('after_type', 'after_key', 'after_id'), p, strict=True)))}"
                for p in found["deep"]
            ],
            requests,
        ),
        Scenario(
            f"timeline, actor in {found['busy_count']:,} events",
            [f"{timeline}?actor={found['busy_slug']}"],
            [f"{floor}?actor={found['busy_id']}&plan=index"],
            requests,
        ),
        Scenario(
            "timeline, rare actors (3 events each)",
            [f"{timeline}?actor={slug}" for slug, _ in found["rare"]],
            [f"{floor}?actor={actor_id}&plan=few" for _, actor_id in found["rare"]],
            requests,
        ),
        Scenario(
            f"timeline, q matching {found['common_count']:,}",
            [f"{timeline}?q={COMMON_WORD}"],
            [f"{floor}?q={COMMON_WORD}&plan=index"],
            requests,
        ),
        Scenario(
            f"timeline, q matching {found['rare_count']:,}",
            [f"{timeline}?q={RARE_WORD}"],
            [f"{floor}?q={RARE_WORD}&plan=few"],
            requests,
        ),
        Scenario(
            "events, venue + date range",
            [f"/api/v1/events/?venue={found['venue_slug']}&date_after={DATE_AFTER}&date_before={DATE_BEFORE}"],
            [f"/events?venue={found['venue_id']}&date_after={DATE_AFTER}&date_before={DATE_BEFORE}"],
            requests,
        ),
        Scenario(
            "event detail",
            [f"/api/v1/events/{slug}/" for slug in found["details"]],
            [f"/event?slug={slug}" for slug in found["details"]],
            requests,
        ),
        Scenario(
            f"TimelineJS export of {found['export_count']:,} entries",
            [f"{timeline}?format=timelinejs&actor={found['export_slug']}"],
            [],
            export_requests,
        ),
    ]
    for scenario in scenarios:
        scenario.api = _cycle(scenario.api, scenario.requests)
        scenario.floor = _cycle(scenario.floor, scenario.requests) if scenario.floor else []
    return scenarios


def _one(connection, sql, params=()):
    return connection.execute(sql, params).fetchone()


def _targets(connection) -> dict:
    found = {}
    total = _one(
        connection, "SELECT (SELECT count(*) FROM timeline_event) + (SELECT count(*) FROM timeline_statement)"
    )[0]
    found["deep_offset"] = int(total * DEEP_FRACTION)
    rows = connection.execute(
        """SELECT type, sort_key, id FROM (
               SELECT 'event' AS type, sort_key, id FROM timeline_event
               UNION ALL SELECT 'statement', sort_key, id FROM timeline_statement) entries
           ORDER BY sort_key, type, id OFFSET %s LIMIT %s""",
        (found["deep_offset"], 50 * 37),
    ).fetchall()
    found["deep"] = rows[::37]
    busy = _one(
        connection,
        """SELECT a.id, a.slug, count(*) FROM timeline_participation p JOIN timeline_actor a ON a.id = p.actor_id
           GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1""",
    )
    found["busy_id"], found["busy_slug"], found["busy_count"] = busy
    found["rare"] = connection.execute(
        """SELECT a.slug, a.id FROM timeline_participation p JOIN timeline_actor a ON a.id = p.actor_id
           WHERE NOT EXISTS (SELECT 1 FROM timeline_statement s WHERE s.speaker_id = a.id)
           GROUP BY a.id HAVING count(*) = 3 ORDER BY a.id LIMIT 50"""
    ).fetchall()
    for label, word in (("common_count", COMMON_WORD), ("rare_count", RARE_WORD)):
        found[label] = _one(
            connection,
            """SELECT (SELECT count(*) FROM timeline_event WHERE search_vector @@ websearch_to_tsquery('english', %s))
               + (SELECT count(*) FROM timeline_statement
                  WHERE search_vector @@ websearch_to_tsquery('english', %s))""",
            (word, word),
        )[0]
    found["venue_id"], found["venue_slug"] = _one(
        connection,
        """SELECT v.id, v.slug FROM timeline_event e JOIN timeline_venue v ON v.id = e.venue_id
           GROUP BY v.id ORDER BY count(*) DESC, v.id LIMIT 1""",
    )
    found["details"] = [
        slug for (slug,) in connection.execute("SELECT slug FROM timeline_event WHERE id % 97 = 0 LIMIT 200")
    ]
    found["export_slug"], found["export_count"] = _export_actor(connection)
    return found


def _export_actor(connection, cap: int = 5000) -> tuple[str, int]:
    """The actor whose timeline (events taken part in, statements made) is largest without passing the cap."""
    return _one(
        connection,
        """WITH entries AS (
               SELECT actor_id, count(*) AS n FROM (
                   SELECT actor_id FROM timeline_participation
                   UNION ALL SELECT speaker_id FROM timeline_statement WHERE speaker_id IS NOT NULL) links
               GROUP BY actor_id)
           SELECT a.slug, entries.n FROM entries JOIN timeline_actor a ON a.id = entries.actor_id
           WHERE entries.n <= %s ORDER BY entries.n DESC, a.id LIMIT 1""",
        (cap,),
    )
