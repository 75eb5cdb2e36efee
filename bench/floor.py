"""The floor: a bare WSGI app answering each benchmarked page with ONE hand-written PostgreSQL query.

The SQL here is written on its own, not taken from the app's query code: a floor that shared the app's plan
would measure nothing. PostgreSQL builds the whole JSON of the page; Python only passes it through. Pages
carry `results` only (the API's `next`/`previous` links are signed cursors the floor does not make), and the
bench compares the parsed `results` of both before timing.

Plans are chosen by the caller (`plan=index` walks the (sort_key, id) index and filters; `plan=few` finds the
few matching rows through the participation or full-text index first and sorts just those): this is the gate
the issue asks the app to make for itself.
"""

import json
import os
from urllib.parse import parse_qs

import psycopg

from timeline.choices import (
    CAMEO_LABELS,
    EVENT_KIND_CODES,
    PLANNED_MEETING_CAMEO,
    PLANNED_MEETING_KINDS,
    STATEMENT_CAMEO,
    EventStatus,
)

PAGE_SIZE = 50


def _timestamp(column: str) -> str:
    # DRF renders an aware UTC datetime as ISO 8601 with "Z", and drops zero microseconds as Python does.
    return (
        f"CASE WHEN extract(microseconds FROM {column})::bigint %% 1000000 = 0 "
        f"THEN to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') "
        f"ELSE to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') END"
    )


def _date(alias: str) -> str:
    return (
        f"json_build_object('text', {alias}.date_text, 'earliest', {alias}.earliest, 'latest', {alias}.latest, "
        f"'precision', {alias}.date_precision, 'basis', {alias}.date_basis, 'tense', {alias}.date_tense, "
        f"'approximate', {alias}.date_approximate, 'ongoing', {alias}.date_ongoing, "
        f"'edtf', {alias}.edtf, 'note', {alias}.date_note)"
    )


def _sql_json(value) -> str:
    """A JSON value as an SQL literal (the vocabulary tables are data, not code)."""
    return "'" + json.dumps(value).replace("'", "''") + "'::json"


def _cameo_json(codes) -> str:
    return _sql_json([{"code": code, "label": str(CAMEO_LABELS[code])} for code in codes])


def _event_codes(alias: str) -> str:
    """CAMEO and ACLED codes by kind and status: the published vocabulary table, as SQL rows."""
    rows = []
    for kind, (codes, acled) in EVENT_KIND_CODES.items():
        for status in EventStatus.values:
            planned = status == EventStatus.PLANNED and kind in PLANNED_MEETING_KINDS
            acled_json = _sql_json(None if acled is None else {"event_type": acled[0], "sub_event_type": acled[1]})
            cameo = _cameo_json([PLANNED_MEETING_CAMEO, *codes] if planned else codes)
            rows.append(f"('{kind}', '{status}', {cameo}, {acled_json})")
    table = f"(VALUES {', '.join(rows)}) AS codes(kind, status, cameo, acled)"
    match = f"codes.kind = {alias}.kind AND codes.status = {alias}.status"
    return (
        f"'cameo', (SELECT codes.cameo FROM {table} WHERE {match}), "
        f"'acled', (SELECT codes.acled FROM {table} WHERE {match})"
    )


def _actor(alias: str) -> str:
    return (
        f"json_build_object('slug', {alias}.slug, 'uuid', {alias}.uuid, "
        f"'url', %(base)s || '/api/v1/actors/' || {alias}.slug || '/', 'name', {alias}.name, 'kind', {alias}.kind)"
    )


def _topics(through: str, column: str, alias: str) -> str:
    return (
        "coalesce((SELECT json_agg(json_build_object('slug', t.slug, 'uuid', t.uuid, "
        "'url', %(base)s || '/api/v1/topics/' || t.slug || '/', 'name', t.name) ORDER BY t.name, t.id) "
        f"FROM {through} x JOIN timeline_topic t ON t.id = x.topic_id WHERE x.{column} = {alias}.id), '[]')"
    )


def _source(alias: str) -> str:
    return (
        "(SELECT json_build_object('slug', s.slug, 'uuid', s.uuid, 'url', %(base)s || '/api/v1/sources/' || s.slug "
        "|| '/', 'article_url', s.url, 'title', s.title, 'publisher', s.publisher, 'published_on', s.published_on) "
        f"FROM timeline_source s WHERE s.id = {alias}.source_id)"
    )


def _citations(column: str, alias: str) -> str:
    return (
        "coalesce((SELECT json_agg(json_build_object('slug', c.slug, 'uuid', c.uuid, 'source', s.slug, "
        "'start', c.start, 'end', c.\"end\", 'exact', c.exact, 'target', json_build_object("
        "'source', %(base)s || '/api/v1/sources/' || s.slug || '/', 'selector', json_build_array("
        "json_build_object('type', 'TextPositionSelector', 'start', c.start, 'end', c.\"end\"), "
        "json_build_object('type', 'TextQuoteSelector', 'exact', substr(s.text, c.start + 1, c.\"end\" - c.start), "
        "'prefix', substr(s.text, greatest(c.start - 31, 1), c.start - greatest(c.start - 32, 0)), "
        "'suffix', substr(s.text, c.\"end\" + 1, 32))))) ORDER BY c.position, c.id) "
        f"FROM timeline_citation c JOIN timeline_source s ON s.id = c.source_id WHERE c.{column} = {alias}.id), '[]')"
    )


def _event_reference(alias: str) -> str:
    return (
        f"json_build_object('slug', {alias}.slug, 'uuid', {alias}.uuid, "
        f"'url', %(base)s || '/api/v1/events/' || {alias}.slug || '/', 'title', {alias}.title, "
        f"'kind', {alias}.kind, 'status', {alias}.status)"
    )


EVENT_JSON = f"""json_build_object(
    'type', 'event', 'slug', e.slug, 'uuid', e.uuid, 'url', %(base)s || '/api/v1/events/' || e.slug || '/',
    'title', e.title, 'kind', e.kind, 'status', e.status, {_event_codes("e")}, 'date', {_date("e")},
    'venue', (SELECT json_build_object('slug', v.slug, 'uuid', v.uuid,
              'url', %(base)s || '/api/v1/venues/' || v.slug || '/', 'name', v.name, 'kind', v.kind,
              'country', v.country, 'latitude', v.latitude, 'longitude', v.longitude,
              'coordinate_precision', v.coordinate_precision) FROM timeline_venue v WHERE v.id = e.venue_id),
    'venue_basis', e.venue_basis, 'venue_note', e.venue_note,
    'parent', (SELECT {_event_reference("p")} FROM timeline_event p WHERE p.id = e.parent_id),
    'participants', coalesce((SELECT json_agg(json_build_object('role', pa.role, 'slug', a.slug, 'uuid', a.uuid,
        'url', %(base)s || '/api/v1/actors/' || a.slug || '/', 'name', a.name, 'kind', a.kind)
        ORDER BY pa.role, a.name, a.id)
        FROM timeline_participation pa JOIN timeline_actor a ON a.id = pa.actor_id WHERE pa.event_id = e.id), '[]'),
    'topics', {_topics("timeline_event_topics", "event_id", "e")},
    'summary', e.summary, 'source', {_source("e")}, 'citations', {_citations("event_id", "e")},
    'created_at', {_timestamp("e.created_at")}, 'updated_at', {_timestamp("e.updated_at")})"""

STATEMENT_JSON = f"""json_build_object(
    'type', 'statement', 'slug', st.slug, 'uuid', st.uuid,
    'url', %(base)s || '/api/v1/statements/' || st.slug || '/', 'title', st.title, 'text', st.text, 'mode', st.mode,
    'cameo', {_cameo_json(STATEMENT_CAMEO)}, 'acled', NULL,
    'is_translation', st.is_translation, 'translation_basis', st.translation_basis,
    'translation_note', st.translation_note, 'date', {_date("st")},
    'speaker', (SELECT {_actor("a")} FROM timeline_actor a WHERE a.id = st.speaker_id),
    'speaker_basis', st.speaker_basis, 'speaker_note', st.speaker_note,
    'in_source_voice', st.speaker_id IS NULL,
    'outlet', (SELECT {_actor("a")} FROM timeline_actor a WHERE a.id = st.outlet_id),
    'outlet_basis', st.outlet_basis, 'outlet_note', st.outlet_note,
    'event', (SELECT {_event_reference("p")} FROM timeline_event p WHERE p.id = st.event_id),
    'topics', {_topics("timeline_statement_topics", "statement_id", "st")},
    'about', coalesce((SELECT json_agg({_actor("a")} ORDER BY a.name, a.id) FROM timeline_statement_about_actors x
        JOIN timeline_actor a ON a.id = x.actor_id WHERE x.statement_id = st.id), '[]'),
    'source', {_source("st")}, 'citations', {_citations("statement_id", "st")},
    'created_at', {_timestamp("st.created_at")}, 'updated_at', {_timestamp("st.updated_at")})"""


def _after(alias: str, entry_type: str) -> str:
    """Rows strictly after the position (sort_key, type, id) in timeline order, as a row comparison."""
    return (
        f"(%(after_key)s::text IS NULL OR ({alias}.sort_key, '{entry_type}', {alias}.id) "
        f"> (%(after_key)s, %(after_type)s::text, %(after_id)s::bigint))"
    )


def timeline_sql(*, actor: bool, q: bool, plan: str) -> str:
    """The timeline page: events and statements merged in (sort_key, type, id) order, as one JSON array."""
    event_filters = [_after("e", "event")]
    statement_filters = [_after("st", "statement")]
    if actor:
        event_filters.append(
            "EXISTS (SELECT 1 FROM timeline_participation pa WHERE pa.event_id = e.id AND pa.actor_id = %(actor)s)"
        )
        statement_filters.append("st.speaker_id = %(actor)s")
    if q:
        event_filters.append("e.search_vector @@ websearch_to_tsquery('english', %(q)s)")
        statement_filters.append("st.search_vector @@ websearch_to_tsquery('english', %(q)s)")
    materialized = "MATERIALIZED" if plan == "few" else "NOT MATERIALIZED"
    # With plan=few the CTEs find the few matching rows first (participation or GIN index), then sort them.
    return f"""
    WITH events AS {materialized} (SELECT e.id, e.sort_key FROM timeline_event e WHERE {" AND ".join(event_filters)}),
    statements AS {materialized} (
        SELECT st.id, st.sort_key FROM timeline_statement st WHERE {" AND ".join(statement_filters)}),
    page AS (
        (SELECT 'event' AS type, id, sort_key FROM events ORDER BY sort_key, id LIMIT %(limit)s)
        UNION ALL
        (SELECT 'statement', id, sort_key FROM statements ORDER BY sort_key, id LIMIT %(limit)s)
        ORDER BY sort_key, type, id LIMIT %(limit)s)
    SELECT coalesce(json_agg(CASE page.type WHEN 'event' THEN {EVENT_JSON} ELSE {STATEMENT_JSON} END
                    ORDER BY page.sort_key, page.type, page.id), '[]')
    FROM page
    LEFT JOIN timeline_event e ON page.type = 'event' AND e.id = page.id
    LEFT JOIN timeline_statement st ON page.type = 'statement' AND st.id = page.id"""


EVENTS_BY_VENUE_AND_DATES_SQL = f"""
    WITH page AS (
        SELECT e.id, e.sort_key FROM timeline_event e
        WHERE e.venue_id = %(venue)s AND (e.earliest IS NOT NULL OR e.latest IS NOT NULL)
          AND (e.latest IS NULL OR e.latest >= %(date_after)s) AND (e.earliest IS NULL OR e.earliest <= %(date_before)s)
        ORDER BY e.sort_key, e.id LIMIT %(limit)s)
    SELECT coalesce(json_agg({EVENT_JSON} ORDER BY page.sort_key, page.id), '[]')
    FROM page JOIN timeline_event e ON e.id = page.id"""

EVENT_DETAIL_SQL = f"""
    SELECT ({EVENT_JSON})::jsonb || jsonb_build_object(
        'statements', coalesce((SELECT jsonb_agg(jsonb_build_object('slug', st.slug, 'uuid', st.uuid,
            'url', %(base)s || '/api/v1/statements/' || st.slug || '/', 'title', st.title, 'mode', st.mode)
            ORDER BY st.sort_key, st.id) FROM timeline_statement st WHERE st.event_id = e.id), '[]'),
        'children', coalesce((SELECT jsonb_agg(({_event_reference("ch")})::jsonb ORDER BY ch.sort_key, ch.id)
            FROM timeline_event ch WHERE ch.parent_id = e.id), '[]'))
    FROM timeline_event e WHERE e.slug = %(slug)s"""


def query_for(path: str, params: dict) -> tuple[str, dict]:
    """The SQL and its parameters for a floor page."""
    values = {"limit": PAGE_SIZE, "after_key": None, "after_type": None, "after_id": None, **params}
    if path == "/timeline":
        sql = timeline_sql(actor="actor" in params, q="q" in params, plan=params.get("plan", "index"))
        return sql, values
    if path == "/events":
        return EVENTS_BY_VENUE_AND_DATES_SQL, values
    if path == "/event":
        return EVENT_DETAIL_SQL, values
    raise LookupError(path)


_connection = None


def _cursor():
    global _connection  # one connection per worker process, as a sync gunicorn worker holds
    if _connection is None or _connection.closed:
        _connection = psycopg.connect(os.environ["FLOOR_DATABASE_URL"], autocommit=True)
    return _connection.cursor()


def application(environ, start_response):
    params = {name: values[0] for name, values in parse_qs(environ.get("QUERY_STRING", "")).items()}
    scheme = "https" if environ.get("HTTP_X_FORWARDED_PROTO") == "https" else "http"
    params["base"] = f"{scheme}://{environ['HTTP_HOST']}"
    try:
        sql, values = query_for(environ["PATH_INFO"], params)
    except LookupError:
        start_response("404 Not Found", [("Content-Type", "text/plain")])
        return [b"not found"]
    with _cursor() as cursor:
        cursor.execute(f"SELECT floor.page::text FROM ({sql}) AS floor(page)", values)
        (results,) = cursor.fetchone()
    body = b'{"results":' + results.encode() + b"}"
    start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
    return [body]
