"""A limit on the query string, refused with a problem before anything reads it.

gunicorn refuses a request line over 4094 bytes itself, in HTML; below that, `MAX_QUERY_STRING_BYTES` (default
3584) is the app's own limit, answered as a 414 problem naming the longest parameters.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.http import HttpResponse

from timeline.api.problems import problem_response

DEFAULT_MAX_QUERY_STRING_BYTES = 3584


def max_query_string_bytes() -> int:
    return getattr(settings, "MAX_QUERY_STRING_BYTES", DEFAULT_MAX_QUERY_STRING_BYTES)


def longest_parameters(query_string: str) -> list[str]:
    """The name(s) of the parameter(s) with the longest value, for the problem's `errors`."""
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if not pairs:
        return [""]
    longest = max(len(name) + len(value) for name, value in pairs)
    return sorted({name for name, value in pairs if len(name) + len(value) == longest})


class QueryStringLimitMiddleware:
    """414 problem for a query string over `MAX_QUERY_STRING_BYTES` under /api/ (a plain 414 elsewhere)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        limit = max_query_string_bytes()
        if len(query_string.encode("latin-1", "replace")) <= limit:
            return self.get_response(request)
        detail = f"The query string is longer than {limit} bytes; shorten it (or narrow the request)."
        errors = [
            {"detail": f"Too long: the query string is over {limit} bytes.", "parameter": name or "(empty name)"}
            for name in longest_parameters(query_string)
        ]
        if not request.path.startswith("/api/"):
            return HttpResponse(detail, status=414, content_type="text/plain; charset=utf-8")
        return problem_response("query-too-long", detail, errors=errors)
