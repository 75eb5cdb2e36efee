import os
import time

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from hypothesis import settings as hypothesis_settings
from rest_framework.test import APIClient

# Property tests: enough examples to find the classes of input that break a rule, without a deadline that a
# busy CI machine would trip on. `HYPOTHESIS_PROFILE=thorough` runs ten times as many.
hypothesis_settings.register_profile("default", max_examples=60, deadline=None)
hypothesis_settings.register_profile("thorough", max_examples=600, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The seed article's data is loaded once per test run, into the test database every test starts from.

    Each test runs in a transaction that is rolled back, so what a test changes never reaches the next one.
    """
    with django_db_blocker.unblock():
        call_command("load_seed_data", verbosity=0)


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings):
    """Tests speak plain HTTP to the app; the TLS redirect has tests of its own that turn it back on.

    Static files are not collected for tests, so they are found where the apps keep them (the manifest
    storage used in production is filled by collectstatic at build time).
    """
    settings.SECURE_SSL_REDIRECT = False
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: no throttle counts or data-changed mark from an earlier test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def seeded(db):
    """The seed article's data, loaded the way `make run` loads it (once per run: see `django_db_setup`)."""


@pytest.fixture
def empty_database(db):
    """No timeline data: the seed is deleted inside this test's transaction (and comes back after it)."""
    delete_timeline_data()


def delete_timeline_data() -> None:
    # One DELETE per table, without the ORM's collector (which refuses rows that PROTECT each other): the
    # foreign keys are checked at the end of the test, when nothing points at a deleted row any more.
    for model in apps.get_app_config("timeline").get_models(include_auto_created=True):
        rows = model._base_manager.all()
        rows._raw_delete(rows.db)


class Clock:
    """A clock that moves only when a test says so: HTTP dates count whole seconds, tests need not wait."""

    def __init__(self):
        self.now = time.time()

    def time(self) -> float:
        return self.now

    def advance(self, seconds: float = 1.0) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch):
    """Controls the time that HTTP caching sees (Last-Modified, If-Modified-Since)."""
    controlled = Clock()
    monkeypatch.setattr("timeline.api.caching.time", controlled)
    return controlled


@pytest.fixture
def api():
    return APIClient()
