"""The bench's floor: one hand-written PostgreSQL query per page that must return the API's entries exactly.

If a serializer gains a field, these tests fail until the floor's SQL gains it too: the bench would otherwise
compare the API against a floor that does less work.
"""

import json

import pytest
from django.core.management import call_command
from django.db import connection

from bench import floor, load
from timeline.models import Actor, Event, Statement, Venue

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor is PostgreSQL's own SQL")


def floor_results(path: str, **params):
    sql, values = floor.query_for(path, {"base": "http://testserver", **params})
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT floor.page::text FROM ({sql}) AS floor(page)", values)
        return json.loads(cursor.fetchone()[0])


@pytest.fixture
def generated(empty_database):
    call_command("generate_synthetic", events=150, verbosity=0)


@postgresql_only
def test_the_floor_returns_the_apis_first_timeline_page(generated, api):
    assert floor_results("/timeline") == api.get("/api/v1/timeline/").json()["results"]


@postgresql_only
def test_the_floor_returns_the_apis_page_after_a_position(generated, api):
    first = api.get("/api/v1/timeline/").json()
    last = first["results"][-1]
    model = Event if last["type"] == "event" else Statement
    position = model.objects.values_list("sort_key", "id").get(slug=last["slug"])

    second = api.get(first["next"]).json()["results"]

    assert floor_results("/timeline", after_type=last["type"], after_key=position[0], after_id=position[1]) == second


@postgresql_only
@pytest.mark.parametrize("plan", ["index", "few"])
def test_both_floor_plans_return_the_apis_page_for_an_actor(generated, api, plan):
    actor = Actor.objects.get(slug="synthetic-actor-1")

    expected = api.get(f"/api/v1/timeline/?actor={actor.slug}").json()["results"]

    assert expected
    assert floor_results("/timeline", actor=actor.id, plan=plan) == expected


@postgresql_only
def test_the_floor_returns_the_apis_page_for_a_search(generated, api):
    expected = api.get("/api/v1/timeline/?q=talks").json()["results"]

    assert floor_results("/timeline", q="talks", plan="index") == expected


@postgresql_only
def test_the_floor_returns_the_apis_events_at_a_venue_between_two_dates(generated, api):
    venue = Venue.objects.get(slug="synthetic-venue-1")
    query = {"date_after": "2018-01-01", "date_before": "2024-12-31"}

    expected = api.get(f"/api/v1/events/?venue={venue.slug}&date_after=2018-01-01&date_before=2024-12-31").json()

    assert floor_results("/events", venue=venue.id, **query) == expected["results"]


@postgresql_only
def test_the_floor_returns_the_apis_event_detail(generated, api):
    event = Event.objects.filter(statements__isnull=False).first()

    assert floor_results("/event", slug=event.slug) == api.get(f"/api/v1/events/{event.slug}/").json()


def test_percentiles_are_read_from_the_sorted_latencies():
    latencies = [0.3, 0.1, 0.2, 0.4]

    assert load.percentile(latencies, 0.5) == 0.3
    assert load.percentile(latencies, 0.99) == 0.4
