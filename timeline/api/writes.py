"""The editors' write API: POST, PUT, PATCH and DELETE on the `/api/v1/` items.

- Who: editors, by DRF token (`Authorization: Token …`) or by session (with CSRF) for the browser; what they may
  do is their Django model permissions (the `Editors` group). Anonymous writes are 401, others' 403.
- No lost update: PUT, PATCH and DELETE need `If-Match` with the item's current strong ETag
  (`timeline.api.etags`): 428 without it, 412 (with the current ETag) when another write came first. The item's
  row is locked while it is compared and written, and every write is one transaction: a refused write changes
  nothing.
- Payloads mirror the read representation, so a client can read an item, change a field and send it back:
  the same field names, related records by slug (or an embedded object with its `slug`), read-only fields
  (`uuid`, `url`, timestamps, ...) ignored. `slug` is optional on POST (derived from the name or title).
- No rule lives here: the serializers only shape input; the models' `full_clean()` (and the services for
  multi-row writes) decide. Their `ValidationError` is a 400 problem whose `pointer`s name payload fields.
"""

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, permissions, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as PayloadError
from rest_framework.response import Response

from timeline import citations as spans
from timeline import services
from timeline.api.etags import etag_of, item_etag, matches_strongly
from timeline.api.pagination import SmallListPagination
from timeline.api.problems import Conflict, PreconditionFailed, PreconditionRequired
from timeline.choices import DateBasis
from timeline.models import Actor, Event, Source, Topic, Venue

# --- Who may write ----------------------------------------------------------------------------------------


class EditorPermissions(permissions.DjangoModelPermissions):
    """Reads for everyone; a write needs the model permission for it (add, change, delete)."""

    def has_permission(self, request, view):
        if request.method in permissions.SAFE_METHODS:
            return True
        # Anonymous requests carry no user at all (UNAUTHENTICATED_USER is None).
        return request.user is not None and super().has_permission(request, view)


# --- Input shapes -----------------------------------------------------------------------------------------


class SlugReferenceField(serializers.SlugRelatedField):
    """A related record named by its slug, or by an embedded object carrying it (as a read shows it)."""

    default_error_messages = {"no_slug": "Name the record by its slug, or an object with its slug."}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def to_internal_value(self, data):
        if isinstance(data, dict):
            if not isinstance(data.get("slug"), str):
                self.fail("no_slug")
            data = data["slug"]
        return super().to_internal_value(data)


class RecordInput(serializers.Serializer):
    """The writable fields of a record, keyed in `validated_data` by model attribute.

    Only shapes are checked here (a string, a list, a known slug); the model's `full_clean()` judges values.
    """

    slug = serializers.CharField(required=False, help_text="Optional when creating: derived from the name.")
    slug_from = "name"

    def model_pointer(self, attname: str) -> str:
        """The JSON pointer of the payload field that sets model attribute `attname` ("" for the whole)."""
        return _pointers(self).get(attname, f"/{attname}")


def _pointers(serializer, prefix: str = "") -> dict[str, str]:
    found = {}
    for name, field in serializer.fields.items():
        if field.read_only:
            continue
        if isinstance(field, serializers.Serializer) and field.source == "*":
            found.update(_pointers(field, f"{prefix}/{name}"))
        else:
            found[field.source] = f"{prefix}/{name}"
    return found


class ActorInput(RecordInput):
    name = serializers.CharField()
    kind = serializers.CharField()
    role = serializers.CharField(required=False, allow_blank=True)
    affiliation = SlugReferenceField(queryset=Actor.objects.all(), allow_null=True, required=False)
    aliases = serializers.ListField(child=serializers.CharField(), required=False)


class VenueInput(RecordInput):
    name = serializers.CharField()
    kind = serializers.CharField()
    country = serializers.CharField()
    # Digits are the model's to judge: no rounding here.
    latitude = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True, required=False)
    longitude = serializers.DecimalField(max_digits=None, decimal_places=None, allow_null=True, required=False)
    coordinate_precision = serializers.CharField(required=False)


class TopicInput(RecordInput):
    name = serializers.CharField()
    description = serializers.CharField(required=False, allow_blank=True)


# --- Writing a single-row record -------------------------------------------------------------------------------


def record_save(*, record, fields: dict, slug_from: str = "name", user=None):
    """Set `fields` on `record` and save it after the model's own validation; a new record's slug derives
    from its `slug_from` field when not given."""
    for name, value in fields.items():
        setattr(record, name, value)
    if record._state.adding and not record.slug:
        record.slug = services.free_slug(type(record), slugify(getattr(record, slug_from, "") or "")[:80].strip("-"))
    record.full_clean()
    record._history_user = user  # who made the change, in its history
    record.save()
    return record


# --- Events and statements: many rows each, written by timeline.services ------------------------------------


class DateInput(serializers.Serializer):
    """The date object as a read shows it, written whole.

    Without `basis` "editor", the server resolves `text` against the source (`earliest`, `latest` and
    `precision` sent back from a read are ignored); with it, they are the editor's bounds and `note` the reason.
    """

    text = serializers.CharField(source="date_text", required=False, allow_blank=True)
    tense = serializers.CharField(source="date_tense", required=False)
    by_publication = serializers.BooleanField(source="dated_by_publication", required=False)
    basis = serializers.CharField(source="date_basis", required=False)
    earliest = serializers.DateField(required=False, allow_null=True)
    latest = serializers.DateField(required=False, allow_null=True)
    precision = serializers.CharField(source="date_precision", required=False)
    note = serializers.CharField(source="date_note", required=False, allow_blank=True)

    def to_internal_value(self, data):
        values = super().to_internal_value(data)
        if values.get("date_basis") != DateBasis.EDITOR:
            for derived in ("earliest", "latest", "date_precision"):
                values.pop(derived, None)
            values["date_basis"] = DateBasis.UNKNOWN  # resolved from the words on save
        return values


class EventDateInput(DateInput):
    ends_before = SlugReferenceField(
        source="date_ends_before", queryset=Event.objects.all(), allow_null=True, required=False
    )


class CitationInput(serializers.Serializer):
    """Quoted words of the item's source; `occurrence` (from 1) when they occur more than once. A read's
    `start` picks the occurrence too, so that a citation read and sent back stays where it was."""

    exact = serializers.CharField(trim_whitespace=False)
    occurrence = serializers.IntegerField(min_value=1, required=False)
    start = serializers.IntegerField(min_value=0, required=False)


class ParticipantInput(serializers.Serializer):
    slug = SlugReferenceField(source="actor", queryset=Actor.objects.all(), help_text="The actor's slug.")
    role = serializers.CharField()


class ItemInput(RecordInput):
    slug_from = "title"
    title = serializers.CharField()
    source = SlugReferenceField(queryset=Source.objects.all())
    topics = SlugReferenceField(queryset=Topic.objects.all(), many=True, required=False)
    citations = CitationInput(many=True)


class EventInput(ItemInput):
    kind = serializers.CharField()
    status = serializers.CharField()
    date = EventDateInput(source="*", required=False)
    venue = SlugReferenceField(queryset=Venue.objects.all(), allow_null=True, required=False)
    parent = SlugReferenceField(queryset=Event.objects.all(), allow_null=True, required=False)
    participants = ParticipantInput(many=True, required=False)
    summary = serializers.CharField()


class StatementInput(ItemInput):
    text = serializers.CharField(trim_whitespace=False)
    mode = serializers.CharField()
    is_translation = serializers.BooleanField(required=False)
    date = DateInput(source="*", required=False)
    speaker = SlugReferenceField(queryset=Actor.objects.all(), allow_null=True, required=False)
    outlet = SlugReferenceField(queryset=Actor.objects.all(), allow_null=True, required=False)
    event = SlugReferenceField(queryset=Event.objects.all(), allow_null=True, required=False)
    about = SlugReferenceField(source="about_actors", queryset=Actor.objects.all(), many=True, required=False)


def quoted(citation: dict, source: Source) -> dict:
    """The service's citation input; a read's `start` names the occurrence it had."""
    if "occurrence" in citation or "start" not in citation:
        return {key: citation[key] for key in ("exact", "occurrence") if key in citation}
    starts = spans.occurrences(source.text, citation["exact"])
    occurrence = starts.index(citation["start"]) + 1 if citation["start"] in starts else None
    return {"exact": citation["exact"], "occurrence": occurrence}


# --- History -------------------------------------------------------------------------------------------------


class CanSeeHistory(permissions.BasePermission):
    """An item's history is for editors: those who may change it."""

    def has_permission(self, request, view):
        model = view.get_queryset().model
        user = request.user
        return user is not None and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


class HistoryEntrySerializer(serializers.Serializer):
    """One change to an item: when, by whom, what kind, and the item's fields as they were after it."""

    version = serializers.IntegerField()
    changed_at = serializers.DateTimeField(source="history_date")
    change = serializers.SerializerMethodField()
    changed_by = serializers.SerializerMethodField(help_text="The editor's username; null for scripts.")
    reason = serializers.CharField(source="history_change_reason", allow_null=True)
    record = serializers.SerializerMethodField(help_text="The item's own fields after the change.")

    CHANGES = {"+": "created", "~": "changed", "-": "deleted"}

    def get_change(self, entry) -> str:
        return self.CHANGES[entry.history_type]

    def get_changed_by(self, entry) -> str | None:
        return entry.history_user.get_username() if entry.history_user else None

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_record(self, entry) -> dict:
        tracked = entry.instance_type._meta.concrete_fields
        return {field.attname: field.value_to_string(entry) for field in tracked if field.attname != "id"}


class HistoryMixin:
    """`GET …/{slug}/history/`: the item's changes, newest first, paged like the small lists."""

    paged_actions = ("history",)

    @extend_schema(responses=HistoryEntrySerializer(many=True))
    @action(
        detail=True,
        methods=["get"],
        permission_classes=[CanSeeHistory],
        filter_backends=[],
        pagination_class=SmallListPagination,
    )
    def history(self, request, *args, **kwargs):
        item = get_object_or_404(self.get_queryset().model, **{self.lookup_field: kwargs[self.lookup_field]})
        entries = item.history.select_related("history_user").order_by("-history_date", "-history_id")
        paginator = SmallListPagination()
        page = paginator.paginate_queryset(entries, request, view=self)
        return paginator.get_paginated_response(HistoryEntrySerializer(page, many=True).data)


# --- The views ------------------------------------------------------------------------------------------------

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    required=True,
    description='The item\'s current ETag, as its last read answered it (a strong ETag, `"event-12-v3"`).',
)


def write_schema(read_serializer, input_serializer):
    """OpenAPI for a viewset's writes: the input payload, If-Match, and the answers (problems: `api/schema.py`)."""
    changed = {200: read_serializer}
    return extend_schema_view(
        create=extend_schema(request=input_serializer, responses={201: read_serializer}),
        update=extend_schema(request=input_serializer, parameters=[IF_MATCH], responses=changed),
        partial_update=extend_schema(request=input_serializer, parameters=[IF_MATCH], responses=changed),
        destroy=extend_schema(parameters=[IF_MATCH], responses={204: None}),
    )


class WriteMixin(HistoryMixin, mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin):
    """Editors' writes on a read viewset (see the module's docstring). A viewset names its `input_class`."""

    # IsAuthenticatedOrReadOnly says nothing EditorPermissions does not, but tells the schema that reads need no
    # credentials (drf-spectacular then lists anonymous access beside the token and session schemes).
    permission_classes = [permissions.IsAuthenticatedOrReadOnly, EditorPermissions]
    input_class = RecordInput

    def create(self, request, *args, **kwargs):
        payload = self.input_class(data=request.data)
        payload.is_valid(raise_exception=True)
        with transaction.atomic():
            record = self.write(payload, record=self.get_queryset().model())
        response = self.representation(record, status.HTTP_201_CREATED)
        response["Location"] = request.build_absolute_uri(
            reverse(f"api:{self.basename}-detail", kwargs={self.lookup_field: record.slug})
        )
        return response

    def update(self, request, *args, partial=False, **kwargs):
        with transaction.atomic():
            record = self.locked_record(if_match=request.headers.get("If-Match"))
            payload = self.input_class(data=request.data, partial=partial)
            payload.is_valid(raise_exception=True)
            record = self.write(payload, record=record)
        return self.representation(record, status.HTTP_200_OK)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            record = self.locked_record(if_match=request.headers.get("If-Match"))
            try:
                self.delete_record(record)
            except ProtectedError as error:
                in_use = sorted(str(getattr(row, "slug", row)) for row in error.protected_objects)[:10]
                raise Conflict(
                    f"{record.slug} cannot be deleted while these rest on it: {', '.join(in_use)}."
                ) from error
            except ModelValidationError as error:
                raise Conflict(" ".join(error.messages)) from error
        return Response(status=status.HTTP_204_NO_CONTENT)

    def delete_record(self, record) -> None:
        record._history_user = self.request.user
        record.delete()

    def write(self, payload, *, record):
        """Save the payload's fields on `record`; viewsets whose writes span rows call a service instead."""
        fields = {name: value for name, value in payload.validated_data.items() if name != "slug" or value}
        return self.refusing_invalid(
            payload=payload,
            write=lambda: record_save(
                record=record, fields=fields, slug_from=payload.slug_from, user=self.request.user
            ),
        )

    @staticmethod
    def refusing_invalid(*, payload, write):
        """Run `write`; a model's ValidationError becomes a 400 problem pointing at the payload's fields."""
        try:
            return write()
        except ModelValidationError as error:
            raise PayloadError(_payload_errors(error, payload)) from error

    def locked_record(self, *, if_match: str | None):
        """The item, its row locked until the transaction ends, once `If-Match` is its current ETag."""
        model = self.get_queryset().model
        lookup = {self.lookup_field: self.kwargs[self.lookup_field]}
        row = model.objects.select_for_update().filter(**lookup).values_list("pk", "version").first()
        if row is None:
            raise NotFound()
        current = item_etag(model, *row)
        if not if_match or if_match.strip() == "*":
            raise PreconditionRequired(etag=current)
        if not matches_strongly(if_match, current):
            raise PreconditionFailed(etag=current)
        return model.objects.get(pk=row[0])

    def representation(self, record, status_code: int) -> Response:
        """The item as a GET of it answers (its detail representation), with its new ETag."""
        self.action = "retrieve"
        record = self.get_queryset().get(pk=record.pk)
        response = Response(self.get_serializer(record).data, status=status_code)
        response["ETag"] = etag_of(record)
        return response


class ItemWriteMixin(WriteMixin):
    """Writes of events and statements, through `timeline.services` (one transaction, every rule the models')."""

    LISTS = ("participants", "citations", "topics", "about_actors")

    def write(self, payload, *, record):
        fields = dict(payload.validated_data)
        if not fields.get("slug"):
            fields.pop("slug", None)
        lists = {name: fields.pop(name) for name in self.LISTS if name in fields}
        source = fields.pop("source", None) if record._state.adding else fields.get("source", record.source)
        if "citations" in lists:
            lists["citations"] = [quoted(citation, source) for citation in lists["citations"]]
        if "participants" in lists:
            lists["participants"] = [{"actor": p["actor"], "role": p["role"]} for p in lists["participants"]]
        user = self.request.user
        name = type(record)._meta.model_name
        if record._state.adding:
            create = getattr(services, f"{name}_create")
            return self.refusing_invalid(
                payload=payload, write=lambda: create(source=source, fields=fields, user=user, **lists)
            )
        update = getattr(services, f"{name}_update")
        return self.refusing_invalid(
            payload=payload, write=lambda: update(**{name: record}, fields=fields, user=user, **lists)
        )

    def delete_record(self, record):
        services.item_delete(item=record, user=self.request.user)


def _payload_errors(error: ModelValidationError, payload) -> dict[str, list[str]]:
    """{pointer path: messages} from a model's (or a service's) ValidationError.

    Keys are model attributes (`date_text`) or a service's dotted paths into nested rows (`citations.1.exact`).
    """
    messages = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    errors: dict[str, list[str]] = {}
    for key, texts in messages.items():
        head, _, rest = ("" if key == "__all__" else key).partition(".")
        pointer = payload.model_pointer(head) if payload is not None and head else (f"/{head}" if head else "")
        path = "/".join(filter(None, [pointer.strip("/"), rest.replace(".", "/")]))
        errors.setdefault(path, []).extend(texts)
    return errors
