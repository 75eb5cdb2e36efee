from django.apps import AppConfig


class TimelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self):
        # Every process (web workers, management commands) moves the API's Last-Modified when data changes.
        from timeline import versions
        from timeline.api import caching

        caching.connect_signals()
        # Every write path (API, admin, commands) moves the versions behind the items' ETags.
        versions.connect_signals()
