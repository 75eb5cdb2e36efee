from django.urls import path
from rest_framework.routers import DefaultRouter

from timeline.api import views

app_name = "api"

router = DefaultRouter(trailing_slash=True)
router.register("events", views.EventViewSet, basename="event")
router.register("statements", views.StatementViewSet, basename="statement")
router.register("actors", views.ActorViewSet, basename="actor")
router.register("venues", views.VenueViewSet, basename="venue")
router.register("topics", views.TopicViewSet, basename="topic")
router.register("sources", views.SourceViewSet, basename="source")

urlpatterns = [
    path("timeline/", views.TimelineView.as_view(), name="timeline"),
    path("actors/<slug:slug>/timeline/", views.ActorTimelineView.as_view(), name="actor-timeline"),
    path("dates/resolve/", views.DateResolveView.as_view(), name="date-resolve"),
    path("problems/", views.ProblemKindListView.as_view(), name="problem-list"),
    path("problems/<slug:kind>", views.ProblemKindDetailView.as_view(), name="problem-detail"),
    *router.urls,
]
