"""Exports of the timeline (TimelineJS 3, iCalendar, CSV, GeoJSON) and of venues (GeoJSON).

`?format=timelinejs|ics|csv|geojson` on the timeline answers the same filtered timeline as the JSON one, unpaginated
up to `settings.EXPORT_MAX_ENTRIES` entries (over it: a 400 naming `format`, asking for a narrower filter).
The pure functions below turn the timeline's serialized entries (what EventSerializer and StatementSerializer
produce) into each format; the renderers only call them.
"""

import csv
import html
import io
import json
from collections import Counter
from datetime import date, datetime, timedelta

from django.conf import settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from rest_framework.exceptions import ValidationError
from rest_framework.renderers import BaseRenderer
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.encoders import JSONEncoder

from timeline.api.serializers import VenueSerializer
from timeline.selectors import EVENT, timeline_merge

DEFAULT_EXPORT_MAX_ENTRIES = 5000
PRODID = "-//Chronicle//Timeline export//EN"
UID_DOMAIN = "chronicle"
CSV_COLUMNS = (
    "type",
    "slug",
    "uuid",
    "title",
    "kind",
    "status",
    "cameo",
    "acled",
    "date_text",
    "earliest",
    "latest",
    "precision",
    "basis",
    "tense",
    "approximate",
    "ongoing",
    "edtf",
    "date_note",
    "venue",
    "country",
    "participants",
    "speaker",
    "quote",
    "source",
    "source_url",
    "url",
)
# A spreadsheet runs a cell that starts with one of these as a formula (CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def export_max_entries() -> int:
    return getattr(settings, "EXPORT_MAX_ENTRIES", DEFAULT_EXPORT_MAX_ENTRIES)


# --- Reading: every matching entry, up to the cap ---------------------------------------------------------


def ensure_within_cap(sources: dict) -> None:
    """A 400 naming `format` when the querysets of `sources` (None: excluded) hold more than the cap together.

    Reads at most cap + 1 primary keys per queryset: an over-broad export costs little before it is refused.
    """
    cap = export_max_entries()
    total = sum(
        len(queryset.order_by().values_list("pk", flat=True)[: cap + 1])
        for queryset in sources.values()
        if queryset is not None
    )
    if total > cap:
        raise too_many_entries(cap)


def too_many_entries(cap: int) -> ValidationError:
    return ValidationError(
        {
            "format": [
                f"This export would hold more than {cap} entries, the most one export holds. Narrow it with the "
                "filters (for example date_after and date_before, type, actor, topic, q), or page through the JSON "
                "timeline instead."
            ]
        }
    )


def read_all(sources: dict, *, descending: bool = False) -> list[tuple[str, object]]:
    """Every (type, item) of the querysets in `sources`, merged in timeline order (sort_key, type, id).

    One query per type plus its prefetches, whatever the number of entries; a 400 over the cap.
    """
    ensure_within_cap(sources)
    cap = export_max_entries()
    entries = timeline_merge(sources, limit=cap, descending=descending)
    if len(entries) > cap:  # rows added since the count
        raise too_many_entries(cap)
    return entries


# --- TimelineJS 3 (https://timeline.knightlab.com/docs/json-format.html) ---------------------------------


def timelinejs_document(entries: list[dict]) -> dict:
    """A TimelineJS 3 document: a title slide naming the source(s), and one slide per entry that can be placed.

    An entry can be placed when both its earliest and latest day are known. One with no date, or with only one
    bound ("in recent weeks": ..2026-02-10; "not yet set": 2026-02-10..), cannot be placed honestly: it is left
    out, and the title slide says how many were. TimelineJS renders text as HTML, so every text is escaped.
    """
    slugs = Counter(entry["slug"] for entry in entries)
    events, undated, open_ended = [], 0, 0
    for entry in entries:
        earliest, latest = entry["date"]["earliest"], entry["date"]["latest"]
        if earliest is None and latest is None:
            undated += 1
        elif earliest is None or latest is None:
            open_ended += 1
        else:
            unique_id = entry["slug"] if slugs[entry["slug"]] == 1 else f"{entry['type']}-{entry['slug']}"
            events.append(timelinejs_slide(entry, unique_id=unique_id))
    return {"title": _timelinejs_title(entries, undated, open_ended), "events": events}


def timelinejs_slide(entry: dict, *, unique_id: str) -> dict:
    """The slide of an entry whose earliest and latest day are both known."""
    when = entry["date"]
    precision = when["precision"]
    start = _date_parts(_as_date(when["earliest"]), precision)
    end = _date_parts(_as_date(when["latest"]), precision)
    slide = {
        "start_date": start,
        "text": {"headline": html.escape(entry["title"]), "text": _timelinejs_text(entry)},
        "group": group_of(entry),
        "display_date": html.escape(display_date(entry)),
        "unique_id": unique_id,
    }
    if end != start:
        slide["end_date"] = end
    return slide


def _date_parts(day: date, precision: str) -> dict:
    """Only the parts of a day that the precision knows: year alone for a year, year and month for a month."""
    if precision == "year":
        return {"year": day.year}
    if precision == "month":
        return {"year": day.year, "month": day.month}
    return {"year": day.year, "month": day.month, "day": day.day}


def _timelinejs_text(entry: dict) -> str:
    parts = []
    if quote := first_quote(entry):
        parts.append(f"<blockquote>{html.escape(quote)}</blockquote>")
    if attribution := source_attribution(entry.get("source")):
        parts.append(f"<p>{html.escape(attribution)}</p>")
    return "".join(parts)


def _timelinejs_title(entries: list[dict], undated: int, open_ended: int) -> dict:
    sources = list({entry["source"]["slug"]: entry["source"] for entry in entries if entry.get("source")}.values())
    if not sources:
        headline = "Chronicle timeline"
    elif len(sources) <= 3:
        headline = " · ".join(source["title"] for source in sources)
    else:
        headline = f"{sources[0]['title']} and {len(sources) - 1} other sources"
    paragraphs = [_published_by(source) for source in sources[:3]]
    not_shown = undated + open_ended
    if not_shown:
        paragraphs.append(
            f"{not_shown} undated {'entry is' if not_shown == 1 else 'entries are'} not shown: "
            f"{undated} with no date, {open_ended} with only one known bound of their date."
        )
    text = "".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in paragraphs if paragraph)
    return {"text": {"headline": html.escape(headline), "text": text}}


# --- iCalendar (RFC 5545) -----------------------------------------------------------------------------------


def icalendar_document(entries: list[dict], *, name: str = "Chronicle timeline") -> bytes:
    """An iCalendar of the day-precise entries, as all-day events (DTEND is the next day: it is exclusive)."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for entry in entries:
        day = precise_day(entry)
        if day is None:
            continue
        component = CalendarEvent()
        component.add("uid", f"{entry['uuid']}@{UID_DOMAIN}")
        component.add("dtstamp", _as_datetime(entry["updated_at"]))
        component.add("last-modified", _as_datetime(entry["updated_at"]))
        component.add("created", _as_datetime(entry["created_at"]))
        component.add("dtstart", day)
        component.add("dtend", day + timedelta(days=1))
        component.add("summary", entry["title"])
        component.add("description", _calendar_description(entry))
        component.add("url", (entry.get("source") or {}).get("article_url") or entry["url"])
        component.add("categories", [group_of(entry)])
        component.add("transp", "TRANSPARENT")
        calendar.add_component(component)
    return calendar.to_ical()


def precise_day(entry: dict) -> date | None:
    """The day of a day-precise entry (earliest == latest), else None."""
    when = entry["date"]
    if when["precision"] != "day" or when["earliest"] is None or when["earliest"] != when["latest"]:
        return None
    return _as_date(when["earliest"])


def _calendar_description(entry: dict) -> str:
    parts = [first_quote(entry) or entry.get("summary") or entry.get("text") or ""]
    if attribution := source_attribution(entry.get("source")):
        parts.append(f"— {attribution}")
    return "\n\n".join(part for part in parts if part)


# --- CSV (RFC 4180) -----------------------------------------------------------------------------------------


def csv_document(entries: list[dict]) -> str:
    """One row an entry, the date object's fields as columns; quotes doubled, formulas neutralized."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)  # QUOTE_MINIMAL, CRLF line ends, as RFC 4180 has it
    writer.writerow(CSV_COLUMNS)
    for entry in entries:
        writer.writerow([spreadsheet_safe(value) for value in csv_row(entry)])
    return buffer.getvalue()


def csv_row(entry: dict) -> list[str]:
    when, venue, speaker = entry["date"], entry.get("venue") or {}, entry.get("speaker") or {}
    source = entry.get("source") or {}
    participants = "; ".join(f"{p['name']} ({p['role']})" for p in entry.get("participants") or [])
    values = {
        "type": entry["type"],
        "slug": entry["slug"],
        "uuid": entry["uuid"],
        "title": entry["title"],
        "kind": entry.get("kind"),
        "status": entry.get("status"),
        # CAMEO codes separated by spaces, as GDELT writes them; ACLED as "event type: sub-event type".
        "cameo": " ".join(code["code"] for code in entry.get("cameo") or []),
        "acled": ": ".join(entry["acled"].values()) if entry.get("acled") else "",
        "date_text": when["text"],
        "earliest": when["earliest"],
        "latest": when["latest"],
        "precision": when["precision"],
        "basis": when["basis"],
        "tense": when["tense"],
        "approximate": "true" if when.get("approximate") else "false",
        "ongoing": "true" if when.get("ongoing") else "false",
        "edtf": when["edtf"],
        "date_note": when["note"],
        "venue": venue.get("name"),
        "country": venue.get("country"),
        "participants": participants,
        "speaker": speaker.get("name"),
        "quote": first_quote(entry),
        "source": source.get("title"),
        "source_url": source.get("article_url"),
        "url": entry["url"],
    }
    return ["" if values[column] is None else str(values[column]) for column in CSV_COLUMNS]


def spreadsheet_safe(value: str) -> str:
    """A leading apostrophe for a cell that a spreadsheet would run as a formula (=, +, -, @, tab, CR)."""
    return f"'{value}" if value.startswith(FORMULA_TRIGGERS) else value


# --- GeoJSON (RFC 7946) -------------------------------------------------------------------------------------

FEATURE_PROPERTIES = ("slug", "uuid", "name", "kind", "country", "coordinate_precision", "url")


def geojson_document(venues) -> dict:
    """A FeatureCollection of venue representations (VenueSerializer's), or one Feature for one venue."""
    if isinstance(venues, dict):
        return geojson_feature(venues)
    return {"type": "FeatureCollection", "features": [geojson_feature(venue) for venue in venues]}


def geojson_feature(venue: dict) -> dict:
    """[longitude, latitude] as floats, or a null geometry when the coordinates are unknown."""
    longitude, latitude = venue.get("longitude"), venue.get("latitude")
    geometry = None
    if longitude is not None and latitude is not None:
        geometry = {"type": "Point", "coordinates": [float(longitude), float(latitude)]}
    properties = {name: venue.get(name) for name in FEATURE_PROPERTIES}
    if "entries" in venue:
        properties["entries"] = list(venue["entries"])
    return {"type": "Feature", "id": venue["slug"], "geometry": geometry, "properties": properties}


def venues_of(entries: list[tuple[str, object]], context: dict) -> list[dict]:
    """The distinct venues of the events among `entries`, by name, each listing the slugs of its entries."""
    at_venue = {}
    for entry_type, item in entries:
        if entry_type == EVENT and item.venue_id is not None:
            at_venue.setdefault(item.venue_id, (item.venue, []))[1].append(item.slug)
    venues = []
    for venue, slugs in sorted(at_venue.values(), key=lambda pair: (pair[0].name, pair[0].id)):
        representation = dict(VenueSerializer(venue, context=context).data)
        representation["entries"] = slugs
        venues.append(representation)
    return venues


# --- Shared helpers -----------------------------------------------------------------------------------------


def group_of(entry: dict) -> str:
    """The event's kind, or "statement"."""
    if entry["type"] == EVENT and entry.get("kind"):
        return entry["kind"]
    return entry["type"]


def display_date(entry: dict) -> str:
    """The date words as written; the EDTF rendering when the source gave none."""
    return entry["date"]["text"] or entry["date"]["edtf"]


def first_quote(entry: dict) -> str:
    citations = entry.get("citations") or []
    return citations[0]["exact"] if citations else ""


def source_attribution(source: dict | None) -> str:
    if not source:
        return ""
    return ", ".join(part for part in (source.get("title"), _published_by(source)) if part)


def _published_by(source: dict) -> str:
    return ", ".join(str(part) for part in (source.get("publisher"), source.get("published_on")) if part)


def _as_date(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _as_datetime(value) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


# --- Renderers ------------------------------------------------------------------------------------------------


def _json_bytes(document) -> bytes:
    return json.dumps(document, cls=JSONEncoder, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _attach_as(renderer_context, filename: str) -> None:
    response = (renderer_context or {}).get("response")
    if response is not None and response.status_code == 200:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'


class TimelineJSRenderer(BaseRenderer):
    media_type = "application/json"
    format = "timelinejs"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return _json_bytes(timelinejs_document(data))


class ICalendarRenderer(BaseRenderer):
    media_type = "text/calendar"
    format = "ics"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        _attach_as(renderer_context, "timeline.ics")
        return icalendar_document(data)


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        _attach_as(renderer_context, "timeline.csv")
        return csv_document(data).encode("utf-8")


class GeoJSONRenderer(BaseRenderer):
    media_type = "application/geo+json"
    format = "geojson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return _json_bytes(geojson_document(data))


TIMELINE_RENDERERS = (TimelineJSRenderer, ICalendarRenderer, CSVRenderer, GeoJSONRenderer)
EXPORT_FORMATS = frozenset(renderer.format for renderer in TIMELINE_RENDERERS)


def is_export(request) -> bool:
    renderer = getattr(request, "accepted_renderer", None)
    return renderer is not None and renderer.format in EXPORT_FORMATS


def _format_parameter(formats: list[str], description: str) -> OpenApiParameter:
    return OpenApiParameter(
        "format", OpenApiTypes.STR, OpenApiParameter.QUERY, enum=formats, description=description, required=False
    )


TIMELINE_FORMAT_PARAMETER = _format_parameter(
    ["json", "api", "timelinejs", "ics", "csv", "geojson"],
    "json (default): a page of entries. The exports hold every matching entry, unpaginated, up to "
    "EXPORT_MAX_ENTRIES (5000 unless configured; over it: 400 asking for a narrower filter), and every filter "
    "applies: timelinejs, a TimelineJS 3 document (application/json; entries with no date or only one known bound "
    "are left out, and counted on the title slide); ics, an iCalendar (text/calendar) of the day-precise entries as "
    "all-day events; csv (text/csv), one row an entry; geojson (application/geo+json), the venues of the matching "
    "events, each listing its entries.",
)
VENUE_FORMAT_PARAMETER = _format_parameter(
    ["json", "api", "geojson"],
    "json (default) or geojson (application/geo+json): a FeatureCollection of every matching venue, unpaginated up "
    "to EXPORT_MAX_ENTRIES (one Feature on a venue's own page); geometry is null where coordinates are unknown.",
)


class RequestWithoutFormat:
    """A request minus its `format` parameter, for serializing an export.

    DRF keeps `?format=` in the links it builds; in an export they must lead to each resource's JSON, not to a
    format that resource may not offer.
    """

    def __init__(self, request):
        self._request = request
        self.GET = request.GET.copy()
        self.GET.pop(api_settings.URL_FORMAT_OVERRIDE, None)

    def __getattr__(self, name):
        return getattr(self._request, name)


class ExportRenderersMixin:
    """Export renderers for GET and HEAD only: any other method negotiates among the default renderers."""

    export_renderer_classes = ()

    def get_renderers(self):
        renderers = super().get_renderers()
        request = getattr(self, "request", None)
        if request is None or request.method in ("GET", "HEAD"):
            renderers += [renderer() for renderer in self.export_renderer_classes]
        return renderers

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if is_export(context.get("request")):
            context["request"] = RequestWithoutFormat(context["request"])
        return context


class TimelineExportMixin(ExportRenderersMixin):
    """The timeline's exports. The view calls `export_response(sources)` when `is_export(request)`."""

    export_renderer_classes = TIMELINE_RENDERERS

    def export_response(self, sources: dict) -> Response:
        descending = self.request.query_params.get("ordering") == "-date"
        if self.request.accepted_renderer.format == GeoJSONRenderer.format:
            entries = read_all({EVENT: sources.get(EVENT)}, descending=descending)
            return Response(venues_of(entries, self.get_serializer_context()))
        return Response(self.serialize(read_all(sources, descending=descending)))


class GeoJSONExportMixin(ExportRenderersMixin):
    """`?format=geojson` on a venue list (every matching venue, up to the cap) and on a venue."""

    export_renderer_classes = (GeoJSONRenderer,)

    @extend_schema(parameters=[VENUE_FORMAT_PARAMETER])
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(parameters=[VENUE_FORMAT_PARAMETER])
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)

    def paginate_queryset(self, queryset):
        if is_export(self.request):
            ensure_within_cap({"venue": queryset})
            return None
        return super().paginate_queryset(queryset)


# --- OpenAPI ------------------------------------------------------------------------------------------------

_POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"type": "string", "enum": ["Point"]},
        "coordinates": {
            "type": "array",
            "items": {"type": "number", "format": "double"},
            "minItems": 2,
            "maxItems": 2,
            "description": "[longitude, latitude] (WGS 84).",
        },
    },
}
_FEATURE = {
    "type": "object",
    "description": "A venue (RFC 7946 Feature). The coordinates stand for what coordinate_precision says.",
    "required": ["type", "id", "geometry", "properties"],
    "properties": {
        "type": {"type": "string", "enum": ["Feature"]},
        "id": {"type": "string", "description": "The venue's slug."},
        "geometry": {**_POINT, "nullable": True, "description": "Null when the coordinates are unknown."},
        "properties": {
            "type": "object",
            "required": list(FEATURE_PROPERTIES),
            "properties": {
                "slug": {"type": "string"},
                "uuid": {"type": "string", "format": "uuid"},
                "name": {"type": "string"},
                "kind": {"type": "string"},
                "country": {"type": "string", "description": "ISO 3166-1 alpha-2."},
                "coordinate_precision": {"type": "string"},
                "url": {"type": "string", "format": "uri"},
                "entries": {
                    "type": "array",
                    "items": {"type": "string"},
                    "description": "Timeline exports only: the slugs of the matching events at this venue.",
                },
            },
        },
    },
}
_FEATURE_COLLECTION = {
    "type": "object",
    "description": "RFC 7946 FeatureCollection of venues.",
    "required": ["type", "features"],
    "properties": {
        "type": {"type": "string", "enum": ["FeatureCollection"]},
        "features": {"type": "array", "items": {"$ref": "#/components/schemas/GeoJSONFeature"}},
    },
}
_TIMELINEJS_DATE = {
    "type": "object",
    "required": ["year"],
    "description": "Only the parts known: year alone for year precision, year and month for month precision.",
    "properties": {"year": {"type": "integer"}, "month": {"type": "integer"}, "day": {"type": "integer"}},
}
_TIMELINEJS_TEXT = {
    "type": "object",
    "description": "HTML, escaped.",
    "properties": {"headline": {"type": "string"}, "text": {"type": "string"}},
}
_TIMELINEJS = {
    "type": "object",
    "description": "A TimelineJS 3 document (format=timelinejs; https://timeline.knightlab.com/docs/json-format.html). "
    "Entries with no date or with only one known bound cannot be placed: they are left out, and the title slide "
    "says how many.",
    "required": ["title", "events"],
    "properties": {
        "title": {"type": "object", "properties": {"text": _TIMELINEJS_TEXT}},
        "events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["start_date", "text", "group", "display_date", "unique_id"],
                "properties": {
                    "start_date": _TIMELINEJS_DATE,
                    "end_date": _TIMELINEJS_DATE,
                    "text": _TIMELINEJS_TEXT,
                    "group": {"type": "string", "description": "The event's kind, or statement."},
                    "display_date": {"type": "string", "description": "The date words as written (else EDTF)."},
                    "unique_id": {"type": "string", "description": "The entry's slug."},
                },
            },
        },
    },
}
_CALENDAR = {
    "type": "string",
    "description": "iCalendar (RFC 5545): the day-precise entries as all-day VEVENTs (DTEND exclusive), "
    "UID <uuid>@chronicle, SUMMARY the title, DESCRIPTION the cited quote and the source, URL the article "
    "(or the entry's API address).",
}
_CSV = {
    "type": "string",
    "description": "CSV (RFC 4180, UTF-8, header row): " + ", ".join(CSV_COLUMNS) + ". Cells that a spreadsheet "
    "would run as a formula (starting with = + - @) get a leading apostrophe.",
}


def add_export_schemas(result, generator, request, public):
    """drf-spectacular postprocessing hook: the schema of each export media type the views' renderers add."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(
        {"GeoJSONFeature": _FEATURE, "GeoJSONFeatureCollection": _FEATURE_COLLECTION, "TimelineJS": _TIMELINEJS}
    )
    for path, path_item in result.get("paths", {}).items():
        for operation in path_item.values():
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            if "application/geo+json" in content:
                one_venue = path.rstrip("/").endswith("}")
                name = "GeoJSONFeature" if one_venue else "GeoJSONFeatureCollection"
                content["application/geo+json"] = {"schema": {"$ref": f"#/components/schemas/{name}"}}
            if "text/calendar" in content:
                content["text/calendar"] = {"schema": _CALENDAR}
                if "application/json" in content:
                    json_schema = content["application/json"].get("schema", {})
                    content["application/json"] = {
                        "schema": {"oneOf": [json_schema, {"$ref": "#/components/schemas/TimelineJS"}]}
                    }
            if "text/csv" in content:
                content["text/csv"] = {"schema": _CSV}
    return result
