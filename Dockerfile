# Production image: gunicorn behind a TLS-terminating proxy. Configured only through the environment
# (see README, "Configuration").
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PORT=8000

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# collectstatic needs settings to import; the key below never serves a request.
RUN SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 chronicle
USER chronicle

EXPOSE 8000
# Migrations may rebuild indexes on large tables: no statement timeout for them (it guards requests).
CMD ["sh", "-c", "DATABASE_STATEMENT_TIMEOUT_MS=0 python manage.py migrate --noinput && python manage.py load_seed_data && exec gunicorn --config gunicorn.conf.py config.wsgi:application"]
