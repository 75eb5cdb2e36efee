"""What every timeline admin shares: history with revert, and changelists that stay fast at a million rows.

Search never runs `icontains` on an unindexed column of a big table:
- events and statements search their stored full-text vector on PostgreSQL (migration 0002; web search
  syntax, like the API's `q`), and fall back to Django's substring search on SQLite, where data is small;
- names, titles and quotes are searched with Django's case-insensitive substring lookup, which PostgreSQL
  serves from trigram indexes on `UPPER(column)` (pg_trgm; migration `trigram_indexes_for_admin_search`).
No changelist counts every row (`show_full_result_count = False`), sorting is limited to indexed columns,
and a source is chosen by autocomplete, never from a list of every source.
"""

from django.contrib import admin
from django.db import connection, models
from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from simple_history.admin import SimpleHistoryAdmin


class TimelineAdmin(SimpleHistoryAdmin):
    """History and revert (django-simple-history), no full counts, and slugs fixed once published."""

    show_full_result_count = False
    list_per_page = 50
    sortable_by = ()
    slug_from: tuple[str, ...] = ("name",)
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_prepopulated_fields(self, request, obj=None):
        return {"slug": self.slug_from} if obj is None else {}

    def get_readonly_fields(self, request, obj=None):
        fixed = ("slug",) if obj is not None else ()
        return (*super().get_readonly_fields(request, obj), *fixed)


class FullTextSearchMixin:
    """Search an item's stored full-text vector on PostgreSQL instead of scanning its text."""

    def get_search_results(self, request, queryset, search_term):
        if connection.vendor != "postgresql" or not search_term.strip():
            return super().get_search_results(request, queryset, search_term)
        table = queryset.model._meta.db_table
        match = RawSQL(
            f'"{table}"."search_vector" @@ websearch_to_tsquery(\'english\', %s)',
            (search_term,),
            output_field=BooleanField(),
        )
        return queryset.filter(Q(match)), False


class ChosenSourceFilter(admin.SimpleListFilter):
    """Filter by source without listing every source: it offers only the source already chosen.

    A source's change page links to its events and statements, which sets this filter.
    """

    title = "source"
    parameter_name = "source__slug"

    def lookups(self, request, model_admin):
        slug = self.value()
        return [(slug, slug)] if slug else []

    def queryset(self, request, queryset):
        return queryset.filter(source__slug=self.value()) if self.value() else queryset
