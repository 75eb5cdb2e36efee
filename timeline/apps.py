from django.apps import AppConfig


class TimelineConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "timeline"
    verbose_name = "Timeline"

    def ready(self):
        # Every process (web workers, management commands) moves the API's Last-Modified when data changes,
        # and the versions behind the items' ETags.
        from timeline import signals, versions

        signals.connect()
        versions.connect_signals()
