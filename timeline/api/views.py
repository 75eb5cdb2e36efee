"""Read-only API views: declarative viewsets, plus the merged timeline."""

from dataclasses import replace
from types import SimpleNamespace

from django.shortcuts import get_object_or_404
from django_filters import utils as filter_utils
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework import generics, mixins, routers, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.exceptions import NotFound
from rest_framework.response import Response

from timeline import dates, selectors
from timeline.api import exports, serializers, writes
from timeline.api.etags import ItemETagMixin
from timeline.api.filters import StrictFilterBackend
from timeline.api.pagination import KeysetPagination, SmallListPagination
from timeline.api.parameters import Parameter, RequestWithoutFormat, StrictParametersMixin
from timeline.api.problems import PROBLEM_KINDS, problem_type
from timeline.filtersets import (
    ActorFilterSet,
    ActorTimelineFilterSet,
    EventFilterSet,
    NameOrderingFilterSet,
    StatementFilterSet,
    TimelineFilterSet,
    VenueFilterSet,
)
from timeline.models import Actor, Event, Source, Statement, Topic, Venue


class SlugLookupMixin(ItemETagMixin):
    """Items at `/<resource>/<slug>/`, read with their strong ETag."""

    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"


class ReadViewSet(StrictParametersMixin, SlugLookupMixin, viewsets.ReadOnlyModelViewSet):
    """A resource editors write to (the write API adds its methods): strict parameters, slugs in the path."""

    editor_writes = True


@writes.write_schema(serializers.EventDetailSerializer, writes.EventInput)
class EventViewSet(writes.ItemWriteMixin, ReadViewSet):
    """Events, in chronological order (undated last), with every timeline filter that applies to events."""

    entry_type = selectors.EVENT
    input_class = writes.EventInput
    filterset_class = EventFilterSet
    pagination_class = KeysetPagination

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.event_detail_queryset()
        return selectors.with_event_relations(Event.objects.all())

    def get_serializer_class(self):
        return serializers.EventDetailSerializer if self.action == "retrieve" else serializers.EventSerializer


@writes.write_schema(serializers.StatementSerializer, writes.StatementInput)
class StatementViewSet(writes.ItemWriteMixin, ReadViewSet):
    """Statements, in chronological order (undated last). `actor` matches the speaker."""

    entry_type = selectors.STATEMENT
    input_class = writes.StatementInput
    filterset_class = StatementFilterSet
    pagination_class = KeysetPagination
    serializer_class = serializers.StatementSerializer

    def get_queryset(self):
        return selectors.with_statement_relations(Statement.objects.all())


@writes.write_schema(serializers.ActorSerializer, writes.ActorInput)
class ActorViewSet(writes.WriteMixin, ReadViewSet):
    input_class = writes.ActorInput
    queryset = Actor.objects.select_related("affiliation").order_by("name", "id")
    serializer_class = serializers.ActorSerializer
    filterset_class = ActorFilterSet
    pagination_class = SmallListPagination


@writes.write_schema(serializers.VenueSerializer, writes.VenueInput)
class VenueViewSet(writes.WriteMixin, exports.GeoJSONExportMixin, ReadViewSet):
    input_class = writes.VenueInput
    queryset = Venue.objects.order_by("name", "id")
    serializer_class = serializers.VenueSerializer
    filterset_class = VenueFilterSet
    pagination_class = SmallListPagination


@writes.write_schema(serializers.TopicSerializer, writes.TopicInput)
class TopicViewSet(writes.WriteMixin, ReadViewSet):
    input_class = writes.TopicInput
    queryset = Topic.objects.order_by("name", "id")
    serializer_class = serializers.TopicSerializer
    filterset_class = NameOrderingFilterSet
    pagination_class = SmallListPagination


class SourceViewSet(ReadViewSet):
    pagination_class = SmallListPagination

    def get_queryset(self):
        if self.action == "retrieve":
            return Source.objects.all()
        return Source.objects.defer("text").order_by("slug")

    def get_serializer_class(self):
        return serializers.SourceDetailSerializer if self.action == "retrieve" else serializers.SourceSerializer


TIMELINE_ENTRY = PolymorphicProxySerializer(
    component_name="TimelineEntry",
    serializers={"event": serializers.EventSerializer, "statement": serializers.StatementSerializer},
    resource_type_field_name="type",
)


class TimelineView(StrictParametersMixin, exports.TimelineExportMixin, mixins.ListModelMixin, generics.GenericAPIView):
    """One chronological stream of events and statements, ordered by the never-NULL sort key.

    Entries with no known date come last (`dated=true` leaves them out). A filter that applies only to
    events (venue, country, kind, status) leaves statements out.
    """

    queryset = Event.objects.none()
    filterset_class = TimelineFilterSet
    pagination_class = KeysetPagination

    @extend_schema(responses=TIMELINE_ENTRY, parameters=[exports.TIMELINE_FORMAT_PARAMETER])
    def get(self, request, *args, **kwargs):
        query = self.validated_query()
        sources = {
            selectors.EVENT: self.with_relations(selectors.event_list(query=query), selectors.EVENT),
            selectors.STATEMENT: self.with_relations(selectors.statement_list(query=query), selectors.STATEMENT),
        }
        if exports.is_export(request):
            return self.export_response(sources)
        entries = self.paginator.paginate_sources(sources, request)
        return self.get_paginated_response(self.serialize(entries))

    def validated_query(self) -> selectors.TimelineQuery:
        filterset = StrictFilterBackend().get_filterset(self.request, self.get_queryset(), self)
        if not filterset.is_valid():
            raise filter_utils.translate_validation(filterset.errors)
        return self.restrict(filterset.timeline_query)

    def restrict(self, query: selectors.TimelineQuery) -> selectors.TimelineQuery:
        return query

    @staticmethod
    def with_relations(queryset, entry_type):
        if queryset is None:
            return None
        if entry_type == selectors.EVENT:
            return selectors.with_event_relations(queryset)
        return selectors.with_statement_relations(queryset)

    def serialize(self, entries) -> list[dict]:
        """The entries in their order, each type rendered by one `many=True` serializer: DRF builds a serializer's
        fields once per instance, so one serializer per entry cost most of a page's time."""
        context = self.get_serializer_context()
        by_type = {
            selectors.EVENT: serializers.EventSerializer,
            selectors.STATEMENT: serializers.StatementSerializer,
        }
        entries = list(entries)
        rendered = {
            entry_type: iter(
                serializer([item for kind, item in entries if kind == entry_type], many=True, context=context).data
            )
            for entry_type, serializer in by_type.items()
        }
        return [next(rendered[entry_type]) for entry_type, _ in entries]


class ActorTimelineView(TimelineView):
    """The timeline of one actor: events it took part in and statements it made."""

    filterset_class = ActorTimelineFilterSet

    @extend_schema(responses=TIMELINE_ENTRY, parameters=[exports.TIMELINE_FORMAT_PARAMETER])
    def get(self, request, *args, **kwargs):
        self.actor = get_object_or_404(Actor, slug=kwargs["slug"])
        return super().get(request, *args, **kwargs)

    def restrict(self, query):
        return replace(query, actors=[self.actor])


class ProblemKindSerializer(drf_serializers.Serializer):
    type = drf_serializers.CharField()
    status = drf_serializers.IntegerField()
    title = drf_serializers.CharField()
    description = drf_serializers.CharField()


def _problem_kinds() -> dict[str, dict]:
    return {
        name: {"type": problem_type(name), "status": status, "title": title, "description": description}
        for name, (status, title, description) in PROBLEM_KINDS.items()
    }


class ProblemKindListView(StrictParametersMixin, generics.GenericAPIView):
    """The kinds of error this API answers with (RFC 9457 problem `type` URIs)."""

    serializer_class = ProblemKindSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(responses=ProblemKindSerializer(many=True))
    def get(self, request):
        return Response(list(_problem_kinds().values()))


class ProblemKindDetailView(StrictParametersMixin, generics.GenericAPIView):
    """One kind of error, at its problem `type` URI."""

    serializer_class = ProblemKindSerializer
    filter_backends = []

    def get(self, request, kind):
        kinds = _problem_kinds()
        if kind not in kinds:
            raise NotFound(f"No problem kind {kind!r}.")
        return Response(kinds[kind])


class APIRootView(StrictParametersMixin, routers.APIRootView):
    """The API's entry point: links to every list (plain addresses, whatever format the root was read in)."""

    def get(self, request, *args, **kwargs):
        return super().get(RequestWithoutFormat(request), *args, **kwargs)


class SchemaView(StrictParametersMixin, SpectacularAPIView):
    """The OpenAPI 3 schema (YAML by default, `?format=json`)."""


class SwaggerView(StrictParametersMixin, SpectacularSwaggerView):
    """Swagger UI over the schema."""


class RedocView(StrictParametersMixin, SpectacularRedocView):
    """ReDoc over the schema."""


class DateResolveView(StrictParametersMixin, generics.GenericAPIView):
    """What a phrase's date words resolve to, as an entry's `date` would carry them; nothing is saved.

    Editors and annotation tools use it to see what a phrase resolves to before saving. Unknown parameters,
    a `published` that is not a YYYY-MM-DD date and a `tense` other than past or future are 400 problems.
    """

    serializer_class = serializers.DateSerializer
    pagination_class = None
    filter_backends = []
    query_parameters = (Parameter("text"), Parameter("published"), Parameter("tense"))

    @extend_schema(parameters=[serializers.DateResolveQuerySerializer], responses=serializers.DateSerializer)
    def get(self, request):
        query = serializers.DateResolveQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        text, tense = query.validated_data["text"], query.validated_data["tense"]
        resolved = dates.resolve(text, query.validated_data.get("published"), tense)
        answer = SimpleNamespace(
            date_text=text,
            earliest=resolved.earliest,
            latest=resolved.latest,
            date_precision=resolved.precision.value,
            date_basis=resolved.basis.value,
            date_tense=tense,
            date_approximate=resolved.approximate,
            date_ongoing=False,
            edtf=resolved.edtf(),
            date_note="",
        )
        return Response(self.get_serializer(answer).data)
