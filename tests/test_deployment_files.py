"""No Docker engine runs in CI, so the deployment files are parsed and checked against the settings."""

import re
import runpy
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())
DOCKERFILE = (PROJECT_DIR / "Dockerfile").read_text()
SETTINGS_SOURCE = (PROJECT_DIR / "config" / "settings.py").read_text()
GUNICORN_CONF = PROJECT_DIR / "gunicorn.conf.py"
GUNICORN_COMMAND = "gunicorn --config gunicorn.conf.py config.wsgi:application"


def settings_variables() -> set[str]:
    return set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", SETTINGS_SOURCE))


def gunicorn_variables() -> set[str]:
    return set(re.findall(r"os\.environ\.get\(\s*[\"']([A-Z_]+)[\"']", GUNICORN_CONF.read_text()))


def gunicorn_settings(monkeypatch, **environment) -> dict:
    for name in gunicorn_variables():
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_compose_has_postgres_redis_and_web_services():
    assert set(COMPOSE["services"]) == {"db", "redis", "web"}
    assert COMPOSE["services"]["db"]["image"].startswith("postgres:")
    assert COMPOSE["services"]["redis"]["image"].startswith("redis:")


def test_database_keeps_its_data_in_a_named_volume_and_has_a_pg_isready_healthcheck():
    db = COMPOSE["services"]["db"]
    volume_name = db["volumes"][0].split(":")[0]

    assert volume_name in COMPOSE["volumes"]
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_web_waits_for_a_healthy_database_and_serves_with_gunicorn_not_runserver():
    web = COMPOSE["services"]["web"]

    assert web["build"] == "."
    assert web["depends_on"]["db"]["condition"] == "service_healthy"
    assert GUNICORN_COMMAND in web["command"]
    assert "runserver" not in web["command"]
    assert web["command"].index("migrate") < web["command"].index("load_seed_data") < web["command"].index("gunicorn")


def test_web_port_matches_the_gunicorn_bind_address(monkeypatch):
    web = COMPOSE["services"]["web"]
    monkeypatch.setenv("PORT", web["environment"]["PORT"])

    bind = runpy.run_path(str(GUNICORN_CONF))["bind"]

    assert bind == "0.0.0.0:8000"
    assert web["ports"] == ["8000:8000"]


def test_web_is_configured_only_through_variables_the_settings_read():
    web_variables = set(COMPOSE["services"]["web"]["environment"])

    assert web_variables <= settings_variables() | gunicorn_variables()
    assert {"DATABASE_URL", "CACHE_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= web_variables
    assert COMPOSE["services"]["web"]["environment"]["CACHE_URL"].startswith("redis://redis:")
    assert "@db:5432/" in COMPOSE["services"]["web"]["environment"]["DATABASE_URL"]


def test_dockerfile_collects_static_files_at_build_time_and_runs_gunicorn():
    assert re.search(r"^RUN .*manage\.py collectstatic", DOCKERFILE, re.MULTILINE)
    assert GUNICORN_COMMAND in DOCKERFILE
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in SETTINGS_SOURCE


def test_the_dockerfile_and_compose_serve_with_the_one_gunicorn_configuration():
    assert GUNICORN_COMMAND in DOCKERFILE
    assert GUNICORN_COMMAND in COMPOSE["services"]["web"]["command"]
    assert "--workers" not in DOCKERFILE + COMPOSE["services"]["web"]["command"]


def test_gunicorn_sets_timeout_workers_and_request_limits_deliberately(monkeypatch):
    conf = gunicorn_settings(monkeypatch)

    assert conf["worker_class"] == "sync"
    assert conf["workers"] == 2
    assert conf["timeout"] == 30
    assert conf["max_requests"] > 0 and conf["max_requests_jitter"] > 0
    assert conf["limit_request_line"] <= 8190 and conf["limit_request_fields"] <= 100


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    conf = gunicorn_settings(
        monkeypatch, WEB_CONCURRENCY="5", GUNICORN_TIMEOUT="60", PORT="9000", BIND_HOST="127.0.0.1"
    )

    assert (conf["workers"], conf["timeout"], conf["bind"]) == (5, 60, "127.0.0.1:9000")


def test_the_database_gives_up_on_a_query_before_gunicorn_gives_up_on_the_worker(monkeypatch):
    statement_timeout_ms = int(re.search(r'"DATABASE_STATEMENT_TIMEOUT_MS", default=([\d_]+)', SETTINGS_SOURCE)[1])

    assert statement_timeout_ms / 1000 < gunicorn_settings(monkeypatch)["timeout"]


def test_migrations_run_without_the_request_paths_statement_timeout():
    for command in (DOCKERFILE, COMPOSE["services"]["web"]["command"]):
        assert "DATABASE_STATEMENT_TIMEOUT_MS=0 python manage.py migrate" in command
