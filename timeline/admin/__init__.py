"""The editors' admin: one module per area, each registering its models with the default site."""

from timeline.admin import citations, items, reference, sources  # noqa: F401
