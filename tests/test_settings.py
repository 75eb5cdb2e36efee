"""Settings come from the environment; each case runs Django in a subprocess with its own environment."""

import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_ENVIRONMENT = {
    key: value
    for key, value in os.environ.items()
    if key not in {"DATABASE_URL", "CACHE_URL", "DJANGO_DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "CORS_ALLOWED_ORIGINS"}
}
PRINT_SETTINGS = (
    "import json, django; from django.conf import settings; django.setup(); "
    "print(json.dumps({'engine': settings.DATABASES['default']['ENGINE'], "
    "'name': str(settings.DATABASES['default']['NAME']), "
    "'conn_max_age': settings.DATABASES['default']['CONN_MAX_AGE'], "
    "'health_checks': settings.DATABASES['default']['CONN_HEALTH_CHECKS'], "
    "'cache': settings.CACHES['default']['BACKEND'], 'debug': settings.DEBUG, "
    "'hosts': settings.ALLOWED_HOSTS, 'cors': settings.CORS_ALLOWED_ORIGINS, "
    "'ssl_redirect': settings.SECURE_SSL_REDIRECT, 'use_tz': settings.USE_TZ, 'tz': settings.TIME_ZONE, "
    "'static_root': str(settings.STATIC_ROOT), 'renderers': settings.REST_FRAMEWORK['DEFAULT_RENDERER_CLASSES']}))"
)


def run_django(environment: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        cwd=PROJECT_DIR,
        env={**BASE_ENVIRONMENT, "DJANGO_SETTINGS_MODULE": "config.settings", **environment},
        capture_output=True,
        text=True,
        timeout=60,
    )


def settings_for(environment: dict[str, str]) -> dict:
    result = run_django(environment)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_production_refuses_to_start_without_a_secret_key():
    result = run_django({})

    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


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


def test_debug_collects_static_files_apart_from_production_and_alone_serves_the_browsable_api():
    production = settings_for({"SECRET_KEY": "x" * 50})
    debug = settings_for({"DJANGO_DEBUG": "1"})

    assert production["static_root"] != debug["static_root"]
    assert production["static_root"] == str(PROJECT_DIR / "staticfiles")
    assert not any("Browsable" in renderer for renderer in production["renderers"])
    assert any("Browsable" in renderer for renderer in debug["renderers"])
