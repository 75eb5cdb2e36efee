"""HTTP caching of the API (everything under /api/): validators, conditional GETs, Cache-Control and Vary.

- An item's `ETag` is strong, from its version (`timeline.api.etags`); any other `ETag` is weak,
  `W/"<SHA-256 of the body>"`: always right, whatever changed, because the body is the representation.
  `If-None-Match` (weak comparison, `*` too) answers 304 with the same validators.
- `Last-Modified` is when timeline data last changed, anywhere: a mark that every save, deletion and many-to-many
  change of a timeline model moves (signals, connected by `TimelineConfig.ready`), because a row's `updated_at`
  cannot show that an embedded object changed, a participant or topic was added or removed, or an item was
  deleted. Coarse (an unrelated change moves it too) but never too early. The mark lives in the configured cache
  (CACHE_URL, shared by every worker and management command); when the cache has lost it, "now" stands in,
  which costs a 200 but never gives a wrong 304. A process never claims a time before it started (a deploy can
  change any body). HTTP dates count whole seconds, so the mark is the second after the change and
  `If-Modified-Since` is compared with it (RFC 9110 forbids sending a time in the future: the header is capped
  at the request's time). `If-Modified-Since` counts only without `If-None-Match` (RFC 9110, 13.2.2).
- `Cache-Control`: `public, max-age=API_CACHE_MAX_AGE` on anonymous reads; `private, no-cache` when the request
  carries credentials or the response sets a cookie or is the browsable API's HTML; `no-store` on errors, whatever
  the method.
- `Vary: Accept, Origin, Authorization` on every API response.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.core.cache import cache
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date

from timeline.api.problems import problem_response

logger = logging.getLogger(__name__)

API_PREFIX = "/api/"
CHANGED_AT_KEY = "chronicle:data-changed-at"
DEFAULT_MAX_AGE = 60
VARY_ON = ("Accept", "Origin", "Authorization")


def _second_after(moment: float) -> int:
    return math.floor(moment) + 1


# A deploy can change any representation without changing data: nothing this process serves is older.
PROCESS_STARTED = _second_after(time.time())


# --- The data-changed mark ------------------------------------------------------------------------------


def data_changed_at() -> int:
    """Epoch seconds strictly after the last change to timeline data (or "now" when that is not known)."""
    mark = None
    try:
        mark = cache.get(CHANGED_AT_KEY)
        if mark is None:
            cache.add(CHANGED_AT_KEY, _second_after(time.time()), timeout=None)
            mark = cache.get(CHANGED_AT_KEY)
    except Exception:
        logger.exception("Could not read the data-changed mark from the cache; using the current time.")
    if mark is None:
        mark = _second_after(time.time())
    return max(mark, PROCESS_STARTED)


def note_data_changed() -> None:
    """Move the mark to the second after now (never backwards)."""
    moved = _second_after(time.time())
    try:
        mark = cache.get(CHANGED_AT_KEY)
        if mark is None or mark < moved:
            cache.set(CHANGED_AT_KEY, moved, timeout=None)
    except Exception:
        logger.exception("Could not move the data-changed mark in the cache: Last-Modified may lag this change.")


# --- The middleware -------------------------------------------------------------------------------------


def max_age() -> int:
    return getattr(settings, "API_CACHE_MAX_AGE", DEFAULT_MAX_AGE)


def weak_etag(content: bytes) -> str:
    return f'W/"{hashlib.sha256(content).hexdigest()}"'


class HTTPCachingMiddleware:
    """Validators, conditional GETs, Cache-Control and Vary for the API (see the module's docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX):
            return self.get_response(request)
        reading = request.method in ("GET", "HEAD")
        started = time.time()
        # Read before the body is made: a change while it is made must not be claimed by it.
        changed_at = data_changed_at() if reading else None
        response = self.get_response(request)
        patch_vary_headers(response, VARY_ON)
        if response.status_code >= 400:
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, no_store=True)
            return response
        if not reading:
            return response
        # A 304 from a view (an item's If-None-Match, answered without reading it) gets the same validators.
        if response.status_code not in (200, 304) or response.streaming:
            return response
        if not response.has_header("Cache-Control"):
            if self.is_private(request, response):
                patch_cache_control(response, private=True, no_cache=True)
            else:
                patch_cache_control(response, public=True, max_age=max_age())
        if not response.has_header("ETag"):
            response["ETag"] = weak_etag(response.content)
        response["Last-Modified"] = http_date(min(changed_at, math.floor(started)))
        if response.status_code == 304:
            return response
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=changed_at, response=response
        )
        if conditional.status_code == 412:
            failed = problem_response("precondition-failed", "The resource does not match the request's precondition.")
            patch_vary_headers(failed, VARY_ON)
            patch_cache_control(failed, no_store=True)
            return failed
        return conditional

    @staticmethod
    def is_private(request, response) -> bool:
        """Credentials asked, a cookie set, or HTML made for one user: not for shared caches."""
        if request.headers.get("Authorization") or response.cookies:
            return True
        if response.get("Content-Type", "").startswith("text/html"):
            return True
        user = getattr(request, "user", None)
        return bool(user is not None and user.is_authenticated)
