"""Throttling of API requests, counted in the shared cache: anonymous clients by address, accounts by id."""

import logging
import math

from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

logger = logging.getLogger(__name__)


class FailOpenThrottleMixin:
    """Fails open: if the cache that counts requests is down, requests go through (and it is logged) rather than
    every API read failing with a 500 while the data is fine. `wait()` is never None, so a 429 always carries
    Retry-After, even after the rate was lowered below the requests already counted."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.exception("The throttle could not reach the cache; letting the request through.")
            return True

    def wait(self):
        """Whole seconds until a request would be allowed again: until enough counted requests have expired."""
        if not self.num_requests or len(self.history) < self.num_requests:
            return max(1, math.ceil(self.duration))
        expires = self.history[self.num_requests - 1] + self.duration
        return max(1, math.ceil(expires - self.now))


class AnonymousRateThrottle(FailOpenThrottleMixin, AnonRateThrottle):
    """Anonymous clients, at `API_ANON_RATE`."""


class AuthenticatedRateThrottle(FailOpenThrottleMixin, UserRateThrottle):
    """Authenticated clients (any account), at `API_USER_RATE`; anonymous ones are the other throttle's."""

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return super().get_cache_key(request, view)
