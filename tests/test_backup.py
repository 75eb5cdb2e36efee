"""Backups: `manage.py backup` and `restore` (and `make backup` / `make restore`) give back the same API."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import psycopg
import pytest
import yaml
from django.core.management import CommandError, call_command
from django.db import connection

from tests.conftest import delete_timeline_data
from timeline.backup import yaml_backup_create, yaml_backup_restore
from timeline.models import Event, Source

PROJECT_DIR = Path(__file__).resolve().parent.parent
API_READS = [
    "/api/v1/timeline/",
    "/api/v1/timeline/?format=csv",
    "/api/v1/events/",
    "/api/v1/statements/",
    "/api/v1/actors/",
    "/api/v1/venues/",
    "/api/v1/topics/",
    "/api/v1/sources/",
    "/api/v1/events/uae-talks-second-round/",
]


def api_answers(api) -> dict[str, bytes]:
    answers = {}
    for url in API_READS:
        response = api.get(url)
        assert response.status_code == 200, url
        answers[url] = response.content
    return answers


def test_a_yaml_backup_restores_into_an_empty_database_with_identical_api_output(seeded, api, tmp_path):
    before = api_answers(api)
    backup = tmp_path / "chronicle.yaml"
    yaml_backup_create(path=backup)
    delete_timeline_data()
    assert not Event.objects.exists()

    yaml_backup_restore(path=backup)

    assert api_answers(api) == before


def test_a_yaml_backup_leaves_out_content_types_permissions_and_sessions(seeded, tmp_path):
    backup = tmp_path / "chronicle.yaml"
    yaml_backup_create(path=backup)

    models = {record["model"] for record in yaml.safe_load(backup.read_text())}

    assert "timeline.event" in models
    assert not models & {"contenttypes.contenttype", "auth.permission", "sessions.session"}


def test_restore_refuses_a_database_that_already_holds_timeline_data(seeded, tmp_path):
    backup = tmp_path / "chronicle.yaml"
    backup.write_text("[]\n")

    with pytest.raises(CommandError, match="already holds timeline data"):
        call_command("restore", str(backup), stdout=StringIO())

    assert Source.objects.exists()


def test_restore_names_a_missing_backup(empty_database, tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "missing.dump"), stdout=StringIO())


# --- The whole round trip, as a deployer runs it, on both engines ------------------------------------------


def manage(*arguments: str, database_url: str) -> subprocess.CompletedProcess:
    environment = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "backup-test",
        "SECURE_SSL_REDIRECT": "0",
        "ALLOWED_HOSTS": "testserver",
    }
    return subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=PROJECT_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )


API_OUTPUT = (
    "import json; from django.test import Client; c = Client(); "
    f"print(json.dumps({{u: [c.get(u).status_code, c.get(u).content.decode()] for u in {API_READS!r}}}))"
)


@pytest.fixture
def two_databases(tmp_path):
    """A database to back up and an empty one to restore into: scratch PostgreSQL databases or SQLite files."""
    if connection.vendor != "postgresql":
        yield f"sqlite:///{tmp_path / 'original.sqlite3'}", f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        return
    settings = connection.settings_dict
    server = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}"
    names = [f"chronicle_backup_{os.getpid()}_{which}" for which in ("original", "restored")]
    with psycopg.connect(f"{server}/postgres", autocommit=True) as server_connection:
        for name in names:
            server_connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
            server_connection.execute(f'CREATE DATABASE "{name}"')
        yield tuple(f"{server}/{name}" for name in names)
        for name in names:
            server_connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.system
def test_backup_then_restore_into_an_empty_database_gives_the_same_api(two_databases, tmp_path):
    original, restored = two_databases
    manage("migrate", "--noinput", database_url=original)
    manage("load_seed_data", database_url=original)
    backup = tmp_path / ("chronicle.yaml" if original.startswith("sqlite") else "chronicle.dump")
    manage("backup", str(backup), database_url=original)
    if restored.startswith("sqlite"):
        manage("migrate", "--noinput", database_url=restored)

    manage("restore", str(backup), database_url=restored)

    answers = [
        json.loads(manage("shell", "-c", API_OUTPUT, database_url=url).stdout.splitlines()[-1]) for url in two_databases
    ]
    assert answers[0] == answers[1]
    assert all(status == 200 for status, _ in answers[1].values())
    assert '"uae-talks-second-round"' in answers[1]["/api/v1/events/"][1]
