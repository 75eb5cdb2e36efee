"""Errors as RFC 9457 problem details (`application/problem+json`), whatever format the client asked for.

Every kind of error has a documented `type` URI (`/api/v1/problems/<kind>`, relative to the API's host);
field and parameter errors are listed in `errors` as `{"detail", "parameter"}` or `{"detail", "pointer"}`.
"""

from django.http import JsonResponse
from rest_framework import exceptions, status
from rest_framework.renderers import JSONRenderer
from rest_framework.views import exception_handler

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_BASE = "/api/v1/problems/"

# kind -> (status, title, description). The kinds are part of the API: add, never rename.
PROBLEM_KINDS = {
    "invalid-parameters": (400, "Invalid parameters", "A query parameter is unknown or has an invalid value."),
    "invalid-body": (400, "Invalid request body", "The request body failed validation or could not be parsed."),
    "not-authenticated": (401, "Not authenticated", "This request needs an editor's token."),
    "permission-denied": (403, "Permission denied", "The token does not allow this request."),
    "not-found": (404, "Not found", "No resource at this address."),
    "method-not-allowed": (405, "Method not allowed", "This resource does not accept this HTTP method."),
    "not-acceptable": (406, "Not acceptable", "The asked format or Accept header is not one this resource offers."),
    "conflict": (409, "Conflict", "Other records rest on this item: it cannot be deleted while they do."),
    "precondition-failed": (412, "Precondition failed", "If-Match or If-Unmodified-Since did not match."),
    "unsupported-media-type": (415, "Unsupported media type", "The request body's media type is not accepted."),
    "query-too-long": (414, "Query string too long", "The query string is longer than this API reads; shorten it."),
    "unplaceable-timeline": (
        422,
        "Nothing to place on a timeline",
        "None of the matching entries has a date that a TimelineJS timeline can place.",
    ),
    "precondition-required": (
        428,
        "Precondition required",
        "A change needs If-Match with the item's current ETag, so that no editor overwrites another's change.",
    ),
    "too-many-requests": (429, "Too many requests", "The rate limit was reached; retry after Retry-After seconds."),
    "query-timeout": (
        503,
        "Query took too long",
        "The database stopped a query that ran past its time limit; retry, or narrow the request.",
    ),
    "server-error": (500, "Server error", "Something failed on our side. It is logged; please report it."),
}


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Other records rest on this item."


class PreconditionFailed(exceptions.APIException):
    """If-Match is not the item's current ETag; the answer carries the current one."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "If-Match is not the item's current ETag: another change came first. Read it again."

    def __init__(self, *, etag: str):
        super().__init__()
        self.etag = etag


class PreconditionRequired(PreconditionFailed):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the item's current ETag (from reading it), so that no change is overwritten."


_KIND_BY_EXCEPTION = [
    (exceptions.NotAuthenticated, "not-authenticated"),
    (exceptions.AuthenticationFailed, "not-authenticated"),
    (exceptions.PermissionDenied, "permission-denied"),
    (exceptions.NotFound, "not-found"),
    (exceptions.MethodNotAllowed, "method-not-allowed"),
    (exceptions.NotAcceptable, "not-acceptable"),
    (exceptions.UnsupportedMediaType, "unsupported-media-type"),
    (Conflict, "conflict"),
    (PreconditionRequired, "precondition-required"),
    (PreconditionFailed, "precondition-failed"),
    (exceptions.Throttled, "too-many-requests"),
]
# Exceptions raised by the API's own code name their kind in `default_code`.
_OWN_KINDS = ("unplaceable-timeline",)


class ProblemJSONRenderer(JSONRenderer):
    media_type = PROBLEM_MEDIA_TYPE
    format = "problem+json"


def problem_type(kind: str) -> str:
    return f"{PROBLEM_BASE}{kind}"


def problem_body(kind: str, detail: str, *, status_code: int | None = None, errors: list | None = None) -> dict:
    default_status, title, _ = PROBLEM_KINDS[kind]
    body = {"type": problem_type(kind), "title": title, "status": status_code or default_status, "detail": detail}
    if errors is not None:
        body["errors"] = errors
    return body


def problem_exception_handler(exc, context):
    """DRF's handler, re-shaped as problem details and forced to render as problem+json."""
    response = exception_handler(exc, context)
    if response is None:
        return None
    request = context["request"]
    response.data = _problem_for(exc, response.status_code, request)
    if isinstance(exc, PreconditionFailed):
        response["ETag"] = exc.etag
    response["Content-Type"] = PROBLEM_MEDIA_TYPE
    # DRF renders errors with the negotiated renderer; an error must not depend on what was negotiated.
    request.accepted_renderer = ProblemJSONRenderer()
    request.accepted_media_type = PROBLEM_MEDIA_TYPE
    return response


def _problem_for(exc, status_code: int, request) -> dict:
    if isinstance(exc, exceptions.ValidationError):
        in_query = request.method in ("GET", "HEAD", "OPTIONS")
        errors = _flatten(exc.detail, in_query=in_query)
        kind = "invalid-parameters" if in_query else "invalid-body"
        names = ", ".join(sorted({str(e.get("parameter", e.get("pointer"))) or "(empty name)" for e in errors}))
        return problem_body(kind, f"Invalid input: {names}.", status_code=status_code, errors=errors)
    if isinstance(exc, exceptions.ParseError):
        return problem_body("invalid-body", str(exc.detail), status_code=status_code, errors=[])
    kind = next((k for cls, k in _KIND_BY_EXCEPTION if isinstance(exc, cls)), None)
    if kind is None and getattr(exc, "default_code", None) in _OWN_KINDS:
        kind = exc.default_code
    if kind is None:
        kind = "not-found" if status_code == status.HTTP_404_NOT_FOUND else "invalid-parameters"
    detail = exc.detail if isinstance(getattr(exc, "detail", None), str) else PROBLEM_KINDS[kind][2]
    return problem_body(kind, str(detail), status_code=status_code)


def _flatten(detail, *, in_query: bool, path: str = "") -> list[dict]:
    """[{"detail", "parameter"|"pointer"}] from DRF's nested error detail."""
    if isinstance(detail, dict):
        errors = []
        for name, value in detail.items():
            name = "" if name in ("non_field_errors", "__all__") else str(name)
            errors += _flatten(value, in_query=in_query, path=f"{path}/{name}" if name else path)
        return errors
    if isinstance(detail, list):
        if all(not isinstance(item, dict | list) for item in detail):
            return [_error(str(item), path, in_query) for item in detail]
        errors = []
        for index, item in enumerate(detail):
            errors += _flatten(item, in_query=in_query, path=f"{path}/{index}")
        return errors
    return [_error(str(detail), path, in_query)]


def _error(message: str, path: str, in_query: bool) -> dict:
    if in_query:
        return {"detail": message, "parameter": path.lstrip("/").split("/")[0]}
    return {"detail": message, "pointer": path}


def problem_response(kind: str, detail: str, *, errors: list | None = None) -> JsonResponse:
    """A problem+json response outside DRF (Django's 400, 404 and 500 handlers, middleware under /api/)."""
    body = problem_body(kind, detail, errors=errors)
    return JsonResponse(body, status=body["status"], content_type=PROBLEM_MEDIA_TYPE)
