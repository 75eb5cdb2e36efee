"""gunicorn settings: the one configuration the Dockerfile, docker-compose and `make bench` serve with.

Each value can be changed through the environment variable named beside it. The worker timeout stays above
the database's statement timeout (`DATABASE_STATEMENT_TIMEOUT_MS` in config/settings.py), so that a slow
query ends in a 503 answer rather than in a killed worker and a dropped connection.
"""

import os

bind = f"{os.environ.get('BIND_HOST', '0.0.0.0')}:{os.environ.get('PORT', '8000')}"

# Sync workers: each serves one request at a time and holds one database connection. Two per core is
# the usual start for an I/O-light API; WEB_CONCURRENCY sets the number.
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "sync"

# Seconds a worker may spend on one request before gunicorn kills it (GUNICORN_TIMEOUT).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5

# A worker is replaced after this many requests (plus jitter, so that they do not all restart at once):
# memory a long-lived process accumulates is given back.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "2000"))
max_requests_jitter = 200

# Request limits: an API request has a short line and few headers; anything larger is refused with 400.
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190

accesslog = "-"
errorlog = "-"
