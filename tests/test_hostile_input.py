"""Hostile and careless input on every route and every documented parameter: a 4xx problem naming it, never a 500.

The table: for each GET route of the OpenAPI schema (plus the schema and docs routes), each of its documented
parameters is sent malformed, empty, blank, repeated, with a NUL, `%ff`, non-ASCII digits, 10,000 characters,
SQL and HTML fragments, and (for cursors) nested, foreign and re-filtered cursors. Each answer must be the
promised one: the status, `application/problem+json`, and the parameter named in `errors`.
"""

import base64
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from rest_framework.test import APIClient
from rest_framework.throttling import AnonRateThrottle

pytestmark = pytest.mark.usefixtures("seeded", "unthrottled")


@pytest.fixture
def unthrottled(monkeypatch):
    """Hundreds of requests from one client: the rate limit (tested on its own) stays out of the way."""
    monkeypatch.setattr(AnonRateThrottle, "rate", "100000/minute", raising=False)


SLUGS = {
    "/api/v1/events/{slug}/": "uae-talks-first-round",
    "/api/v1/statements/{slug}/": "moscow-demands-reciprocal-guarantees",
    "/api/v1/actors/{slug}/": "alexander-grushko",
    "/api/v1/actors/{slug}/timeline/": "alexander-grushko",
    "/api/v1/venues/{slug}/": None,
    "/api/v1/topics/{slug}/": "nato-membership",
    "/api/v1/sources/{slug}/": None,
}
EXTRA_ROUTES = {"/api/schema/": ["format"], "/api/docs/": [], "/api/redoc/": []}

# (label, raw query value, already percent-encoded). Every value here is wrong for a parameter that is not free
# text; `q` (free text) may answer 200 to the ones a search can hold.
MALFORMED = [
    ("sql", quote("1' OR '1'='1; DROP TABLE timeline_event; --")),
    ("html", quote('<script>alert("x")</script>')),
    ("invalid utf-8", "%ff"),
    ("superscript digit", "%C2%B2"),
    ("arabic-indic digit", "%D9%A3"),
    ("fullwidth digits", "%EF%BC%92%EF%BC%90"),
]
ALWAYS_REFUSED = [
    ("empty", ""),
    ("blank", "%20%20"),
    ("NUL", "a%00b"),
]
FREE_TEXT = {"q", "text"}


def first_slug(api, list_path: str) -> str:
    return api.get(list_path, {"page_size": 1}).json()["results"][0]["slug"]


def get_routes(api) -> dict[str, list[dict]]:
    """Every GET route of the schema, with a real slug in its path, and its documented parameters."""
    schema = api.get("/api/schema/", {"format": "json"}).json()
    routes = {}
    for template, operations in schema["paths"].items():
        if "get" not in operations:
            continue
        path = template
        if "{slug}" in template:
            slug = SLUGS.get(template) or first_slug(api, template.split("{slug}")[0])
            path = template.replace("{slug}", slug)
        path = path.replace("{kind}", "not-found")
        parameters = [p for p in operations["get"].get("parameters", []) if p["in"] == "query"]
        routes[path] = parameters
    for path, names in EXTRA_ROUTES.items():
        routes[path] = [{"name": name, "schema": {"type": "string"}} for name in names]
    return routes


def problem_names(response) -> set[str]:
    return {error.get("parameter") for error in response.json().get("errors", [])}


def check(api, path: str, query: str, *, status: int | set[int], parameter: str | None, failures: list) -> None:
    response = api.get(f"{path}?{query}")
    statuses = {status} if isinstance(status, int) else status
    problem = response.status_code >= 400
    wrong = []
    if response.status_code not in statuses:
        wrong.append(f"status {response.status_code}")
    if problem and response["Content-Type"] != "application/problem+json":
        wrong.append(f"content type {response['Content-Type']}")
    if problem and response.status_code in (400, 414) and parameter and parameter not in problem_names(response):
        wrong.append(f"errors name {problem_names(response)}")
    if wrong:
        failures.append(f"{path}?{query[:80]}: {', '.join(wrong)}")


def hostile_queries(parameter: dict):
    """(query, accepted statuses) for one documented parameter."""
    name = parameter["name"]
    is_array = parameter.get("schema", {}).get("type") == "array" or parameter.get("explode") is True
    for _, value in ALWAYS_REFUSED:
        yield f"{name}={value}", 400
    yield f"{name}={'x' * 10_000}", 414
    if not is_array:
        yield f"{name}=1&{name}=1", 400
    for _, value in MALFORMED:
        if name == "format":
            yield f"{name}={value}", 406
        elif name in FREE_TEXT:
            yield f"{name}={value}", {200, 400}
        else:
            yield f"{name}={value}", 400


def test_every_route_answers_hostile_input_on_every_parameter_with_a_problem_naming_it(api, django_user_model):
    failures = []
    routes = get_routes(api)
    # Routes for editors only answer 401 before they read a parameter: they are tried as an editor.
    editor_api = APIClient()
    editor_api.force_authenticate(django_user_model.objects.create_superuser("hostile-editor", password=None))
    assert len(routes) >= 18, sorted(routes)
    for path, parameters in routes.items():
        assert "format" in {p["name"] for p in parameters} or path in ("/api/docs/", "/api/redoc/"), path
        client = editor_api if path.endswith(("/proposals/", "/history/")) else api
        for parameter in parameters:
            for query, status in hostile_queries(parameter):
                check(client, path, query, status=status, parameter=parameter["name"], failures=failures)
        for query in ("=1", "unknown=1", "%ff=1", "a%00=1"):
            expected_name = "(empty name)" if query.startswith("=") else None
            check(client, path, query, status=400, parameter=expected_name, failures=failures)

    assert not failures, "\n".join(failures)


def cursor_of(link: str) -> str:
    return parse_qs(urlsplit(link).query)["cursor"][0]


@pytest.mark.parametrize("path", ["/api/v1/timeline/", "/api/v1/events/", "/api/v1/statements/"])
def test_hostile_cursors_are_400_cursor_problems(api, path):
    events_cursor = cursor_of(api.get("/api/v1/events/", {"page_size": 1}).json()["next"])
    statements_cursor = cursor_of(api.get("/api/v1/statements/", {"page_size": 1}).json()["next"])
    filtered_cursor = cursor_of(api.get(path, {"page_size": 1, "dated": "true"}).json()["next"])
    nested = base64.urlsafe_b64encode(b"[" * 1500).decode()
    nested_in_signed = f"{nested}:{events_cursor.rsplit(':', 1)[-1]}"
    cursors = [
        nested,
        nested_in_signed,
        filtered_cursor,
        events_cursor + "x",
        "%ff",
        quote("' OR 1=1 --"),
    ]
    cursors.append(statements_cursor if path == "/api/v1/events/" else events_cursor)
    failures = []

    for cursor in cursors:
        # A cursor too long to read at all is refused by the query-string limit (414), naming `cursor` too.
        check(api, path, f"cursor={quote(cursor, safe='%')}", status={400, 414}, parameter="cursor", failures=failures)
    check(api, path, f"dated=false&cursor={quote(filtered_cursor)}", status=400, parameter="cursor", failures=failures)

    assert not failures, "\n".join(failures)
