import pytest


@pytest.fixture(autouse=True)
def _plain_http_test_client(settings):
    """Tests speak plain HTTP to the app; the TLS redirect has tests of its own that turn it back on."""
    settings.SECURE_SSL_REDIRECT = False
