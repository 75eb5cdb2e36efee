"""Per-record versions: what bumps whose `version`, so that an item's strong ETag changes with its representation.

A record's own `save()` bumps its own version (`PublicRecord.save`). A record's API representation also embeds
other records, so a write to one of those bumps every record that embeds it, in the same transaction:

| written                                   | bumps                                                          |
|-------------------------------------------|----------------------------------------------------------------|
| a source (title, publisher, date, url...) | its events and statements (they embed it; dates may move)      |
| an actor (name, kind)                     | events it takes part in, statements it speaks, carries or is   |
|                                           | about, actors affiliated with it                               |
| a venue (name, kind, country)             | its events                                                     |
| a topic (name)                            | its events and statements                                      |
| an event (title, kind, status)            | its parent, its children, its statements                       |
| a statement (title, mode, event)          | its event (old and new)                                        |
| a participation (added, changed, removed) | its event                                                      |
| a citation (added, changed, removed)      | its event or statement                                         |
| topics or "about" actors added or removed | the event or statement (either side of the relation)           |
| an event or topic deleted                 | the records whose embedded reference disappears with it        |

Queryset `update()`/`bulk_update()` bypasses these signals: a bulk path must bump `version` itself.
"""

from django.db.models import F, Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from timeline.models import Actor, Citation, Event, Participation, Source, Statement, Topic, Venue


def bump(queryset) -> None:
    """Move the version of every record in `queryset` on by one."""
    queryset.update(version=F("version") + 1)


def _embedding(instance) -> list:
    """The querysets of the records whose representation embeds `instance`."""
    if isinstance(instance, Source):
        return [Event.objects.filter(source=instance), Statement.objects.filter(source=instance)]
    if isinstance(instance, Actor):
        return [
            Event.objects.filter(participations__actor=instance),
            Statement.objects.filter(Q(speaker=instance) | Q(outlet=instance) | Q(about_actors=instance)),
            Actor.objects.filter(affiliation=instance),
        ]
    if isinstance(instance, Venue):
        return [Event.objects.filter(venue=instance)]
    if isinstance(instance, Topic):
        return [Event.objects.filter(topics=instance), Statement.objects.filter(topics=instance)]
    if isinstance(instance, Event):
        return [
            Event.objects.filter(Q(pk=instance.parent_id) | Q(parent=instance)),
            Statement.objects.filter(event=instance),
        ]
    if isinstance(instance, Statement):
        # The event it left, too, when it moved to another.
        return [Event.objects.filter(pk__in=[instance.event_id, instance.loaded_value("event_id")])]
    if isinstance(instance, Participation):
        return [Event.objects.filter(pk=instance.event_id)]
    if isinstance(instance, Citation):
        return [Event.objects.filter(pk=instance.event_id), Statement.objects.filter(pk=instance.statement_id)]
    return []


def _bump_embedding(instance) -> None:
    for queryset in _embedding(instance):
        if queryset.model is type(instance):
            queryset = queryset.exclude(pk=instance.pk)  # its own save() has bumped it already
        # pk__in a subquery: a join (actors, topics) may list a record twice.
        bump(queryset.model.objects.filter(pk__in=queryset.values("pk")))


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        _bump_embedding(instance)


def _on_delete(sender, instance, **kwargs):
    _bump_embedding(instance)


def _on_m2m_change(sender, instance, action, reverse, model, pk_set, **kwargs):
    if action not in ("post_add", "post_remove", "pre_clear"):
        return
    if not reverse:
        bump(type(instance).objects.filter(pk=instance.pk))
    elif pk_set is not None:
        bump(model.objects.filter(pk__in=pk_set))
    else:
        # A clear from the other side (topic.events.clear()): find the rows while the links still exist.
        bump(model.objects.filter(pk__in=_linked(sender, instance, model)))


def _linked(through, instance, model):
    to_instance = next(f.name for f in through._meta.fields if f.related_model is type(instance))
    to_model = next(f.attname for f in through._meta.fields if f.related_model is model)
    return through.objects.filter(**{to_instance: instance}).values(to_model)


def connect_signals() -> None:
    for model in (Source, Actor, Venue, Topic, Event, Statement, Participation, Citation):
        post_save.connect(_on_save, sender=model, dispatch_uid=f"chronicle-version-save-{model.__name__}")
    for model in (Participation, Citation, Statement):
        post_delete.connect(_on_delete, sender=model, dispatch_uid=f"chronicle-version-delete-{model.__name__}")
    # Before: the records that embed an event, a topic or an actor are found through links the delete removes.
    for model in (Event, Topic, Actor):
        pre_delete.connect(_on_delete, sender=model, dispatch_uid=f"chronicle-version-delete-{model.__name__}")
    for through in (Event.topics.through, Statement.topics.through, Statement.about_actors.through):
        m2m_changed.connect(_on_m2m_change, sender=through, dispatch_uid=f"chronicle-version-m2m-{through.__name__}")
