import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from rest_framework.test import APIClient


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
    """The seed article's data, loaded the way `make run` loads it."""
    call_command("load_seed_data", verbosity=0)


@pytest.fixture
def empty_database(db):
    """No timeline data: the seed is deleted inside this test's transaction (and comes back after it)."""
    for name in DELETION_ORDER:
        apps.get_model("timeline", name)._base_manager.all().delete()


# Rows that others point at with PROTECT go after what points at them.
DELETION_ORDER = ("Citation", "Participation", "Statement", "Event", "Actor", "Venue", "Topic", "Source")


@pytest.fixture
def api():
    return APIClient()
