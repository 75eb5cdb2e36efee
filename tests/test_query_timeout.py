"""A query that runs past DATABASE_STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL and answered with a 503 problem."""

import pytest
from django.conf import settings
from django.db import OperationalError, connection

from timeline.api.errors import QUERY_CANCELED, is_query_timeout

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="statement_timeout is PostgreSQL's")


class Cancelled(Exception):
    sqlstate = QUERY_CANCELED


def cancelled_query() -> OperationalError:
    try:
        raise OperationalError("canceling statement due to statement timeout") from Cancelled()
    except OperationalError as error:
        return error


def cancel_event_queries(execute, sql, params, many, context):
    if "timeline_event" in sql:
        raise cancelled_query()
    return execute(sql, params, many, context)


def sleep_past_the_timeout_in_event_queries(execute, sql, params, many, context):
    if "timeline_event" in sql:
        execute("SET LOCAL statement_timeout = 20", None, False, context)
        execute("SELECT pg_sleep(1)", None, False, context)
    return execute(sql, params, many, context)


@pytest.mark.django_db
def test_a_cancelled_query_is_answered_503_as_a_problem_with_retry_after(api):
    with connection.execute_wrapper(cancel_event_queries):
        response = api.get("/api/v1/timeline/")

    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["type"] == "/api/v1/problems/query-timeout"
    assert int(response["Retry-After"]) > 0


def test_other_database_errors_are_not_taken_for_a_timeout():
    assert is_query_timeout(cancelled_query())
    assert not is_query_timeout(OperationalError("connection refused"))


@postgresql_only
def test_postgresql_connections_carry_the_statement_timeout_from_the_settings(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        shown = cursor.fetchone()[0]

    assert (
        f"statement_timeout={settings.DATABASE_STATEMENT_TIMEOUT_MS}"
        in settings.DATABASES["default"]["OPTIONS"]["options"]
    )
    assert shown == f"{settings.DATABASE_STATEMENT_TIMEOUT_MS // 1000}s"


@postgresql_only
def test_a_query_past_the_statement_timeout_is_answered_503(db, api):
    with connection.execute_wrapper(sleep_past_the_timeout_in_event_queries):
        response = api.get("/api/v1/timeline/")

    assert response.status_code == 503
    assert response.json()["type"] == "/api/v1/problems/query-timeout"
