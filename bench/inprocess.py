"""What the bench asks of the app in its own process: the API's cursors, query counts, and floor plans.

Imported only after the environment points Django at the scratch database.
"""

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from rest_framework.request import Request  # noqa: E402
from rest_framework.test import APIRequestFactory  # noqa: E402

from bench import floor  # noqa: E402
from timeline.api.pagination import KeysetPagination  # noqa: E402


class _Entry:
    def __init__(self, sort_key, entry_id):
        self.sort_key, self.id = sort_key, entry_id


def api_cursor(entry_type: str, sort_key: str, entry_id: int) -> str:
    """The cursor the API itself would put in a `next` link after this entry (made by the app's own code)."""
    pagination = KeysetPagination()
    pagination.request = Request(APIRequestFactory().get("/api/v1/timeline/", HTTP_HOST="chronicle.bench"))
    link = pagination._link((entry_type, _Entry(sort_key, entry_id)), backwards=False)
    return link.split(f"{pagination.cursor_query_param}=", 1)[1].split("&", 1)[0]


def query_count(path: str, headers: dict) -> int:
    client = Client(HTTP_HOST=headers["Host"], HTTP_X_FORWARDED_PROTO="https")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    if response.status_code != 200:
        raise SystemExit(f"bench: {path} answered {response.status_code} in process")
    return len(queries)


def explain_floors(cases, database_url) -> dict:
    """EXPLAIN (ANALYZE, BUFFERS) of each floor query, for the results."""
    from urllib.parse import parse_qs, urlsplit

    import psycopg

    plans = {}
    with psycopg.connect(database_url, autocommit=True) as raw:
        for case in cases:
            if not case.floor:
                continue
            parts = urlsplit(case.floor[0])
            params = {name: values[0] for name, values in parse_qs(parts.query).items()}
            params["base"] = "https://chronicle.bench"
            sql, values = floor.query_for(parts.path, params)
            rows = raw.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}", values).fetchall()
            plans[case.name] = [row[0] for row in rows]
    return plans
