"""Events and statements: dates edited in words with a preview, participants, citations and statements inline."""

from django import forms
from django.contrib import admin
from django.core.exceptions import NON_FIELD_ERRORS
from django.urls import reverse
from django.utils.html import format_html

from timeline.admin.base import ChosenSourceFilter, FullTextSearchMixin, TimelineAdmin
from timeline.admin.citations import CitationInline
from timeline.models import Event, Participation, Statement

PREVIEW = "_preview_date"
DATE_HELP = (
    "Type the date as the source words it; “Preview the date” shows the days it resolves to against the "
    "source's publication date, and saves nothing. To give the days yourself, choose the basis “editor”, "
    "fill in the earliest and latest days and say why."
)


def date_fieldset(*extra: str) -> tuple:
    fields = [
        "date_text",
        "date_tense",
        "dated_by_publication",
        *extra,
        ("date_basis", "date_note"),
        ("earliest", "latest", "date_precision"),
        ("edtf", "sort_key"),
    ]
    return ("Date", {"fields": fields, "description": DATE_HELP})


COMPUTED = ["edtf", "sort_key", "uuid", "created_at", "updated_at"]


class DatedItemForm(forms.ModelForm):
    """Resolves the date with the model's own rules; with the preview button, shows the result unsaved."""

    def _post_clean(self):
        super()._post_clean()
        if PREVIEW in self.data and not self.errors:
            item = self.instance
            self.add_error(
                NON_FIELD_ERRORS,
                f"Preview, not saved: “{item.date_text or '(no date words)'}” resolves to "
                f"{item.earliest or 'unknown'} … {item.latest or 'unknown'} (precision {item.date_precision}, "
                f"basis {item.date_basis}; EDTF {item.edtf}), against the publication date "
                f"{item.source.published_on or 'unknown'}. Save to keep it.",
            )


class ParticipationInline(admin.TabularInline):
    model = Participation
    fields = ["actor", "role", "slug"]
    autocomplete_fields = ["actor"]
    extra = 1

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj is not None and obj.pk else []


class StatementInline(admin.TabularInline):
    model = Statement
    fk_name = "event"
    fields = ["title", "speaker", "mode", "date_text", "earliest", "latest", "date_precision"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


class DatedItemAdmin(FullTextSearchMixin, TimelineAdmin):
    form = DatedItemForm
    change_form_template = "admin/timeline/dated_item_change_form.html"
    slug_from = ("title",)
    list_select_related = ["source"]
    list_per_page = 50
    sortable_by = ["earliest"]
    search_fields = ["title"]
    readonly_fields = COMPUTED
    date_hierarchy = None

    @admin.display(description="date as written", ordering="earliest")
    def date_words(self, obj):
        return obj.date_text or ("(the publication date)" if obj.dated_by_publication else "-")

    @admin.display(description="source")
    def source_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("admin:timeline_source_change", args=[obj.source_id]), obj.source
        )


@admin.register(Event)
class EventAdmin(DatedItemAdmin):
    list_display = ["title", "date_words", "earliest", "latest", "date_precision", "kind", "status", "source_link"]
    list_filter = ["kind", "status", "date_precision", "date_basis", ChosenSourceFilter]
    autocomplete_fields = ["source", "venue", "parent", "date_ends_before", "topics"]
    inlines = [ParticipationInline, CitationInline, StatementInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "source", "sequence", "kind", "status", "venue", "parent", "summary"]}),
        date_fieldset("date_ends_before"),
        ("Topics", {"fields": ["topics"]}),
        ("Record", {"fields": ["uuid", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Statement)
class StatementAdmin(DatedItemAdmin):
    list_display = ["title", "speaker", "date_words", "earliest", "latest", "date_precision", "mode", "source_link"]
    list_select_related = ["source", "speaker"]
    list_filter = ["mode", "is_translation", "date_precision", "date_basis", ChosenSourceFilter]
    autocomplete_fields = ["source", "speaker", "outlet", "event", "topics", "about_actors"]
    inlines = [CitationInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "source", "sequence", "speaker", "outlet", "event", "mode"]}),
        ("What was said", {"fields": ["text", "is_translation"]}),
        date_fieldset(),
        ("Topics", {"fields": ["topics", "about_actors"]}),
        ("Record", {"fields": ["uuid", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]
