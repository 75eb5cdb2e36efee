"""Pagination: a keyset cursor for the chronological lists, page numbers for the small ones.

The keyset cursor positions on (sort_key, type, id), the order of the merged timeline; each model is read
with one indexed range query on (sort_key, id), never with OFFSET or COUNT, and stays stable while editors
add items. DRF's CursorPagination positions on one field and falls back to offsets on ties, so it is not used.
"""

from collections.abc import Iterable
from urllib.parse import urlencode

from django.core import signing
from django.core.paginator import InvalidPage
from django.db.models import F, Q, QuerySet
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination, PageNumberPagination
from rest_framework.response import Response

from timeline import dates
from timeline.api.parameters import CURSOR, FORMAT, PAGE, PAGE_SIZE, whole_number
from timeline.selectors import timeline_merge

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
# Entries with no known date sort from here on (see timeline.dates.sort_key).
UNDATED_FROM = dates.sort_key(None, None, 0)[: -len("00000000")]
DATED_PART, UNDATED_PART = 0, 1
PARTS = {DATED_PART: Q(sort_key__lt=UNDATED_FROM), UNDATED_PART: Q(sort_key__gte=UNDATED_FROM)}
CURSOR_SALT = "chronicle.cursor"
NOT_LIST_SHAPING = {CURSOR.name, PAGE_SIZE.name, FORMAT.name}


def page_size_from(request, *, default: int = DEFAULT_PAGE_SIZE, maximum: int = MAX_PAGE_SIZE) -> int:
    """The asked page size, or a 400 naming `page_size` when it is not a whole number from 1 to the cap."""
    raw = request.query_params.get(PAGE_SIZE.name)
    if raw is None:
        return default
    return whole_number(raw, parameter=PAGE_SIZE.name, minimum=1, maximum=maximum)


class Position:
    """A place in the chronological order: (sort_key, entry type, id)."""

    __slots__ = ("entry_type", "id", "sort_key")

    def __init__(self, sort_key: str, entry_type: str, id: int):
        self.sort_key, self.entry_type, self.id = sort_key, entry_type, id

    def as_tuple(self):
        return (self.sort_key, self.entry_type, self.id)

    @property
    def part(self) -> int:
        return UNDATED_PART if self.sort_key >= UNDATED_FROM else DATED_PART

    def strictly_beyond(self, entry_type: str, descending: bool) -> Q:
        """Rows of a table of `entry_type` that come after this position in the traversal direction."""
        after = "lt" if descending else "gt"
        if entry_type == self.entry_type:
            # A row comparison, so that the (sort_key, id) index seeks to the position instead of filtering
            # every row before it (an OR of two conditions is not an index condition).
            row_beyond = TupleLessThan if descending else TupleGreaterThan
            return Q(row_beyond(Tuple(F("sort_key"), F("id")), (self.sort_key, self.id)))
        type_comes_after = (entry_type > self.entry_type) != descending
        return Q(**{f"sort_key__{after}e" if type_comes_after else f"sort_key__{after}": self.sort_key})


def walk_parts(*, descending: bool, backwards: bool) -> list[tuple[Q | None, int | None, bool]]:
    """The range scans that read a list in order, each as (condition, part, read descending).

    Ascending, one scan: undated entries sort last. Descending (`ordering=-date`), undated entries still come
    last, so the dated part is read backwards first, then the undated part: two range scans on the same index.
    Walking backwards (a `previous` link) reads the same scans in the reverse order and direction.
    """
    walk_descending = descending != backwards
    if not descending:
        return [(None, None, walk_descending)]
    parts = [(PARTS[DATED_PART], DATED_PART, walk_descending), (PARTS[UNDATED_PART], UNDATED_PART, walk_descending)]
    return parts[::-1] if backwards else parts


def timeline_walk(
    sources: dict[str, QuerySet | None],
    *,
    limit: int,
    descending: bool = False,
    position: Position | None = None,
    backwards: bool = False,
) -> list[tuple[str, object]]:
    """Up to `limit` + 1 (type, item) pairs beyond `position`, in the list's order (undated last either way)."""
    entries = []
    scans = walk_parts(descending=descending, backwards=backwards)
    if position is not None and descending:
        scans = scans[[part for _, part, _ in scans].index(position.part) :]
    for index, (condition, _, walk_descending) in enumerate(scans):
        narrowed = {
            entry_type: queryset if queryset is None or condition is None else queryset.filter(condition)
            for entry_type, queryset in sources.items()
        }
        beyond = None
        if position is not None and index == 0:

            def beyond(entry_type, walk_descending=walk_descending):
                return position.strictly_beyond(entry_type, walk_descending)

        entries += timeline_merge(narrowed, limit=limit - len(entries), descending=walk_descending, beyond=beyond)
        if len(entries) > limit:
            break
    return entries[: limit + 1]


def cursor_binding(request) -> str:
    """What a cursor is bound to: the path and the parameters that shape the list (not page_size or format)."""
    shaping = sorted(
        (name, value)
        for name, values in request.query_params.lists()
        if name not in NOT_LIST_SHAPING
        for value in values
    )
    return f"{CURSOR_SALT}:{request.path}?{urlencode(shaping)}"


def encode_cursor(request, position: Position, *, backwards: bool) -> str:
    """A signed, opaque token for `position`, valid only for this list (path and list-shaping parameters)."""
    payload = {"k": position.sort_key, "t": position.entry_type, "i": position.id, "b": backwards, "p": position.part}
    return signing.Signer(salt=cursor_binding(request)).sign_object(payload)


def decode_cursor(request, token: str, *, known_types: Iterable[str]) -> tuple[Position, bool]:
    """The position and direction of a cursor we issued for this list; anything else is a 400 naming `cursor`."""
    try:
        payload = signing.Signer(salt=cursor_binding(request)).unsign_object(token)
        position = Position(payload["k"], payload["t"], payload["i"])
        valid = (
            isinstance(position.sort_key, str)
            and position.entry_type in known_types
            and type(position.id) is int
            and isinstance(payload["b"], bool)
            and payload["p"] == position.part
        )
    except (signing.BadSignature, ValueError, TypeError, KeyError, RecursionError, UnicodeError):
        valid = False
    if not valid:
        raise ValidationError(
            {
                CURSOR.name: [
                    "Invalid cursor: use the next or previous link of this list as given "
                    "(a cursor is valid only with the filters and ordering it was issued for)."
                ]
            }
        )
    return position, payload["b"]


class KeysetPagination(BasePagination):
    """Cursor pagination over one or more tables that share (sort_key, id), merged by (sort_key, type, id)."""

    cursor_query_param = CURSOR.name
    page_size_query_param = PAGE_SIZE.name
    query_parameters = (CURSOR, PAGE_SIZE)

    def paginate_queryset(self, queryset, request, view=None):
        entries = self.paginate_sources({view.entry_type: queryset}, request)
        return [item for _, item in entries]

    def paginate_sources(self, sources: dict[str, QuerySet | None], request) -> list[tuple[str, object]]:
        """One page of (type, item) pairs, in order, from each non-None queryset in `sources`."""
        self.request = request
        self.page_size = page_size_from(request)
        self.descending = request.query_params.get("ordering") == "-date"
        token = request.query_params.get(self.cursor_query_param)
        position, backwards = None, False
        if token is not None:
            position, backwards = decode_cursor(request, token, known_types=set(sources))
        merged = timeline_walk(
            sources, limit=self.page_size, descending=self.descending, position=position, backwards=backwards
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
            return self._url(cursor=None)
        return self._link(self.entries[0], backwards=True)

    def _link(self, entry, *, backwards: bool) -> str:
        entry_type, item = entry
        position = Position(item.sort_key, entry_type, item.id)
        return self._url(cursor=encode_cursor(self.request, position, backwards=backwards))

    def _url(self, *, cursor: str | None) -> str:
        """This list's address with only the parameters that shape it (and page_size), plus the cursor."""
        query = [
            (name, value)
            for name, values in self.request.query_params.lists()
            if name not in (CURSOR.name, FORMAT.name)
            for value in values
        ]
        if cursor is not None:
            query.append((CURSOR.name, cursor))
        url = self.request.build_absolute_uri(self.request.path)
        return f"{url}?{urlencode(query)}" if query else url

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
    page_size_query_param = PAGE_SIZE.name
    max_page_size = MAX_PAGE_SIZE
    query_parameters = (PAGE, PAGE_SIZE)

    def get_page_size(self, request):
        return page_size_from(request)

    def paginate_queryset(self, queryset, request, view=None):
        number = whole_number(request.query_params.get(self.page_query_param, "1"), parameter=PAGE.name, minimum=1)
        page_size = self.get_page_size(request)
        paginator = self.django_paginator_class(queryset, page_size)
        try:
            self.page = paginator.page(number)
        except InvalidPage as error:
            raise ValidationError({self.page_query_param: [str(error)]}) from error
        self.request = request
        return list(self.page)

    def get_next_link(self):
        return self._page_link(self.page.next_page_number()) if self.page.has_next() else None

    def get_previous_link(self):
        return self._page_link(self.page.previous_page_number()) if self.page.has_previous() else None

    def _page_link(self, number: int) -> str:
        """This list's address with only the parameters that shape it (and page_size), plus the page number."""
        query = [
            (name, value)
            for name, values in self.request.query_params.lists()
            if name not in (PAGE.name, FORMAT.name)
            for value in values
        ]
        if number > 1:
            query.append((PAGE.name, str(number)))
        url = self.request.build_absolute_uri(self.request.path)
        return f"{url}?{urlencode(query)}" if query else url

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
        for parameter in parameters:
            if parameter["name"] == PAGE.name:
                parameter["schema"] = {"type": "integer", "minimum": 1}
        return [p for p in parameters if p["name"] != "page_size"] + [_page_size_parameter()]
