from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from timeline.api.views import RedocView, SchemaView, SwaggerView
from timeline.health import healthz

urlpatterns = [
    # The timeline page: static HTML, CSS and JavaScript that draw the timeline from /api/v1/ in the browser.
    path("", TemplateView.as_view(template_name="timeline/index.html"), name="timeline-page"),
    path("healthz", healthz, name="healthz"),
    path("api/v1/", include("timeline.api.urls", namespace="api")),
    path("api/schema/", SchemaView.as_view(), name="schema"),
    path("api/docs/", SwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", RedocView.as_view(url_name="schema"), name="redoc"),
    path("admin/", admin.site.urls),
]

handler400 = "timeline.api.errors.bad_request"
handler404 = "timeline.api.errors.not_found"
handler500 = "timeline.api.errors.server_error"
