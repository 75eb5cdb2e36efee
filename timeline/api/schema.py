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
    "414": "Query string too long (over MAX_QUERY_STRING_BYTES).",
    "429": "Too many requests; see Retry-After.",
}
WRITE_ERRORS = {"401": "Not authenticated.", "403": "Permission denied."}
CHANGE_ERRORS = {
    "409": "Conflict: other records rest on the item (a delete).",
    "412": "Precondition failed: If-Match is not the item's current ETag, which the answer's ETag carries.",
    "428": "Precondition required: If-Match with the item's current ETag is missing.",
}


JSON_FORMAT_PARAMETER = {
    "name": "format",
    "in": "query",
    "required": False,
    "description": "json (the default): the same as Accept: application/json, and wins over Accept.",
    "schema": {"type": "string", "enum": ["json"]},
}


def add_format_parameter(result, generator, request, public):
    """drf-spectacular postprocessing hook: `format` is accepted on every read; document it where not already."""
    for path_item in result.get("paths", {}).values():
        operation = path_item.get("get")
        if operation is None:
            continue
        parameters = operation.setdefault("parameters", [])
        if not any(parameter.get("name") == "format" for parameter in parameters):
            parameters.append(dict(JSON_FORMAT_PARAMETER))
    return result


# A value the API reads is never empty, blank or holding a NUL character (those are 400s): the schema says so.
NOT_BLANK = "^[^\\u0000]*\\S[^\\u0000]*$"


def _not_blank(schema: dict) -> None:
    if schema.get("type") == "string" and "enum" not in schema:
        schema.setdefault("minLength", 1)
        schema.setdefault("pattern", NOT_BLANK)
    if schema.get("type") == "array":
        schema.setdefault("minItems", 1)
        _not_blank(schema.get("items", {}))


def forbid_blank_parameters(result, generator, request, public):
    """drf-spectacular postprocessing hook: every query parameter's schema refuses empty and blank values."""
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            for parameter in operation.get("parameters", []):
                if parameter.get("in") == "query":
                    _not_blank(parameter.setdefault("schema", {}))
    return result


def add_problem_responses(result, generator, request, public):
    """drf-spectacular postprocessing hook: a Problem component, referenced by every operation's errors."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            # Any request may carry a token that is wrong (401), and some reads are for editors only (403).
            errors = {**READ_ERRORS, **WRITE_ERRORS}
            if method in ("put", "patch", "delete"):
                errors = {**errors, **CHANGE_ERRORS}
            for status, description in errors.items():
                operation.setdefault("responses", {}).setdefault(
                    status, {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": reference}}}
                )
    return result
