"""Keyset pages seek in the (sort_key, id) index: the position is an index condition, not a filter.

Run with the planner's default settings on generated data after ANALYZE.
"""

import pytest
from django.core.management import call_command
from django.db import connection

from timeline.api.pagination import Position
from timeline.models import Event

postgresql_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's EXPLAIN")


def page_after(position: Position, *, descending: bool):
    order = ("-sort_key", "-id") if descending else ("sort_key", "id")
    return Event.objects.filter(position.strictly_beyond("event", descending)).order_by(*order)[:51]


@pytest.mark.parametrize("descending", [False, True])
def test_a_page_after_a_position_holds_exactly_the_rows_beyond_it(empty_database, descending):
    call_command("generate_synthetic", events=200, verbosity=0)
    ordered = list(Event.objects.order_by("sort_key", "id").values_list("sort_key", "id"))
    if descending:
        ordered.reverse()
    middle = ordered[100]

    rows = list(
        page_after(Position(middle[0], "event", middle[1]), descending=descending).values_list("sort_key", "id")
    )

    assert rows == ordered[101:152]


@postgresql_only
@pytest.mark.parametrize("descending", [False, True])
def test_a_deep_page_seeks_to_its_position_in_the_sort_index(empty_database, descending):
    call_command("generate_synthetic", events=2000, verbosity=0)
    middle = Event.objects.order_by("sort_key", "id").values_list("sort_key", "id")[1000]

    plan = page_after(Position(middle[0], "event", middle[1]), descending=descending).explain(analyze=True)

    assert "Index Cond: (ROW((sort_key)::text, id)" in plan
    assert "Rows Removed by Filter" not in plan
