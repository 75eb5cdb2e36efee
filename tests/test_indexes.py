"""The timeline's queries can be answered from the indexes the data model declares.

The planner is told to avoid sequential scans where it can (PostgreSQL's enable_seqscan), so that a plan on
the small test data shows which index would serve the query; speed itself is measured in benchmarks.
"""

import re

import pytest
from django.db import connection
from django.db.models import Q

from timeline.models import Actor, Event, Venue
from timeline.selectors import TimelineQuery, event_list, statement_list

pytestmark = pytest.mark.usefixtures("seeded")

PAGE = 51


def plan(queryset) -> str:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
    return queryset.explain()


def test_a_timeline_page_reads_events_in_sort_key_order_from_the_index():
    events = event_list(query=TimelineQuery()).order_by("sort_key", "id")[:PAGE]

    assert "event_sort_key_idx" in plan(events)


def test_the_next_page_seeks_into_the_index_from_the_cursor_position():
    key = Event.objects.order_by("sort_key", "id")[2]
    after = Q(sort_key__gt=key.sort_key) | Q(sort_key=key.sort_key, id__gt=key.id)
    events = event_list(query=TimelineQuery()).filter(after).order_by("sort_key", "id")[:PAGE]

    assert "event_sort_key_idx" in plan(events)


def test_statements_page_on_their_own_sort_key_index():
    statements = statement_list(query=TimelineQuery()).order_by("sort_key", "id")[:PAGE]

    assert "statement_sort_key_idx" in plan(statements)


@pytest.mark.parametrize(
    ("query", "index"),
    [
        (TimelineQuery(kinds=["negotiation_round"]), "event_kind_sort_idx"),
        (TimelineQuery(statuses=["planned"]), "event_status_sort_idx"),
    ],
)
def test_event_vocabulary_filters_use_their_composite_index(query, index):
    events = event_list(query=query).order_by("sort_key", "id")[:PAGE]

    assert index in plan(events)


def test_the_venue_filter_uses_an_index_on_venue():
    events = event_list(query=TimelineQuery(venue=Venue.objects.get(slug="united-arab-emirates")))

    assert "event_venue_sort_idx" in plan(events.order_by("sort_key", "id")[:PAGE])


def test_the_actor_filter_is_an_exists_on_an_indexed_participation_table_not_a_distinct():
    russia = Actor.objects.get(slug="russia")
    events = event_list(query=TimelineQuery(actors=[russia])).order_by("sort_key", "id")[:PAGE]

    sql = str(events.query).upper()
    assert "EXISTS" in sql and "DISTINCT" not in sql
    assert re.search(r"participation_(actor_event_idx|unique)", plan(events))


def test_full_text_search_uses_the_stored_vectors_gin_index_on_postgresql_and_a_substring_on_sqlite():
    events = event_list(query=TimelineQuery(q="prisoners")).order_by("sort_key", "id")[:PAGE]

    if connection.vendor == "postgresql":
        assert "timeline_event_search_idx" in plan(events)
    else:
        assert "LIKE" in str(events.query).upper()
