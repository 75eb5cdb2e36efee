"""The public filter parameters, with the same names wherever they apply, validated strictly.

FilterSets here only validate and document (django-filter, and through it the OpenAPI schema); the
filtering itself is `timeline.selectors`, so that events, statements and the merged timeline share it.
Invalid input is a 400 naming the parameter, never an empty list or a silent default.
"""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries
from drf_spectacular.utils import extend_schema_field

from timeline.choices import ActorKind, DatePrecision, EventKind, EventStatus, VenueKind
from timeline.models import Actor, Event, Statement, Topic, Venue
from timeline.selectors import ENTRY_TYPES, TimelineQuery, event_list, statement_list

ISO_DATE = ["%Y-%m-%d"]
BOOLEAN_CHOICES = [("true", "true"), ("false", "false")]
DATE_ORDERINGS = [("date", "date"), ("-date", "-date")]
NAME_ORDERINGS = [("name", "name"), ("-name", "-name"), ("slug", "slug"), ("-slug", "-slug")]
MAX_QUERY_LENGTH = 200
SLUG_PATTERN = "^[-a-zA-Z0-9_]+$"


class CountryCodeField(forms.CharField):
    """An ISO 3166-1 alpha-2 code, case-insensitive."""

    def clean(self, value):
        value = super().clean(value)
        if value and value.upper() not in dict(countries):
            raise forms.ValidationError(
                _("%(value)s is not an ISO 3166-1 alpha-2 country code."), params={"value": value}
            )
        return value.upper()


@extend_schema_field(
    {"type": "string", "enum": sorted(dict(countries)), "description": "ISO 3166-1 alpha-2 code (any case)."}
)
class CountryCodeFilter(django_filters.CharFilter):
    field_class = CountryCodeField


class DateRangeForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        after, before = cleaned.get("date_after"), cleaned.get("date_before")
        if after and before and after > before:
            self.add_error(
                "date_after",
                _("date_after (%(after)s) is later than date_before (%(before)s).")
                % {"after": after, "before": before},
            )
        if "dated" in cleaned:
            cleaned["dated"] = {"true": True, "false": False}.get(cleaned["dated"])
        return cleaned


def _unused(queryset, name, value):
    return queryset


def slug_filter(model, help_text: str, *, multiple: bool = True):
    """A filter on a record's slug: an unknown slug is a 400, not an empty list."""
    filter_class = django_filters.ModelMultipleChoiceFilter if multiple else django_filters.ModelChoiceFilter
    slug_filter = filter_class(queryset=model.objects.all(), to_field_name="slug", method=_unused, help_text=help_text)
    # drf-spectacular cannot see through `method=`; a slug is a string.
    return extend_schema_field({"type": "string", "pattern": SLUG_PATTERN, "description": help_text})(slug_filter)


class DatedItemFilterSet(django_filters.FilterSet):
    """Filters shared by events, statements and the timeline."""

    actor = slug_filter(
        Actor,
        "Actor slug; repeat for any of several. Matches an event's participants and a statement's speaker "
        "(not the actors a statement is about, not affiliates).",
    )
    topic = slug_filter(Topic, "Topic slug; repeatable (any).")
    precision = django_filters.ChoiceFilter(
        choices=DatePrecision.choices,
        method=_unused,
        help_text="At least this precise, in the order day < week < month < year < unknown.",
    )
    q = django_filters.CharFilter(
        method=_unused,
        max_length=MAX_QUERY_LENGTH,
        help_text="Full-text search (web search syntax) over titles, summaries and quotes. Filters; does not reorder.",
    )
    date_after = django_filters.DateFilter(
        input_formats=ISO_DATE,
        method=_unused,
        help_text="ISO date, inclusive: entries whose possible interval [earliest, latest] reaches this day or later. "
        "An unknown bound counts as unbounded; entries with no date never match.",
    )
    date_before = django_filters.DateFilter(
        input_formats=ISO_DATE,
        method=_unused,
        help_text="ISO date, inclusive: entries whose possible interval starts on or before this day.",
    )
    dated = django_filters.ChoiceFilter(
        choices=BOOLEAN_CHOICES,
        method=_unused,
        help_text="true: only entries with a known date bound; false: only entries with no known date.",
    )
    ordering = django_filters.ChoiceFilter(
        choices=DATE_ORDERINGS, method=_unused, help_text="date (default, undated last) or -date."
    )

    class Meta:
        form = DateRangeForm
        fields = []

    @property
    def timeline_query(self) -> TimelineQuery:
        return TimelineQuery.from_parameters(self.form.cleaned_data)


class EventFilterSet(DatedItemFilterSet):
    venue = slug_filter(Venue, "Venue slug.", multiple=False)
    country = CountryCodeFilter(method=_unused, help_text="ISO 3166-1 alpha-2 code of the venue's country.")
    kind = django_filters.MultipleChoiceFilter(
        choices=EventKind.choices, method=_unused, help_text="Event kind; repeatable (any)."
    )
    status = django_filters.MultipleChoiceFilter(
        choices=EventStatus.choices, method=_unused, help_text="Event status; repeatable (any)."
    )

    class Meta(DatedItemFilterSet.Meta):
        model = Event

    def filter_queryset(self, queryset):
        return event_list(query=self.timeline_query, events=queryset)


class StatementFilterSet(DatedItemFilterSet):
    class Meta(DatedItemFilterSet.Meta):
        model = Statement

    def filter_queryset(self, queryset):
        return statement_list(query=self.timeline_query, statements=queryset)


class TimelineFilterSet(EventFilterSet):
    """The timeline's filters. Event-only filters (venue, country, kind, status) exclude statements."""

    type = django_filters.MultipleChoiceFilter(
        choices=[(name, name) for name in ENTRY_TYPES], method=_unused, help_text="Entry type; repeatable (any)."
    )

    def filter_queryset(self, queryset):
        return queryset


class ActorFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=ActorKind.choices, help_text="Actor kind; repeatable (any).")
    ordering = django_filters.OrderingFilter(fields=("name", "slug"), help_text="name (default), -name, slug, -slug.")

    class Meta:
        model = Actor
        fields = []


class VenueFilterSet(django_filters.FilterSet):
    kind = django_filters.MultipleChoiceFilter(choices=VenueKind.choices, help_text="Venue kind; repeatable (any).")
    country = CountryCodeFilter(field_name="country", help_text="ISO 3166-1 alpha-2 country code.")
    ordering = django_filters.OrderingFilter(fields=("name", "slug"), help_text="name (default), -name, slug, -slug.")

    class Meta:
        model = Venue
        fields = []


class NameOrderingFilterSet(django_filters.FilterSet):
    ordering = django_filters.OrderingFilter(fields=("name", "slug"), help_text="name (default), -name, slug, -slug.")

    class Meta:
        model = Topic
        fields = []


class ActorTimelineFilterSet(TimelineFilterSet):
    """An actor's timeline: the actor is in the path, so `actor` is not a parameter."""

    actor = None
