"""Citations edited by pasting the quoted words: the offsets are found for them, never typed."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html

from timeline import citations as spans
from timeline.admin.base import TimelineAdmin
from timeline.models import Citation
from timeline.services import free_slug

CONTEXT = 160


def cited_in_context(citation: Citation) -> str:
    """The cited span highlighted in its surrounding source text."""
    if citation.source_id is None or citation.end is None:
        return "-"
    text = citation.source.text
    start, end = citation.start, citation.end
    return format_html(
        '<span class="cited-context">{}{}<mark>{}</mark>{}{}</span>',
        "…" if start > CONTEXT else "",
        text[max(0, start - CONTEXT) : start],
        text[start:end],
        text[end : end + CONTEXT],
        "…" if end + CONTEXT < len(text) else "",
    )


class CitationForm(forms.ModelForm):
    """The editor pastes the words; the form finds where they are (and asks which, when they recur)."""

    occurrence = forms.IntegerField(
        required=False,
        min_value=1,
        help_text="Only when the words occur more than once in the source: which one (1 for the first).",
    )

    class Meta:
        model = Citation
        fields = ["exact", "occurrence", "position"]
        widgets = {"exact": forms.Textarea(attrs={"rows": 2, "cols": 60})}
        labels = {"exact": "Quoted words"}
        help_texts = {"exact": "Paste the words exactly as the source has them, without quotation marks."}

    def clean(self):
        cleaned = super().clean()
        item = cleaned.get("event") or cleaned.get("statement") or _item_of(self.instance)
        source = cleaned.get("source") or (item.source if item is not None else None)
        exact = cleaned.get("exact")
        if source is None or not exact:
            return cleaned
        try:
            span = spans.find_span(source.text, exact, cleaned.get("occurrence"))
        except spans.CitationError as error:
            field = "occurrence" if str(error).startswith("occur") else "exact"
            raise ValidationError({field: str(error)}) from error
        self.instance.source = source
        self.instance.start, self.instance.end = span.start, span.end
        if not self.instance.slug and item is not None and cleaned.get("position"):
            self.instance.slug = free_slug(Citation, f"{item.slug}-{cleaned['position']}")
        return cleaned


def _item_of(citation: Citation):
    for name in ("event", "statement"):
        field = citation._meta.get_field(name)
        if getattr(citation, field.attname) is not None or field.is_cached(citation):
            item = getattr(citation, name)
            if item is not None:
                return item
    return None


class StandaloneCitationForm(CitationForm):
    class Meta(CitationForm.Meta):
        fields = ["event", "statement", "source", "exact", "occurrence", "position", "slug"]


class CitationInline(admin.StackedInline):
    model = Citation
    form = CitationForm
    extra = 1
    fields = ["exact", "occurrence", "position", "cited_in_context"]
    readonly_fields = ["cited_in_context"]
    ordering = ["position"]

    @admin.display(description="In the source")
    def cited_in_context(self, obj):
        return cited_in_context(obj)


@admin.register(Citation)
class CitationAdmin(TimelineAdmin):
    form = StandaloneCitationForm
    list_display = ["__str__", "exact", "position", "event", "statement"]
    list_select_related = ["source", "event", "statement"]
    search_fields = ["exact"]
    autocomplete_fields = ["event", "statement", "source"]
    readonly_fields = ["start", "end", "cited_in_context", "uuid", "created_at", "updated_at"]
    slug_from = ("exact",)

    @admin.display(description="In the source")
    def cited_in_context(self, obj):
        return cited_in_context(obj)
