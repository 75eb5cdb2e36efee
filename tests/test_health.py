import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_DIR = Path(__file__).resolve().parent.parent


@pytest.mark.django_db
def test_healthz_reports_ok_when_the_database_answers(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_is_exempt_from_the_tls_redirect_but_the_api_is_not(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/healthz").status_code == 200
    redirected = client.get("/admin/")
    assert redirected.status_code == 301
    assert redirected["Location"].startswith("https://")


def test_healthz_is_503_with_a_json_reason_when_the_database_is_down():
    """Runs the app in a subprocess pointed at a PostgreSQL port where nothing listens."""
    probe = (
        "import json; from django.test import Client; "
        "r = Client().get('/healthz'); "
        "print(json.dumps({'status': r.status_code, 'type': r['Content-Type'], 'body': r.json()}))"
    )
    environment = {
        **os.environ,
        "DATABASE_URL": "postgres://postgres@127.0.0.1:9/unreachable",
        "DATABASE_CONNECT_TIMEOUT": "2",
        "SECRET_KEY": "health-test",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", probe],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])

    assert outcome["status"] == 503
    assert outcome["type"] == "application/json"
    assert outcome["body"]["status"] == "unavailable"
    assert outcome["body"]["database"] == "unreachable"
