"""Signal handlers of the timeline app, connected by `TimelineConfig.ready`."""

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

from timeline.api import caching

TRACKED_APP = "timeline"
M2M_CHANGES = ("post_add", "post_remove", "post_clear")


def data_changed(sender, using=None, action=None, **kwargs):
    """Move the API's data-changed mark (its Last-Modified) on every write to timeline data."""
    if sender._meta.app_label != TRACKED_APP or (action is not None and action not in M2M_CHANGES):
        return
    # Now, for readers inside this transaction (and tests), and again once readers elsewhere can see the change.
    caching.note_data_changed()
    transaction.on_commit(caching.note_data_changed, using=using)


def connect() -> None:
    for name, signal in (("post_save", post_save), ("post_delete", post_delete), ("m2m_changed", m2m_changed)):
        signal.connect(data_changed, dispatch_uid=f"chronicle-data-changed-{name}")
