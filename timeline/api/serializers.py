"""JSON representations. Every item carries its slug and UUID; details embed what a client needs to draw it."""

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from timeline.choices import DateBasis, DatePrecision, Tense
from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue


def _url(view_name: str) -> serializers.HyperlinkedIdentityField:
    return serializers.HyperlinkedIdentityField(view_name=f"api:{view_name}-detail", lookup_field="slug")


class DateSerializer(serializers.Serializer):
    """An honest date: the words as written and what they let us say."""

    text = serializers.CharField(source="date_text", help_text="The date words as written in the source.")
    earliest = serializers.DateField(allow_null=True, help_text="Earliest possible day; null when unknown.")
    latest = serializers.DateField(allow_null=True, help_text="Latest possible day; null when unknown.")
    precision = serializers.ChoiceField(source="date_precision", choices=DatePrecision.choices)
    basis = serializers.ChoiceField(source="date_basis", choices=DateBasis.choices)
    tense = serializers.ChoiceField(source="date_tense", choices=Tense.choices)
    edtf = serializers.CharField(help_text="ISO 8601-2 (EDTF) rendering.")
    note = serializers.CharField(source="date_note", help_text="The editor's reason, when an editor supplied it.")


class ActorReferenceSerializer(serializers.ModelSerializer):
    url = _url("actor")

    class Meta:
        model = Actor
        fields = ["slug", "uuid", "url", "name", "kind"]


class VenueReferenceSerializer(serializers.ModelSerializer):
    url = _url("venue")
    country = serializers.CharField(source="country.code")

    class Meta:
        model = Venue
        fields = ["slug", "uuid", "url", "name", "kind", "country"]


class TopicReferenceSerializer(serializers.ModelSerializer):
    url = _url("topic")

    class Meta:
        model = Topic
        fields = ["slug", "uuid", "url", "name"]


class SourceReferenceSerializer(serializers.ModelSerializer):
    url = _url("source")
    article_url = serializers.CharField(source="url", help_text="Where the source is published; may be empty.")

    class Meta:
        model = Source
        fields = ["slug", "uuid", "url", "article_url", "title", "publisher", "published_on"]


class EventReferenceSerializer(serializers.ModelSerializer):
    url = _url("event")

    class Meta:
        model = Event
        fields = ["slug", "uuid", "url", "title", "kind", "status"]


class StatementReferenceSerializer(serializers.ModelSerializer):
    url = _url("statement")

    class Meta:
        model = Statement
        fields = ["slug", "uuid", "url", "title", "mode"]


class ParticipantSerializer(serializers.ModelSerializer):
    slug = serializers.SlugField(source="actor.slug")
    uuid = serializers.UUIDField(source="actor.uuid")
    name = serializers.CharField(source="actor.name")
    kind = serializers.CharField(source="actor.kind")
    url = serializers.HyperlinkedRelatedField(
        source="actor", view_name="api:actor-detail", lookup_field="slug", read_only=True
    )

    class Meta:
        model = Participation
        fields = ["role", "slug", "uuid", "url", "name", "kind"]


class CitationSerializer(serializers.ModelSerializer):
    """A verbatim span of a source, with W3C Web Annotation selectors.

    `start`/`end` count Unicode code points (start inclusive, end exclusive); for text within the Basic
    Multilingual Plane they equal JavaScript's UTF-16 string offsets.
    """

    source = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    target = serializers.SerializerMethodField()

    class Meta:
        model = Citation
        fields = ["slug", "uuid", "source", "start", "end", "exact", "target"]

    @extend_schema_field(OpenApiTypes.OBJECT)
    def get_target(self, citation) -> dict:
        request = self.context.get("request")
        source_url = reverse("api:source-detail", kwargs={"slug": citation.source.slug})
        return {
            "source": request.build_absolute_uri(source_url) if request else source_url,
            "selector": citation.selectors(),
        }


class EventSerializer(serializers.ModelSerializer):
    type = serializers.SerializerMethodField()
    url = _url("event")
    date = DateSerializer(source="*")
    venue = VenueReferenceSerializer(allow_null=True)
    parent = EventReferenceSerializer(allow_null=True)
    participants = ParticipantSerializer(source="participations", many=True)
    topics = TopicReferenceSerializer(many=True)
    source = SourceReferenceSerializer()
    citations = CitationSerializer(many=True)

    class Meta:
        model = Event
        fields = [
            "type",
            "slug",
            "uuid",
            "url",
            "title",
            "kind",
            "status",
            "date",
            "venue",
            "parent",
            "participants",
            "topics",
            "summary",
            "source",
            "citations",
            "created_at",
            "updated_at",
        ]

    def get_type(self, obj) -> str:
        return "event"


class EventDetailSerializer(EventSerializer):
    statements = StatementReferenceSerializer(many=True)
    children = EventReferenceSerializer(many=True)

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "statements", "children"]


class StatementSerializer(serializers.ModelSerializer):
    type = serializers.SerializerMethodField()
    url = _url("statement")
    date = DateSerializer(source="*")
    speaker = ActorReferenceSerializer(allow_null=True, help_text="Null when the source says it in its own voice.")
    in_source_voice = serializers.SerializerMethodField(help_text="True when the source itself makes the claim.")
    outlet = ActorReferenceSerializer(allow_null=True)
    event = EventReferenceSerializer(allow_null=True)
    topics = TopicReferenceSerializer(many=True)
    about = ActorReferenceSerializer(source="about_actors", many=True)
    source = SourceReferenceSerializer()
    citations = CitationSerializer(many=True)

    class Meta:
        model = Statement
        fields = [
            "type",
            "slug",
            "uuid",
            "url",
            "title",
            "text",
            "mode",
            "is_translation",
            "date",
            "speaker",
            "in_source_voice",
            "outlet",
            "event",
            "topics",
            "about",
            "source",
            "citations",
            "created_at",
            "updated_at",
        ]

    def get_type(self, obj) -> str:
        return "statement"

    def get_in_source_voice(self, obj) -> bool:
        return obj.speaker_id is None


class ActorSerializer(serializers.ModelSerializer):
    url = _url("actor")
    affiliation = ActorReferenceSerializer(allow_null=True)
    timeline = serializers.HyperlinkedIdentityField(view_name="api:actor-timeline", lookup_field="slug")

    class Meta:
        model = Actor
        fields = ["slug", "uuid", "url", "name", "kind", "role", "affiliation", "aliases", "timeline", "updated_at"]


class VenueSerializer(serializers.ModelSerializer):
    url = _url("venue")
    country = serializers.CharField(source="country.code")
    latitude = serializers.FloatField(allow_null=True)
    longitude = serializers.FloatField(allow_null=True)

    class Meta:
        model = Venue
        fields = [
            "slug",
            "uuid",
            "url",
            "name",
            "kind",
            "country",
            "latitude",
            "longitude",
            "coordinate_precision",
            "updated_at",
        ]


class TopicSerializer(serializers.ModelSerializer):
    url = _url("topic")

    class Meta:
        model = Topic
        fields = ["slug", "uuid", "url", "name", "description", "updated_at"]


class SourceSerializer(serializers.ModelSerializer):
    url = _url("source")
    article_url = serializers.CharField(source="url", help_text="Where the source is published; may be empty.")

    class Meta:
        model = Source
        fields = [
            "slug",
            "uuid",
            "url",
            "article_url",
            "title",
            "title_basis",
            "title_note",
            "publisher",
            "publisher_basis",
            "publisher_note",
            "published_on",
            "published_on_basis",
            "published_on_note",
            "language",
            "text_sha256",
            "updated_at",
        ]


class SourceDetailSerializer(SourceSerializer):
    class Meta(SourceSerializer.Meta):
        fields = [*SourceSerializer.Meta.fields, "text"]
