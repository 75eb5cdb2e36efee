"""Every list runs a constant number of SQL queries, whatever the page size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ActorFactory,
    CitationFactory,
    EventFactory,
    ParticipationFactory,
    StatementFactory,
    TopicFactory,
)

pytestmark = pytest.mark.usefixtures("seeded")

LISTS = [
    "/api/v1/timeline/",
    "/api/v1/timeline/?actor=russia&topic=security-guarantees&date_after=2026-01-01",
    "/api/v1/actors/alexander-grushko/timeline/",
    "/api/v1/events/",
    "/api/v1/events/?venue=united-arab-emirates",
    "/api/v1/statements/",
    "/api/v1/actors/",
    "/api/v1/venues/",
    "/api/v1/topics/",
    "/api/v1/sources/",
]


def queries_for(api, url: str, page_size: int) -> int:
    separator = "&" if "?" in url else "?"
    with CaptureQueriesContext(connection) as captured:
        response = api.get(f"{url}{separator}page_size={page_size}")
    assert response.status_code == 200, response.content
    return len(captured)


@pytest.fixture
def many_items(seeded):
    """Extra events and statements, each with participants, topics and citations, so that a page of 40 holds
    many more embedded rows than a page of 2."""
    topic = TopicFactory()
    for event in EventFactory.create_batch(15, topics=[topic]):
        ParticipationFactory(event=event)
        ParticipationFactory(event=event, actor=ActorFactory(), role="mediator")
        CitationFactory(event=event)
    for statement in StatementFactory.create_batch(15, topics=[topic]):
        CitationFactory(event=None, statement=statement)


@pytest.mark.usefixtures("many_items")
@pytest.mark.parametrize("url", LISTS)
def test_list_query_count_does_not_grow_with_the_page_size(api, url):
    small, large = queries_for(api, url, 2), queries_for(api, url, 40)

    assert small == large
    assert large <= 20
