"""The OpenAPI schema validates and documents every parameter and error; the docs work offline."""

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from openapi_spec_validator import validate

TIMELINE_PARAMETERS = {
    "actor",
    "venue",
    "country",
    "kind",
    "status",
    "topic",
    "type",
    "precision",
    "q",
    "date_after",
    "date_before",
    "dated",
    "ordering",
    "cursor",
    "page_size",
}


@pytest.fixture
def schema(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


@pytest.mark.django_db
def test_schema_is_valid_openapi_3(schema):
    validate(schema)
    assert schema["openapi"].startswith("3.")


@pytest.mark.django_db
def test_timeline_documents_every_filter_and_its_vocabularies(schema):
    operation = schema["paths"]["/api/v1/timeline/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in operation["parameters"]}

    assert set(parameters) >= TIMELINE_PARAMETERS
    for name in TIMELINE_PARAMETERS:
        assert parameters[name].get("description"), name
    assert set(parameters["status"]["schema"]["items"]["enum"]) == {"occurred", "agreed", "planned", "reported"}
    assert set(parameters["precision"]["schema"]["enum"]) == {"day", "week", "month", "year", "unknown"}
    assert parameters["page_size"]["schema"]["maximum"] == 200


@pytest.mark.django_db
def test_every_operation_documents_its_problem_responses(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            for status in ("400", "404", "405", "406", "429"):
                content = operation["responses"][status]["content"]
                assert "application/problem+json" in content, (path, method, status)


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/api/docs/", "/api/redoc/"])
def test_docs_pages_load_their_assets_locally_not_from_a_cdn(client, page):
    html = client.get(page).content.decode()

    assets = re.findall(r"""(?:src|href)=["']([^"']+\.(?:js|css|png))""", html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        assert finders.find(asset.removeprefix("/static/")), asset
    assert "cdn." not in html and "unpkg" not in html


def test_the_schema_documents_dated_false_and_a_page_from_one(api):
    schema = api.get("/api/schema/", {"format": "json"}).json()

    def parameter(path: str, name: str) -> dict:
        return next(p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name)

    assert "false: only entries with no known date" in parameter("/api/v1/timeline/", "dated")["description"]
    assert parameter("/api/v1/actors/", "page")["schema"]["minimum"] == 1
