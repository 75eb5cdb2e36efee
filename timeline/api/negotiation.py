"""Content negotiation: an explicit `format` wins; otherwise `Accept` with its quality values, as HTTP means.

- `?format=` names the representation, whatever `Accept` says (every format: json, csv, ics, geojson, timelinejs).
  An unknown format is 406 Not Acceptable (DRF's default answers 404).
- `Accept` is read with its q-values (RFC 9110, 12.5.1): each offered format gets the quality of the most
  specific range that matches it, `q=0` refuses it, and the highest quality wins (on a tie, the range the client
  listed first, then the order the view offers its formats in). Nothing acceptable is a 406.
"""

from django.utils.http import parse_header_parameters
from rest_framework.exceptions import NotAcceptable
from rest_framework.negotiation import DefaultContentNegotiation


class MediaRange:
    """One element of an Accept header: type/subtype, its parameters and its quality."""

    def __init__(self, text: str, index: int):
        self.text, self.index = text.strip(), index
        try:
            full_type, params = parse_header_parameters(self.text)
        except ValueError:
            full_type, params = "", {}
        self.main_type, _, self.sub_type = full_type.lower().partition("/")
        self.params = {key.lower(): value for key, value in params.items() if key.lower() != "q"}
        self.quality = _quality(params.get("q", "1"))

    @property
    def specificity(self) -> int:
        if self.main_type == "*":
            return 0
        if self.sub_type == "*":
            return 1
        return 3 if self.params else 2

    def matches(self, media_type: str) -> bool:
        main_type, _, sub_type = media_type.lower().partition("/")
        if self.main_type not in ("*", main_type) or self.sub_type not in ("*", sub_type):
            return False
        return not self.params or self.params.items() <= dict(_params_of(media_type)).items()


def _params_of(media_type: str) -> dict:
    try:
        return parse_header_parameters(media_type)[1]
    except ValueError:
        return {}


def _quality(raw: str) -> float:
    try:
        quality = float(raw)
    except ValueError:
        return 0.0
    return quality if 0.0 <= quality <= 1.0 else 0.0


def accepted_ranges(header: str) -> list[MediaRange]:
    ranges = [MediaRange(text, index) for index, text in enumerate(header.split(",")) if text.strip()]
    return [media_range for media_range in ranges if media_range.main_type and media_range.sub_type]


class StrictContentNegotiation(DefaultContentNegotiation):
    """`format` wins over `Accept`; `Accept` quality values count; unknown or refused formats are a 406."""

    def select_renderer(self, request, renderers, format_suffix=None):
        format = format_suffix or request.query_params.get(self.settings.URL_FORMAT_OVERRIDE)
        if format:
            renderer = self.filter_renderers(renderers, format)[0]
            return renderer, renderer.media_type
        ranges = accepted_ranges(request.META.get("HTTP_ACCEPT") or "*/*")
        best = None
        for order, renderer in enumerate(renderers):
            matching = [media_range for media_range in ranges if media_range.matches(renderer.media_type)]
            if not matching:
                continue
            chosen = max(matching, key=lambda media_range: (media_range.specificity, -media_range.index))
            if chosen.quality <= 0:
                continue
            rank = (chosen.quality, -chosen.index, -order)
            if best is None or rank > best[0]:
                best = (rank, renderer)
        if best is None:
            offered = ", ".join(renderer.media_type for renderer in renderers)
            raise NotAcceptable(f"None of the formats this resource offers is acceptable ({offered}).")
        return best[1], best[1].media_type

    def filter_renderers(self, renderers, format):
        matching = [renderer for renderer in renderers if renderer.format == format]
        if not matching:
            offered = ", ".join(sorted({renderer.format for renderer in renderers}))
            raise NotAcceptable(f"Unknown format {format!r}; this resource offers: {offered}.")
        return matching
