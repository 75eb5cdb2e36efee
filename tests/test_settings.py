"""Settings come from the environment: each case evaluates config/settings.py afresh with its own environment."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
SETTINGS_FILE = PROJECT_DIR / "config" / "settings.py"
READ_FROM_THE_ENVIRONMENT = {"DATABASE_URL", "CACHE_URL", "DJANGO_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
READ_FROM_THE_ENVIRONMENT |= {"CORS_ALLOWED_ORIGINS", "SECURE_HSTS_PRELOAD"}


def evaluate_settings(environment: dict[str, str]) -> dict:
    """The settings module's values under `environment` (the variables it reads are cleared first)."""
    with pytest.MonkeyPatch.context() as patch:
        for key in READ_FROM_THE_ENVIRONMENT:
            patch.delenv(key, raising=False)
        for key, value in environment.items():
            patch.setenv(key, value)
        return runpy.run_path(str(SETTINGS_FILE))


def settings_for(environment: dict[str, str]) -> dict:
    values = evaluate_settings(environment)
    database = values["DATABASES"]["default"]
    return {
        "engine": database["ENGINE"],
        "name": str(database["NAME"]),
        "conn_max_age": database["CONN_MAX_AGE"],
        "health_checks": database["CONN_HEALTH_CHECKS"],
        "cache": values["CACHES"]["default"]["BACKEND"],
        "debug": values["DEBUG"],
        "hosts": values["ALLOWED_HOSTS"],
        "cors": values["CORS_ALLOWED_ORIGINS"],
        "ssl_redirect": values["SECURE_SSL_REDIRECT"],
        "use_tz": values["USE_TZ"],
        "tz": values["TIME_ZONE"],
    }


def test_production_refuses_to_start_without_a_secret_key():
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        evaluate_settings({})


def test_debug_is_off_unless_asked_for_and_then_a_development_key_is_allowed():
    assert settings_for({"SECRET_KEY": "x" * 50})["debug"] is False
    assert settings_for({"DJANGO_DEBUG": "1"})["debug"] is True


def test_without_database_url_the_embedded_sqlite_file_lives_under_the_project():
    values = settings_for({"SECRET_KEY": "x" * 50})

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"].startswith(str(PROJECT_DIR))


def test_database_url_selects_postgresql_with_persistent_health_checked_connections():
    values = settings_for({"SECRET_KEY": "x" * 50, "DATABASE_URL": "postgres://u:p@db.example:5432/chronicle"})

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "chronicle"
    assert values["conn_max_age"] > 0
    assert values["health_checks"] is True


def test_cache_is_local_memory_by_default_and_redis_from_cache_url():
    assert settings_for({"SECRET_KEY": "x" * 50})["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    redis = settings_for({"SECRET_KEY": "x" * 50, "CACHE_URL": "redis://127.0.0.1:6379/1"})
    assert redis["cache"] == "django.core.cache.backends.redis.RedisCache"


def test_hosts_and_cors_origins_are_lists_from_the_environment():
    values = settings_for(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "a.example,b.example",
            "CORS_ALLOWED_ORIGINS": "https://app.example,https://b.example",
        }
    )

    assert values["hosts"] == ["a.example", "b.example"]
    assert values["cors"] == ["https://app.example", "https://b.example"]


def test_production_redirects_to_tls_and_keeps_time_in_utc():
    values = settings_for({"SECRET_KEY": "x" * 50})

    assert values["ssl_redirect"] is True
    assert values["use_tz"] is True
    assert values["tz"] == "UTC"


def test_hsts_preload_is_off_unless_a_deployer_asks_for_it_and_only_then_is_its_reminder_heard():
    default = evaluate_settings({"SECRET_KEY": "x" * 50})
    asked = evaluate_settings({"SECRET_KEY": "x" * 50, "SECURE_HSTS_PRELOAD": "1"})

    assert default["SECURE_HSTS_PRELOAD"] is False
    assert default["SECURE_HSTS_SECONDS"] >= 60 * 60 * 24 * 365
    assert "security.W021" in default["SILENCED_SYSTEM_CHECKS"]
    assert asked["SECURE_HSTS_PRELOAD"] is True
    assert "security.W021" not in asked["SILENCED_SYSTEM_CHECKS"]
