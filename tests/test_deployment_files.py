"""No Docker engine runs in CI, so the deployment files are parsed and checked against the settings."""

import re
from pathlib import Path

import yaml

PROJECT_DIR = Path(__file__).resolve().parent.parent
COMPOSE = yaml.safe_load((PROJECT_DIR / "docker-compose.yml").read_text())
DOCKERFILE = (PROJECT_DIR / "Dockerfile").read_text()
SETTINGS_SOURCE = (PROJECT_DIR / "config" / "settings.py").read_text()


def settings_variables() -> set[str]:
    return set(re.findall(r"env(?:\.\w+)?\(\s*\"([A-Z_]+)\"", SETTINGS_SOURCE))


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
    assert "gunicorn config.wsgi" in web["command"]
    assert "runserver" not in web["command"]
    assert web["command"].index("migrate") < web["command"].index("load_seed_data") < web["command"].index("gunicorn")


def test_web_port_matches_the_gunicorn_bind_address():
    web = COMPOSE["services"]["web"]
    bind_port = re.search(r"--bind 0\.0\.0\.0:(\d+)", web["command"]).group(1)

    assert web["ports"] == [f"{bind_port}:{bind_port}"]


def test_web_is_configured_only_through_variables_the_settings_read():
    web_variables = set(COMPOSE["services"]["web"]["environment"])

    assert web_variables <= settings_variables()
    assert {"DATABASE_URL", "CACHE_URL", "SECRET_KEY", "ALLOWED_HOSTS"} <= web_variables
    assert COMPOSE["services"]["web"]["environment"]["CACHE_URL"].startswith("redis://redis:")
    assert "@db:5432/" in COMPOSE["services"]["web"]["environment"]["DATABASE_URL"]


def test_dockerfile_collects_static_files_at_build_time_and_runs_gunicorn():
    assert re.search(r"^RUN .*manage\.py collectstatic", DOCKERFILE, re.MULTILINE)
    assert "gunicorn config.wsgi:application" in DOCKERFILE
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in SETTINGS_SOURCE
