"""The filter backend: django-filter, strict about parameters it does not know."""

from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError

ALWAYS_ALLOWED_PARAMETERS = {"format", "page_size", "cursor", "page"}


class StrictFilterBackend(DjangoFilterBackend):
    """django-filter, plus a 400 for a query parameter the endpoint does not know (a typo is not a filter)."""

    def get_filterset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        known = set(filterset_class.base_filters) if filterset_class else set()
        unknown = sorted(set(request.query_params) - known - ALWAYS_ALLOWED_PARAMETERS)
        if unknown:
            raise ValidationError({name: ["Unknown parameter for this endpoint."] for name in unknown})
        return super().get_filterset(request, queryset, view)
