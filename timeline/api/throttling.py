"""Throttling of anonymous reads, counted in the shared cache."""

import logging

from rest_framework.throttling import AnonRateThrottle

logger = logging.getLogger(__name__)


class AnonymousRateThrottle(AnonRateThrottle):
    """DRF's anonymous rate throttle, failing open: if the cache that counts requests is down, requests go
    through (and it is logged) rather than every API read failing with a 500 while the data is fine."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except Exception:
            logger.exception("The throttle could not reach the cache; letting the request through.")
            return True
