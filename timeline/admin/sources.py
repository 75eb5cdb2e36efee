"""Sources: the published texts everything cites. Their text is fixed once cited; only superusers delete one."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html

from timeline.admin.base import TimelineAdmin
from timeline.models import Source


@admin.register(Source)
class SourceAdmin(TimelineAdmin):
    list_display = ["title", "publisher", "published_on", "published_on_basis", "language"]
    list_filter = ["published_on_basis", "title_basis", "language"]
    search_fields = ["title"]
    sortable_by = ()
    slug_from = ("title",)
    fieldsets = [
        (None, {"fields": ["title", "slug", "title_basis", "title_note", "url", "language"]}),
        ("Publisher", {"fields": ["publisher", "publisher_basis", "publisher_note"]}),
        ("Publication date", {"fields": ["published_on", "published_on_basis", "published_on_note"]}),
        ("Text", {"fields": ["text", "text_sha256", "items"]}),
        ("Record", {"fields": ["uuid", "created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        cited = obj is not None and obj.citations.exists()
        return [
            *super().get_readonly_fields(request, obj),
            "text_sha256", "items", "uuid", "created_at", "updated_at", *(["text"] if cited else []),
        ]  # fmt: skip

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser

    @admin.display(description="what it reports")
    def items(self, obj):
        if obj is None or obj.pk is None:
            return "-"
        return format_html(
            '<a href="{}?source__slug={}">its events</a> · <a href="{}?source__slug={}">its statements</a>',
            reverse("admin:timeline_event_changelist"),
            obj.slug,
            reverse("admin:timeline_statement_changelist"),
            obj.slug,
        )
