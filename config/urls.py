from django.contrib import admin
from django.urls import include, path

from timeline.api.views import RedocView, SchemaView, SwaggerView
from timeline.health import healthz

urlpatterns = [
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
