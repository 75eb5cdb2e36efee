"""OpenAPI additions: every operation documents its problem-details error responses."""

from timeline.api.problems import PROBLEM_KINDS, PROBLEM_MEDIA_TYPE

PROBLEM_SCHEMA = {
    "type": "object",
    "description": "RFC 9457 problem details.",
    "required": ["type", "title", "status", "detail"],
    "properties": {
        "type": {"type": "string", "format": "uri-reference", "enum": [f"/api/v1/problems/{k}" for k in PROBLEM_KINDS]},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["detail"],
                "properties": {
                    "detail": {"type": "string"},
                    "parameter": {"type": "string", "description": "The query parameter at fault."},
                    "pointer": {"type": "string", "description": "JSON Pointer to the body field at fault."},
                },
            },
        },
    },
}

READ_ERRORS = {
    "400": "Invalid parameters (unknown parameter, bad value, bad cursor or page, page_size over the cap).",
    "404": "Not found.",
    "405": "Method not allowed.",
    "406": "Not acceptable: unknown format or Accept header.",
    "429": "Too many requests; see Retry-After.",
}
WRITE_ERRORS = {"401": "Not authenticated.", "403": "Permission denied."}
CHANGE_ERRORS = {
    "409": "Conflict: other records rest on the item (a delete).",
    "412": "Precondition failed: If-Match is not the item's current ETag, which the answer's ETag carries.",
    "428": "Precondition required: If-Match with the item's current ETag is missing.",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: a Problem component, referenced by every operation's errors."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            errors = READ_ERRORS if method in ("get", "head") else {**READ_ERRORS, **WRITE_ERRORS}
            if method in ("put", "patch", "delete"):
                errors = {**errors, **CHANGE_ERRORS}
            for status, description in errors.items():
                operation.setdefault("responses", {}).setdefault(
                    status, {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": reference}}}
                )
    return result
