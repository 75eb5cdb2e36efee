"""Pagination: a keyset cursor for the chronological lists, page numbers for the small ones.

The keyset cursor positions on (sort_key, type, id), the order of the merged timeline; each model is read
with one indexed range query on (sort_key, id), never with OFFSET or COUNT, and stays stable while editors
add items. DRF's CursorPagination positions on one field and falls back to offsets on ties, so it is not used.
"""

import base64
import binascii
import json
import re
from collections.abc import Iterable

from django.core.paginator import InvalidPage
from django.db.models import Q, QuerySet
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from timeline.selectors import timeline_merge

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
SORT_KEY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}/\d{4}-\d{2}-\d{2}/\d{8}$")


def page_size_from(request, *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE) -> int:
    """The asked page size, or a 400 naming `page_size` when it is not a whole number from 1 to the cap."""
    raw = request.query_params.get("page_size")
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise ValidationError({"page_size": [f"Must be a whole number from 1 to {maximum}; got {raw!r}."]})
    return int(raw)


class Position:
    """A place in the chronological order: (sort_key, entry type, id)."""

    __slots__ = ("entry_type", "id", "sort_key")

    def __init__(self, sort_key: str, entry_type: str, id: int):
        self.sort_key, self.entry_type, self.id = sort_key, entry_type, id

    def as_tuple(self):
        return (self.sort_key, self.entry_type, self.id)

    def strictly_beyond(self, entry_type: str, descending: bool) -> Q:
        """Rows of a table of `entry_type` that come after this position in the traversal direction."""
        after = "lt" if descending else "gt"
        if entry_type == self.entry_type:
            return Q(**{f"sort_key__{after}": self.sort_key}) | Q(sort_key=self.sort_key, **{f"id__{after}": self.id})
        type_comes_after = (entry_type > self.entry_type) != descending
        return Q(**{f"sort_key__{after}e" if type_comes_after else f"sort_key__{after}": self.sort_key})


class KeysetPagination(BasePagination):
    """Cursor pagination over one or more tables that share (sort_key, id), merged by (sort_key, type, id)."""

    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def paginate_queryset(self, queryset, request, view=None):
        entries = self.paginate_sources({view.entry_type: queryset}, request)
        return [item for _, item in entries]

    def paginate_sources(self, sources: dict[str, QuerySet | None], request) -> list[tuple[str, object]]:
        """One page of (type, item) pairs, in order, from each non-None queryset in `sources`."""
        self.request = request
        self.page_size = page_size_from(request)
        self.descending = request.query_params.get("ordering") == "-date"
        cursor = self.decode_cursor(request, known_types=set(sources))
        backwards = bool(cursor and cursor[1])
        position = cursor[0] if cursor else None
        walk_descending = self.descending != backwards

        def beyond(entry_type):
            return position.strictly_beyond(entry_type, walk_descending)

        merged = timeline_merge(
            sources, limit=self.page_size, descending=walk_descending, beyond=beyond if position else None
        )
        has_more = len(merged) > self.page_size
        page = merged[: self.page_size]
        if backwards:
            page.reverse()
        self.entries = page
        self.has_next = has_more if not backwards else position is not None
        self.has_previous = has_more if backwards else position is not None
        return page

    def get_paginated_response(self, data):
        return Response(
            {"next": self.next_link(), "previous": self.previous_link(), "page_size": self.page_size, "results": data}
        )

    def next_link(self) -> str | None:
        if not self.has_next or not self.entries:
            return None
        return self._link(self.entries[-1], backwards=False)

    def previous_link(self) -> str | None:
        if not self.has_previous:
            return None
        if not self.entries:
            return remove_query_param(self.request.build_absolute_uri(), self.cursor_query_param)
        return self._link(self.entries[0], backwards=True)

    def _link(self, entry, *, backwards: bool) -> str:
        entry_type, item = entry
        payload = {"k": item.sort_key, "t": entry_type, "i": item.id, "b": backwards}
        token = base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")
        return replace_query_param(self.request.build_absolute_uri(), self.cursor_query_param, token)

    def decode_cursor(self, request, *, known_types: Iterable[str]) -> tuple[Position, bool] | None:
        token = request.query_params.get(self.cursor_query_param)
        if token is None:
            return None
        try:
            payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
            position = Position(payload["k"], payload["t"], payload["i"])
            backwards = payload["b"]
            valid = (
                isinstance(position.sort_key, str)
                and SORT_KEY_PATTERN.match(position.sort_key)
                and position.entry_type in known_types
                and type(position.id) is int
                and isinstance(backwards, bool)
            )
        except (ValueError, TypeError, KeyError, binascii.Error, UnicodeDecodeError):
            valid = False
        if not valid:
            raise ValidationError(
                {self.cursor_query_param: ["Invalid cursor: use the next or previous link as given."]}
            )
        return position, backwards

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "Opaque position from a response's next or previous link.",
                "schema": {"type": "string"},
            },
            _page_size_parameter(),
        ]

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "page_size", "results"],
            "properties": {
                "next": {"type": "string", "format": "uri", "nullable": True},
                "previous": {"type": "string", "format": "uri", "nullable": True},
                "page_size": {"type": "integer"},
                "results": schema,
            },
        }


def _page_size_parameter() -> dict:
    return {
        "name": "page_size",
        "required": False,
        "in": "query",
        "description": f"Entries per page, 1 to {MAX_PAGE_SIZE} (default {DEFAULT_PAGE_SIZE}); over the cap is a 400.",
        "schema": {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
    }


class SmallListPagination(PageNumberPagination):
    """Page numbers for the small lists (actors, venues, topics, sources); a bad page or size is a 400."""

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE

    def get_page_size(self, request):
        return page_size_from(request)

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param, "1")
        if not raw.isdigit() or int(raw) < 1:
            raise ValidationError({self.page_query_param: [f"Must be a whole number from 1; got {raw!r}."]})
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(int(raw))
        except InvalidPage as error:
            raise ValidationError({self.page_query_param: [str(error)]}) from error
        self.request = request
        return list(self.page)

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "page_size": self.page.paginator.per_page,
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        envelope = super().get_paginated_response_schema(schema)
        envelope["required"] = ["count", "next", "previous", "page_size", "results"]
        envelope["properties"] = {
            **{name: value for name, value in envelope["properties"].items() if name != "results"},
            "page_size": {"type": "integer", "example": DEFAULT_PAGE_SIZE},
            "results": envelope["properties"]["results"],
        }
        return envelope

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        return [p for p in parameters if p["name"] != "page_size"] + [_page_size_parameter()]
