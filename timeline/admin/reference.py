"""Who, where and what about: actors, venues, topics, and the participations that tie actors to events."""

from django.contrib import admin

from timeline.admin.base import TimelineAdmin
from timeline.models import Actor, Participation, Topic, Venue

RECORD = ["uuid", "created_at", "updated_at"]


@admin.register(Actor)
class ActorAdmin(TimelineAdmin):
    list_display = ["name", "kind", "role", "affiliation"]
    list_select_related = ["affiliation"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["affiliation"]
    readonly_fields = RECORD


@admin.register(Venue)
class VenueAdmin(TimelineAdmin):
    list_display = ["name", "kind", "country", "coordinate_precision"]
    list_filter = ["kind", "country"]
    search_fields = ["name"]
    readonly_fields = RECORD


@admin.register(Topic)
class TopicAdmin(TimelineAdmin):
    list_display = ["name", "description"]
    search_fields = ["name"]
    readonly_fields = RECORD


@admin.register(Participation)
class ParticipationAdmin(TimelineAdmin):
    list_display = ["event", "actor", "role"]
    list_select_related = ["event", "actor"]
    list_filter = ["role"]
    autocomplete_fields = ["event", "actor"]
    readonly_fields = RECORD
    slug_from = ("role",)
