"""What the machine proposes for a source, for the editors who review it: `GET /api/v1/sources/{slug}/proposals/`.

Editors only (signed in, with permission to change sources, as the Editors group has): proposals are not
published data. The answer is computed from the source's text and the actors and venues already known, in a
constant number of queries; it is private to the editor (`Cache-Control: private`, as every credentialed read).
"""

from types import SimpleNamespace

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_field
from rest_framework import generics, permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from timeline import selectors
from timeline.api.parameters import Parameter, StrictParametersMixin
from timeline.api.serializers import DateSerializer
from timeline.models import Source
from timeline.proposals import ProposalKind

KINDS = [kind.value for kind in ProposalKind]


class ReviewsProposals(permissions.BasePermission):
    """A signed-in editor: someone who may change sources."""

    def has_permission(self, request, view):
        return request.user is not None and request.user.has_perm("timeline.change_source")


class ProposedNameSerializer(serializers.Serializer):
    name = serializers.CharField(help_text="The known actor's or venue's name, or the name as the text writes it.")
    slug = serializers.CharField(help_text="The known actor's or venue's slug; empty for a new one.")
    is_new = serializers.BooleanField(help_text="Not yet known: accepting it creates it.")


class ConfidenceSerializer(serializers.Serializer):
    rule = serializers.CharField(help_text="Which rule proposed it, e.g. quotation:tag_before_quote:known_name.")
    score = serializers.FloatField(help_text="How far the rule can be trusted, 0 to 1.")


class ProposalSerializer(serializers.Serializer):
    """One proposed span: its kind, exact words and offsets (code points), selectors as citations have."""

    kind = serializers.ChoiceField(choices=KINDS)
    start = serializers.IntegerField()
    end = serializers.IntegerField()
    exact = serializers.CharField()
    selectors = serializers.ListField(child=serializers.DictField())
    sentence = serializers.SerializerMethodField(help_text="The [start, end) of the sentence it belongs to.")
    confidence = ConfidenceSerializer()
    speaker = ProposedNameSerializer(allow_null=True, help_text="Quotations and statements: who said it.")
    date = serializers.SerializerMethodField(help_text="Date phrases: the date object an entry would carry.")
    name = ProposedNameSerializer(allow_null=True, help_text="Names: the actor or venue it names.")

    @extend_schema_field(DateSerializer(allow_null=True))
    def get_date(self, proposal) -> dict | None:
        """The date object exactly as an event or statement would carry it, resolved against the publication date."""
        if proposal.date is None:
            return None
        resolved = proposal.date
        date_object = SimpleNamespace(
            date_text=proposal.exact,
            earliest=resolved.earliest,
            latest=resolved.latest,
            date_precision=resolved.precision.value,
            date_basis=resolved.basis.value,
            date_tense=proposal.tense,
            date_approximate=resolved.approximate,
            date_ongoing=False,
            edtf=resolved.edtf(),
            date_note="",
        )
        return DateSerializer(date_object).data

    def get_sentence(self, proposal) -> dict[str, int]:
        start, end = proposal.sentence
        return {"start": start, "end": end}


class SourceProposalsView(StrictParametersMixin, generics.GenericAPIView):
    """Every proposal for the source's text, in reading order; `kind` keeps only those kinds."""

    permission_classes = [ReviewsProposals]
    serializer_class = ProposalSerializer
    queryset = Source.objects.all()
    lookup_field = "slug"
    filter_backends = []
    pagination_class = None
    query_parameters = (Parameter("kind", repeatable=True),)

    @extend_schema(
        parameters=[OpenApiParameter("kind", OpenApiTypes.STR, enum=KINDS, many=True, description="Repeatable.")],
        responses=ProposalSerializer(many=True),
    )
    def get(self, request, *args, **kwargs):
        kinds = self._kinds(request)
        proposals = selectors.source_proposals(source=self.get_object())
        if kinds:
            proposals = [proposal for proposal in proposals if proposal.kind in kinds]
        return Response(self.get_serializer(proposals, many=True).data)

    @staticmethod
    def _kinds(request) -> set[str]:
        kinds = set(request.query_params.getlist("kind"))
        if unknown := sorted(kinds - set(KINDS)):
            raise ValidationError(
                {"kind": [f"Not a kind of proposal: {', '.join(unknown)}. One of: {', '.join(KINDS)}."]}
            )
        return kinds
