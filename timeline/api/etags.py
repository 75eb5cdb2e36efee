"""Strong ETags for items, from their per-record version (`timeline.versions` says what bumps it).

An item's ETag is `"<model>-<id>-v<version>"` for its JSON representation (`"event-12-v3"`), with the format
appended for another (`"venue-4-v2.geojson"`). It names one exact representation, so it is strong: `If-Match`
compares it (RFC 9110 strong comparison) and the editors' writes rely on it. Lists keep the caching
middleware's weak body hash.
"""

from django.utils.http import parse_etags
from rest_framework import status
from rest_framework.response import Response

JSON_FORMAT = "json"
BROWSABLE_FORMAT = "api"


def item_etag(model, pk: int, version: int, representation: str = JSON_FORMAT) -> str:
    suffix = "" if representation == JSON_FORMAT else f".{representation}"
    return f'"{model._meta.model_name}-{pk}-v{version}{suffix}"'


def etag_of(instance, representation: str = JSON_FORMAT) -> str:
    return item_etag(type(instance), instance.pk, instance.version, representation)


def current_etag(queryset, representation: str = JSON_FORMAT, **lookup) -> str | None:
    """The ETag of the item `lookup` finds, from one indexed query that reads only its id and version."""
    row = queryset.model.objects.filter(**lookup).values_list("pk", "version").first()
    return item_etag(queryset.model, *row, representation) if row else None


def matches_weakly(header: str, etag: str) -> bool:
    """`If-None-Match` semantics: `*`, or any listed tag equal once `W/` is ignored."""
    tags = parse_etags(header)
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def matches_strongly(header: str, etag: str) -> bool:
    """`If-Match` semantics for an item: one listed tag is exactly its current strong ETag."""
    return any(tag == etag and not tag.startswith("W/") for tag in parse_etags(header))


class ItemETagMixin:
    """Detail reads answer with the item's strong ETag, and a matching `If-None-Match` with a 304 that reads
    nothing but the item's version (no related rows, no rendering)."""

    def retrieve(self, request, *args, **kwargs):
        representation = request.accepted_renderer.format
        if representation == BROWSABLE_FORMAT:
            return super().retrieve(request, *args, **kwargs)
        if_none_match = request.headers.get("If-None-Match")
        if if_none_match:
            etag = current_etag(self.get_queryset(), representation, **{self.lookup_field: kwargs[self.lookup_field]})
            if etag is not None and matches_weakly(if_none_match, etag):
                return Response(status=status.HTTP_304_NOT_MODIFIED, headers={"ETag": etag})
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_of(self.item, representation)
        return response

    def get_object(self):
        self.item = super().get_object()
        return self.item
