"""Schemathesis, in-process, against the app's own OpenAPI schema: every operation, every check, bounded examples
of schema-valid (positive) and schema-invalid (negative) requests.

Zero server errors and zero schema violations. Schema-valid input can still earn an honest 400 when the answer
depends on the data (an unknown slug, date_after later than date_before, a page past the end, a cursor from
elsewhere, the export cap): the "valid data accepted" check is wrapped, not switched off, so that it excuses a 400
only when every parameter its `errors` name is one of those.
"""

import itertools
import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from rest_framework.throttling import AnonRateThrottle
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

pytestmark = pytest.mark.usefixtures("seeded")

# Schema-valid values whose rejection depends on what is in the database, or on other parameters.
DATA_DEPENDENT_PARAMETERS = {"actor", "venue", "topic", "date_after", "date_before", "page", "cursor", "format"}
EXAMPLES_PER_OPERATION = 5


def _problem(response) -> dict:
    try:
        return json.loads(response.content)
    except ValueError:
        return {}


def query_too_long(response) -> bool:
    """The 414 problem of the documented query-string limit (`MAX_QUERY_STRING_BYTES`). OpenAPI cannot say how
    long a whole query may be, and a free-text value within its `maxLength` can pass the limit once encoded."""
    return response.status_code == 414 and _problem(response).get("type", "").endswith("/query-too-long")


def data_dependent_rejection(response) -> bool:
    """A 400 whose `errors` all name a data-dependent parameter (an unknown slug, a page past the end...), or
    the query-string limit's 414."""
    if query_too_long(response):
        return True
    if response.status_code != 400:
        return False
    errors = _problem(response).get("errors") or []
    return bool(errors) and all(error.get("parameter") in DATA_DEPENDENT_PARAMETERS for error in errors)


@schemathesis.check
def positive_data_acceptance_unless_data_dependent(ctx, response, case):
    """Schemathesis' own "valid data accepted" check, excusing only data-dependent 400s."""
    if data_dependent_rejection(response):
        return None
    return positive_data_acceptance(ctx, response, case)


@pytest.fixture
def app(settings, monkeypatch):
    """The project's WSGI application, serving inside the test's transaction (as Django's test client does)."""
    settings.ALLOWED_HOSTS = ["*"]
    monkeypatch.setattr(AnonRateThrottle, "rate", "100000/minute", raising=False)
    # Otherwise the end of each request closes the connection that holds the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schemathesis.check
def negative_data_rejection_counting_414(ctx, response, case):
    """Schemathesis' own "invalid data rejected" check; a 414 problem (a value too long to read) is a rejection too."""
    if response.status_code == 414:
        return None
    return negative_data_rejection(ctx, response, case)


def all_checks() -> list:
    load_all_checks()
    wrapped = {positive_data_acceptance, negative_data_rejection}
    wrappers = [positive_data_acceptance_unless_data_dependent, negative_data_rejection_counting_414]
    return [check for check in CHECKS.get_all() if check not in wrapped and check not in wrappers] + wrappers


def test_every_operation_passes_every_check_in_process(app):
    schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", app)
    checks = all_checks()
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 15

    for operation, mode in itertools.product(operations, GenerationMode):

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case):
            response = case.call(app=app)
            case.validate_response(response, checks=checks)

        run()
