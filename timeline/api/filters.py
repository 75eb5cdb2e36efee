"""The filter backend: django-filter. Unknown parameters are refused before it runs (`api.parameters`)."""

from django_filters.rest_framework import DjangoFilterBackend


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter; every view under /api/ refuses parameters it does not declare (`StrictParametersMixin`)."""
