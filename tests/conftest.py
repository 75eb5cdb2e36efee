import pytest
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
def api():
    return APIClient()
