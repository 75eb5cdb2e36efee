"""Strict query parameters: every route under /api/ accepts exactly the parameters it declares.

A view declares what it accepts (`StrictParametersMixin.accepted_parameters`): its filterset's filters and its
paginator's parameters on a list, plus `format` wherever formats are served, plus any the view lists in
`query_parameters`. Anything else is a 400 problem naming the parameter, and so is an empty name, an empty or
blank value, a NUL character, or a single-valued parameter given twice. Checked before anything else runs.
"""

import re
from dataclasses import dataclass

from django_filters import ModelMultipleChoiceFilter, MultipleChoiceFilter
from rest_framework.exceptions import ValidationError
from rest_framework.settings import api_settings

EMPTY_NAME = "(empty name)"
ASCII_WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")


@dataclass(frozen=True)
class Parameter:
    """A query parameter a route accepts; `repeatable` ones may be given more than once (any of the values)."""

    name: str
    repeatable: bool = False
    shapes_list: bool = True


FORMAT = Parameter(api_settings.URL_FORMAT_OVERRIDE, shapes_list=False)
PAGE_SIZE = Parameter("page_size", shapes_list=False)
CURSOR = Parameter("cursor", shapes_list=False)
PAGE = Parameter("page", shapes_list=False)
REPEATABLE_FILTERS = (MultipleChoiceFilter, ModelMultipleChoiceFilter)


def filterset_parameters(filterset_class) -> list[Parameter]:
    """The parameters of a django-filter FilterSet: one per filter, repeatable when the filter takes many."""
    if filterset_class is None:
        return []
    return [
        Parameter(name, repeatable=isinstance(declared, REPEATABLE_FILTERS))
        for name, declared in filterset_class.base_filters.items()
    ]


def whole_number(raw: str, *, parameter: str, minimum: int, maximum: int | None = None) -> int:
    """An ASCII whole number within bounds, or a 400 naming `parameter` (no "²", no Arabic-Indic digits)."""
    bounds = f"from {minimum} to {maximum}" if maximum is not None else f"from {minimum}"
    if not ASCII_WHOLE_NUMBER.fullmatch(raw) or int(raw) < minimum or (maximum is not None and int(raw) > maximum):
        raise ValidationError({parameter: [f"Must be a whole number {bounds} in ASCII digits; got {raw[:50]!r}."]})
    return int(raw)


def check_query_parameters(query_params, accepted: dict[str, Parameter]) -> None:
    """A 400 naming every parameter that is unknown, nameless, empty, blank, has a NUL or is repeated."""
    errors = {}
    for name, values in query_params.lists():
        label = name if name.strip() else EMPTY_NAME
        if name not in accepted:
            known = ", ".join(sorted(accepted)) or "none"
            errors[label] = [f"Unknown parameter for this endpoint (it accepts: {known})."]
        elif len(values) > 1 and not accepted[name].repeatable:
            errors[name] = ["Given more than once; this parameter takes one value."]
        elif any(not value.strip() for value in values):
            errors[name] = ["Empty value; leave the parameter out instead."]
        elif any("\x00" in value for value in values):
            errors[name] = ["The value contains a NUL character."]
    if errors:
        raise ValidationError(errors)


def list_shaping_query(query_params, accepted: dict[str, Parameter]) -> list[tuple[str, str]]:
    """The (name, value) pairs that decide which entries a list holds and in which order, canonically sorted."""
    return sorted(
        (name, value)
        for name, values in query_params.lists()
        if name in accepted and accepted[name].shapes_list
        for value in values
    )


class RequestWithoutFormat:
    """A request minus its `format` parameter, for building links.

    DRF keeps `?format=` in the links it builds; an item's `url` is its plain API address, whatever format the
    list was read in (an export's entries lead to their JSON, not to a format that resource may not offer).
    """

    def __init__(self, request):
        self._request = request
        self.GET = request.GET.copy()
        self.GET.pop(FORMAT.name, None)

    def __getattr__(self, name):
        return getattr(self._request, name)


class StrictParametersMixin:
    """For every API view: the method is checked first (405 before authentication), then the parameters.

    `query_parameters` lists parameters a view accepts beyond its filters, paginator and `format`.
    `editor_writes`: a route editors write to (or will): anonymous writes there are 401, not 405.
    """

    query_parameters: tuple[Parameter, ...] = ()
    editor_writes = False

    def initial(self, request, *args, **kwargs):
        refuse_unsupported_method(self, request)
        check_query_parameters(request.query_params, self.accepted_parameters())
        super().initial(request, *args, **kwargs)

    def get_serializer_context(self):
        context = super().get_serializer_context()
        if context.get("request") is not None:
            context["request"] = RequestWithoutFormat(context["request"])
        return context

    def is_list_route(self) -> bool:
        """A list, or an action on one item that answers a page of records (`paged_actions`, e.g. its history)."""
        if getattr(self, "action", None) in getattr(self, "paged_actions", ()):
            return True
        return not getattr(self, "detail", False) and getattr(self, "action", "list") in ("list", None)

    def accepted_parameters(self) -> dict[str, Parameter]:
        accepted = [FORMAT, *self.query_parameters]
        if self.is_list_route():
            if getattr(self, "filter_backends", None):
                accepted += filterset_parameters(getattr(self, "filterset_class", None))
            paginator = getattr(self, "paginator", None)
            if paginator is not None:
                accepted += list(getattr(paginator, "query_parameters", ()))
        return {parameter.name: parameter for parameter in accepted}


def editor_write_methods(view) -> set[str]:
    """Methods an editor will write with on this route (a list takes POST, a detail PUT, PATCH and DELETE)."""
    if not getattr(view, "editor_writes", False):
        return set()
    return {"PUT", "PATCH", "DELETE"} if getattr(view, "detail", False) else {"POST"}


def refuse_unsupported_method(view, request) -> None:
    """405, whoever asks, for a method the route never supports; routes editors write to go on to authenticate."""
    method = request.method.upper()
    if method in view.allowed_methods or method in editor_write_methods(view):
        return
    view.http_method_not_allowed(request)
