"""Chronicle settings, read from the environment (twelve-factor) through django-environ.

Every value a deployment changes is an environment variable; the defaults are safe for production
except where `DJANGO_DEBUG` is on. `make run` sets the local development defaults.
"""

from pathlib import Path

import environ
from corsheaders.defaults import default_headers
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

# --- Core --------------------------------------------------------------------------------------

DEBUG = env.bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env.str("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set SECRET_KEY in the environment (a long random string), "
            "or set DJANGO_DEBUG=1 for local development only."
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1"] if DEBUG else [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "corsheaders",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "django_countries",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "timeline",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    # Inside CORS (a 304 gets CORS headers too), outside sessions and CSRF (it sees the cookies they set).
    "timeline.api.caching.HTTPCachingMiddleware",
    # Before anything reads the query string (and inside caching, so that its 414 is `no-store`).
    "timeline.api.limits.QueryStringLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Innermost, so that it sees a cancelled query first and the others still dress its 503.
    "timeline.api.errors.QueryTimeoutMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# --- Database ----------------------------------------------------------------------------------
# DATABASE_URL selects PostgreSQL (postgres://user:pass@host:5432/name); unset, an embedded SQLite
# file in the project folder is used so that `make run` works on a bare machine.

DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# PostgreSQL cancels a statement that runs longer than this (0: never), and the API answers 503. It must stay
# below gunicorn's worker timeout (gunicorn.conf.py), which kills the worker without answering.
DATABASE_STATEMENT_TIMEOUT_MS = env.int("DATABASE_STATEMENT_TIMEOUT_MS", default=20_000)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", env.int("DATABASE_CONNECT_TIMEOUT", 5))
    DATABASES["default"]["OPTIONS"]["options"] = f"-c statement_timeout={DATABASE_STATEMENT_TIMEOUT_MS}"

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache -------------------------------------------------------------------------------------
# Local memory by default; CACHE_URL=redis://127.0.0.1:6379/0 shares the cache (and so the throttle
# counters) between all workers.

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://chronicle")}

# --- Passwords: editors log into the admin ---------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# --- Internationalisation and time -------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- Static files (served by whitenoise) -------------------------------------------------------

STATIC_URL = "static/"
# Production collects into staticfiles/ with a manifest (hashed names). `make run` (debug) collects into its own
# folder, without a manifest, so that a production server started on the same checkout never finds a
# manifest-less staticfiles/ (which would turn every HTML page into a 500).
STATIC_ROOT = BASE_DIR / ("staticfiles-debug" if DEBUG else "staticfiles")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security: TLS ends at a proxy in front of us ----------------------------------------------

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# The load balancer's health check speaks plain HTTP to the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
# Preload is a commitment a deployer makes for the whole domain (leaving the browsers' list takes months), so it
# is asked for, never a default. While it is off, `check --deploy` warns (security.W021): that warning is silenced
# for exactly that case, so that `check --deploy --fail-level WARNING` stays clean and meaningful.
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
X_FRAME_OPTIONS = "DENY"

# --- CORS --------------------------------------------------------------------------------------

CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_CREDENTIALS = False  # never with a wildcard origin: the API is public, editors use tokens
CORS_EXPOSE_HEADERS = ["ETag", "Last-Modified", "Location", "Retry-After"]
CORS_ALLOW_HEADERS = (*default_headers, "if-match", "if-none-match", "if-modified-since")

# --- Logging: one line per record on stderr, for the container's log collector ----------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# --- REST API ----------------------------------------------------------------------------------
# Reads are public; writes need an editor's token. Errors are RFC 9457 problem details.

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    # The browsable API (`format=api`, HTML) is a development aid: served only under DJANGO_DEBUG.
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        *(["rest_framework.renderers.BrowsableAPIRenderer"] if DEBUG else []),
    ],
    "DEFAULT_FILTER_BACKENDS": ["timeline.api.filters.StrictFilterBackend"],
    "DEFAULT_CONTENT_NEGOTIATION_CLASS": "timeline.api.negotiation.StrictContentNegotiation",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "timeline.api.problems.problem_exception_handler",
    "UNAUTHENTICATED_USER": None,
    # Anonymous clients, counted in the default cache (CACHE_URL: shared by all workers when it is Redis).
    # Authenticated clients have their own, higher rate, counted per account.
    "DEFAULT_THROTTLE_CLASSES": [
        "timeline.api.throttling.AnonymousRateThrottle",
        "timeline.api.throttling.AuthenticatedRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env.str("API_ANON_RATE", default="120/minute"),
        "user": env.str("API_USER_RATE", default="600/minute"),
    },
    # Proxies in front of us that append to X-Forwarded-For. 0 (default): the client is REMOTE_ADDR and
    # X-Forwarded-For is ignored, since a client could forge it. Behind one proxy (docker-compose): 1.
    "NUM_PROXIES": env.int("NUM_PROXIES", default=0),
}

# Public reads may be cached this many seconds by browsers and shared caches (ETag revalidates them).
API_CACHE_MAX_AGE = env.int("API_CACHE_MAX_AGE", default=60)
# The longest query string the API reads (bytes); longer is a 414 problem. Below gunicorn's 4094-byte request line.
MAX_QUERY_STRING_BYTES = env.int("MAX_QUERY_STRING_BYTES", default=3584)
# The most entries one export (?format=timelinejs|ics|csv|geojson) holds; more is a 400.
EXPORT_MAX_ENTRIES = env.int("EXPORT_MAX_ENTRIES", default=5000)

SPECTACULAR_SETTINGS = {
    "TITLE": "Chronicle API",
    "DESCRIPTION": (
        "A queryable, cited timeline of events, actors, statements and venues built from news reporting. "
        "Every event and statement cites verbatim spans of its source; dates keep the words as written "
        "and are resolved into earliest/latest bounds with a precision and a basis."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "timeline.api.schema.add_problem_responses",
        "timeline.api.schema.add_format_parameter",
        "timeline.api.schema.forbid_blank_parameters",
        "timeline.api.exports.add_export_schemas",
    ],
    "ENUM_NAME_OVERRIDES": {
        "DatePrecisionEnum": "timeline.choices.DatePrecision",
        "DateBasisEnum": "timeline.choices.DateBasis",
        "EventKindEnum": "timeline.choices.EventKind",
        "EventStatusEnum": "timeline.choices.EventStatus",
        "ActorKindEnum": "timeline.choices.ActorKind",
        "VenueKindEnum": "timeline.choices.VenueKind",
        "ProvenanceBasisEnum": "timeline.choices.ProvenanceBasis",
        "InferenceBasisEnum": "timeline.choices.InferenceBasis",
    },
}
