"""The nouns of the timeline: sources and what they report (events, statements), who and where.

Two promises hold in this module and in the database beneath it:
- provenance: every event and statement cites verbatim spans of a source (`Citation`);
- honest dates: the date words are kept as written and resolved into bounds (`DatedItem`).
"""

import hashlib
import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F, Q
from django.db.models.functions import Length, Now
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from simple_history.models import HistoricalRecords
from simple_history.utils import bulk_update_with_history

from timeline import citations, dates
from timeline.choices import (
    ActorKind,
    CoordinatePrecision,
    DateBasis,
    DatePrecision,
    EventKind,
    EventStatus,
    InferenceBasis,
    ParticipantRole,
    ProvenanceBasis,
    StatementMode,
    Tense,
    VenueKind,
)


def _in_vocabulary(field: str, choices: type[models.TextChoices]) -> models.CheckConstraint:
    return models.CheckConstraint(condition=Q(**{f"{field}__in": choices.values}), name="%(class)s_" + field + "_valid")


def _inference_has_note(fact: str) -> models.CheckConstraint:
    """An inferred or attributed fact says what it rests on."""
    return models.CheckConstraint(
        condition=Q(**{f"{fact}_basis": InferenceBasis.STATED}) | ~Q(**{f"{fact}_note": ""}),
        name="%(class)s_" + fact + "_inference_has_note",
    )


class SlugManager(models.Manager):
    """Looks records up by slug, their natural key in fixtures."""

    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PublicRecord(models.Model):
    """A record the public API publishes: a permanent slug and UUID, and when it was made and changed."""

    slug = models.SlugField(
        _("slug"),
        max_length=100,
        unique=True,
        help_text=_("The record's name in URLs. It never changes once published."),
    )
    uuid = models.UUIDField(_("UUID"), default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_default=Now())
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_default=Now())
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        db_default=1,
        editable=False,
        help_text=_("Counts the changes to the record and to what its API representation embeds (its ETag)."),
    )

    objects = SlugManager()
    history = HistoricalRecords(inherit=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.slug

    def save(self, *args, **kwargs):
        # `full_clean()` refuses it with a message; this guards code that saves without cleaning.
        self._refuse_changing_immutable_fields()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        with transaction.atomic():
            if not self._state.adding:
                self.version = self._next_version()
            super().save(*args, **kwargs)
        self._loaded_values = {field.attname: getattr(self, field.attname) for field in self._meta.concrete_fields}

    def get_absolute_url(self):
        """What a person opens: the record's page in the editors' admin (API links are the serializers' job)."""
        return reverse(f"admin:{self._meta.app_label}_{self._meta.model_name}_change", args=[self.pk])

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        # A deferred field read later (`.defer("text")`) is as loaded as the rest.
        loaded = getattr(self, "_loaded_values", {})
        for field in self._meta.concrete_fields:
            if fields is None or field.name in fields or field.attname in fields:
                loaded[field.attname] = getattr(self, field.attname)
        self._loaded_values = loaded

    def clean(self):
        super().clean()
        self._refuse_changing_immutable_fields()

    def natural_key(self):
        return (self.slug,)

    def loaded_value(self, attname):
        """The value of `attname` as last read from or written to the database (None for a new record)."""
        return getattr(self, "_loaded_values", {}).get(attname)

    def has_changed(self, attname) -> bool:
        """True when a stored record's `attname` differs from what was read (a field never read has not changed)."""
        if self._state.adding or attname in self.get_deferred_fields():
            return False
        if attname not in getattr(self, "_loaded_values", {}):
            return False
        return self.loaded_value(attname) != getattr(self, attname)

    def _refuse_changing_immutable_fields(self):
        for attname in ("slug", "uuid"):
            if self.has_changed(attname) and self.loaded_value(attname) is not None:
                raise ValidationError(
                    {attname: _("The %(field)s never changes once published.") % {"field": attname}}, code="immutable"
                )

    def _next_version(self) -> int:
        """The stored version plus one, its row locked until the save commits: two writers never share one."""
        stored = type(self)._base_manager.filter(pk=self.pk)
        stored.update(version=F("version") + 1)
        return stored.values_list("version", flat=True).first() or self.version


class Source(PublicRecord):
    """A published text (an article) that events and statements cite, kept exactly as published."""

    title = models.CharField(_("title"), max_length=300)
    title_basis = models.CharField(_("title known from"), max_length=16, choices=ProvenanceBasis.choices)
    title_note = models.TextField(_("why the editor supplied the title"), blank=True)
    publisher = models.CharField(_("publisher"), max_length=200, blank=True)
    publisher_basis = models.CharField(_("publisher known from"), max_length=16, choices=ProvenanceBasis.choices)
    publisher_note = models.TextField(_("why the editor supplied the publisher"), blank=True)
    url = models.URLField(_("URL"), max_length=500, blank=True)
    language = models.CharField(_("language"), max_length=16, default="en", help_text=_("A BCP 47 tag, e.g. en."))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    published_on_basis = models.CharField(
        _("publication date known from"), max_length=16, choices=ProvenanceBasis.choices
    )
    published_on_note = models.TextField(_("why the editor supplied the publication date"), blank=True)
    text = models.TextField(
        _("text"), help_text=_("The full text exactly as published. It cannot change once anything cites it.")
    )
    text_sha256 = models.CharField(_("SHA-256 of the text"), max_length=64, editable=False)

    class Meta:
        verbose_name = _("source")
        verbose_name_plural = _("sources")
        ordering = ["slug"]
        constraints = [
            _in_vocabulary("title_basis", ProvenanceBasis),
            _in_vocabulary("publisher_basis", ProvenanceBasis),
            _in_vocabulary("published_on_basis", ProvenanceBasis),
            models.CheckConstraint(
                condition=Q(published_on__isnull=True, published_on_basis=ProvenanceBasis.UNKNOWN)
                | (Q(published_on__isnull=False) & ~Q(published_on_basis=ProvenanceBasis.UNKNOWN)),
                name="source_published_on_basis_matches_date",
            ),
            *(
                models.CheckConstraint(
                    condition=~Q(**{f"{fact}_basis": ProvenanceBasis.EDITOR}) | ~Q(**{f"{fact}_note": ""}),
                    name=f"source_editor_{fact}_has_reason",
                )
                for fact in ("title", "publisher", "published_on")
            ),
            models.CheckConstraint(condition=Exact(Length("text_sha256"), 64), name="source_text_sha256_is_set"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self._refuse_changing_cited_text()
        if "text" not in self.get_deferred_fields():
            self.text_sha256 = sha256_of(self.text)
        publication_date_changed = self.has_changed("published_on")
        with transaction.atomic():
            super().save(*args, **kwargs)
            if publication_date_changed:
                self.resolve_dependent_dates()

    def clean(self):
        super().clean()
        self._refuse_changing_cited_text()
        if self.has_changed("published_on"):
            try:
                self.dates_resolved_against_publication()
            except dates.UnresolvableDate as error:
                raise ValidationError({"published_on": str(error)}, code="unresolvable") from error

    def resolve_dependent_dates(self):
        """Re-resolve and store every date anchored on this source's publication date, after it changed.

        `save()` calls this; a queryset `update()` of `published_on` bypasses it and must call it itself.
        A date that no longer resolves (an item would end before it began) raises ValidationError, and
        `save()` rolls back.
        """
        try:
            items = self.dates_resolved_against_publication()
        except dates.UnresolvableDate as error:
            raise ValidationError({"published_on": str(error)}, code="unresolvable") from error
        save_resolved_dates(items)

    def dates_resolved_against_publication(self) -> list:
        """This source's items and every event bounded by them, re-resolved in memory (not saved)."""
        items = [
            *Event.objects.filter(source=self).order_by("sequence", "id"),
            *Statement.objects.filter(source=self).order_by("sequence", "id"),
        ]
        for item in items:
            item.source = self
        return resolve_dates_in_order(items)

    def _refuse_changing_cited_text(self):
        if self.has_changed("text") and self.citations.exists():
            raise ValidationError({"text": _("The text is cited and cannot change.")}, code="cited")


def resolve_dates_in_order(items: list) -> list:
    """Re-resolve `items` and every event whose date hangs on them (`date_ends_before`, across sources).

    Returns them all, resolved in memory in dependency order (a bound before what it bounds); nothing is
    saved. Raises `dates.UnresolvableDate` when a date no longer resolves.
    """
    events = {item.id: item for item in items if isinstance(item, Event) and item.id is not None}
    frontier = list(events)
    dependents = []
    while frontier:
        found = list(
            Event.objects.filter(date_ends_before_id__in=frontier)
            .exclude(id__in=list(events))
            .select_related("source")
            .order_by("sequence", "id")
        )
        events.update((event.id, event) for event in found)
        dependents += found
        frontier = [event.id for event in found]
    ordered = _in_dependency_order([*items, *dependents])
    for item in ordered:
        bound_id = getattr(item, "date_ends_before_id", None)
        if bound_id in events:
            item.date_ends_before = events[bound_id]
        item.resolve_date()
    return ordered


def save_resolved_dates(items: list) -> None:
    """Store the derived date fields of re-resolved items, with a history record for each."""
    now = timezone.now()
    for model in (Event, Statement):
        rows = [item for item in items if type(item) is model]
        for row in rows:
            row.updated_at = now
        if rows:
            bulk_update_with_history(
                rows, model, [*DatedItem.DERIVED_DATE_FIELDS, "updated_at"], batch_size=500,
                default_change_reason="date re-resolved",
            )  # fmt: skip
            # A bulk update bypasses save(): move the versions behind the items' ETags here.
            model.objects.filter(pk__in=[row.pk for row in rows]).update(version=F("version") + 1)


def _in_dependency_order(items: list) -> list:
    """Items ordered so that an event bounded by another comes after it (`date_ends_before` chains)."""
    by_id = {item.id: item for item in items if isinstance(item, Event)}
    ordered, placed = [], set()

    def place(item, chain=()):
        if (type(item), item.id) in placed:
            return
        bound_id = getattr(item, "date_ends_before_id", None)
        if bound_id in by_id and bound_id not in chain:
            place(by_id[bound_id], (*chain, item.id))
        placed.add((type(item), item.id))
        ordered.append(item)

    for item in items:
        place(item)
    return ordered


def sha256_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Actor(PublicRecord):
    """A person, state, organization, media outlet or group that takes part in events or speaks."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=ActorKind.choices)
    role = models.CharField(
        _("title or role"),
        max_length=200,
        blank=True,
        help_text=_('As the source gives it: "Deputy Foreign Minister".'),
    )
    affiliation = models.ForeignKey(
        "self",
        verbose_name=_("affiliation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="affiliates",
        help_text=_("The actor this one belongs to or speaks for: Grushko -> Russia."),
    )
    aliases = models.JSONField(
        _("aliases"), default=list, blank=True, help_text=_('Other names the sources use: "Moscow" names Russia.')
    )

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        ordering = ["name", "id"]
        constraints = [
            _in_vocabulary("kind", ActorKind),
            models.CheckConstraint(condition=~Q(affiliation=F("id")), name="actor_not_affiliated_with_itself"),
        ]

    def __str__(self):
        return self.name


class Venue(PublicRecord):
    """Where something happened or will happen."""

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=VenueKind.choices)
    country = CountryField(_("country"), help_text=_("ISO 3166-1 alpha-2 code."))
    latitude = models.DecimalField(_("latitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    longitude = models.DecimalField(_("longitude"), max_digits=8, decimal_places=5, null=True, blank=True)
    coordinate_precision = models.CharField(
        _("coordinate precision"),
        max_length=16,
        choices=CoordinatePrecision.choices,
        default=CoordinatePrecision.UNKNOWN,
        help_text=_("What the coordinates stand for: a country's centroid is not a street address."),
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["country"], name="venue_country_idx")]
        constraints = [
            _in_vocabulary("kind", VenueKind),
            _in_vocabulary("coordinate_precision", CoordinatePrecision),
            models.CheckConstraint(condition=Exact(Length("country"), 2), name="venue_country_is_alpha_2"),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True, longitude__isnull=True, coordinate_precision="unknown")
                | (
                    Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180)
                    & ~Q(coordinate_precision="unknown")
                ),
                name="venue_coordinates_valid",
            ),
        ]

    def __str__(self):
        return self.name


class Topic(PublicRecord):
    """What events and statements are about: NATO membership, prisoners of war, ..."""

    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name", "id"]

    def __str__(self):
        return self.name


class DatedItem(PublicRecord):
    """What events and statements share: the source that reports them, and an honest date.

    `date_text` keeps the words as written; `earliest`/`latest` are the possible days (either may be unknown),
    resolved against the source's publication date unless an editor supplied them (`date_basis` "editor").
    `sort_key` is derived and never NULL, so that timelines page on an index (see `timeline.dates.sort_key`).
    """

    DERIVED_DATE_FIELDS = (
        "earliest", "latest", "date_precision", "date_basis", "date_approximate", "edtf", "sort_key",
    )  # fmt: skip

    source = models.ForeignKey(
        Source,
        verbose_name=_("source"),
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        help_text=_("The source that reports it. Its publication date anchors relative dates."),
    )
    sequence = models.PositiveIntegerField(_("order in the source"), help_text=_("Orders items of equal dates."))
    date_text = models.CharField(
        _("date as written"), max_length=200, blank=True, help_text=_('The words as written: "last week".')
    )
    date_tense = models.CharField(_("tense"), max_length=8, choices=Tense.choices, default=Tense.PAST)
    dated_by_publication = models.BooleanField(
        _("dated by the publication"),
        default=False,
        help_text=_("The source says it in its own voice, so it is dated by its publication date."),
    )
    earliest = models.DateField(_("earliest possible day"), null=True, blank=True)
    latest = models.DateField(_("latest possible day"), null=True, blank=True)
    date_precision = models.CharField(
        _("date precision"), max_length=8, choices=DatePrecision.choices, default=DatePrecision.UNKNOWN
    )
    date_basis = models.CharField(_("date basis"), max_length=8, choices=DateBasis.choices, default=DateBasis.UNKNOWN)
    date_note = models.TextField(_("why the editor supplied the date"), blank=True)
    date_approximate = models.BooleanField(
        _("approximate"),
        default=False,
        help_text=_('The words are approximate ("about", "some", "in five months"): EDTF "~".'),
    )
    date_ongoing = models.BooleanField(
        _("ongoing"),
        default=False,
        help_text=_("Still going on when the source was published: its end is open, not the publication date."),
    )
    no_later_than_publication = models.BooleanField(
        _("no later than the publication"),
        default=False,
        help_text=_(
            'Reported as past ("has stated") with no date words: it happened on or before the publication date.'
        ),
    )
    edtf = models.CharField(_("EDTF"), max_length=64, editable=False, help_text=_("ISO 8601-2 (EDTF) rendering."))
    sort_key = models.CharField(_("sort key"), max_length=40, editable=False)

    class Meta:
        abstract = True
        constraints = [
            _in_vocabulary("date_tense", Tense),
            _in_vocabulary("date_precision", DatePrecision),
            _in_vocabulary("date_basis", DateBasis),
            models.CheckConstraint(
                condition=Q(earliest__isnull=True) | Q(latest__isnull=True) | Q(earliest__lte=F("latest")),
                name="%(class)s_earliest_not_after_latest",
            ),
            models.CheckConstraint(
                condition=~Q(date_basis=DateBasis.EDITOR) | ~Q(date_note=""), name="%(class)s_editor_date_has_reason"
            ),
            models.CheckConstraint(condition=~Q(sort_key=""), name="%(class)s_sort_key_is_set"),
        ]

    def save(self, *args, **kwargs):
        self.resolve_date()
        date_changed = any(self.has_changed(name) for name in ("earliest", "latest", "date_precision"))
        with transaction.atomic():
            super().save(*args, **kwargs)
            if date_changed:
                self.resolve_dependent_dates()

    def clean(self):
        super().clean()
        if _related(self, "source") is None:
            raise ValidationError(
                {"source": _("Choose the source that reports it: its date is resolved against it.")}, code="required"
            )
        try:
            self.resolve_date()
            self.dates_depending_on_this()
        except dates.UnresolvableDate as error:
            raise ValidationError({"date_text": str(error)}, code="unresolvable") from error

    def resolve_dependent_dates(self):
        """Re-resolve and store the dates of the events bounded by this item, after its date changed."""
        try:
            dependents = self.dates_depending_on_this()
        except dates.UnresolvableDate as error:
            raise ValidationError({"date_text": str(error)}, code="unresolvable") from error
        save_resolved_dates(dependents)

    def dates_depending_on_this(self) -> list:
        """The events whose dates hang on this one, re-resolved in memory against its current date."""
        if self.pk is None or not isinstance(self, Event):
            return []
        return [item for item in resolve_dates_in_order([self]) if item is not self]

    def resolve_date(self):
        """Fill the derived date fields from the words, the anchor and the editor's input."""
        readings = ()
        if self.date_basis != DateBasis.EDITOR:
            resolved = self._resolve_words()
            self.earliest, self.latest = resolved.earliest, resolved.latest
            self.date_precision, self.date_basis = resolved.precision.value, resolved.basis.value
            self.date_approximate, readings = resolved.approximate, resolved.readings
        if self.date_ongoing:
            # Still going on at publication: the end is open, never the publication date.
            self.latest, self.date_precision = None, DatePrecision.UNKNOWN
        self.edtf = dates.to_edtf(
            self.earliest,
            self.latest,
            self.date_precision,
            span=self.date_is_span(),
            ongoing=self.date_ongoing,
            approximate=self.date_approximate,
            readings=readings,
        )
        self.sort_key = dates.sort_key(self.earliest, self.latest, self.sequence)

    def _resolve_words(self) -> dates.ResolvedDate:
        anchor = self.source.published_on
        if self.dated_by_publication:
            return dates.resolve("today", anchor)
        if self.no_later_than_publication and not self.date_text.strip():
            resolved = dates.no_later_than(anchor)
            bound = self.bounding_date()
            return resolved if bound is None else dates.resolve("", anchor, ends_before=bound)
        return dates.resolve(self.date_text, anchor, self.date_tense, ends_before=self.bounding_date())

    def bounding_date(self):
        """The date of an item this one must end before, if any."""
        return None

    def date_is_span(self) -> bool:
        """True when the item lasted from earliest to latest, rather than happened on one day between them."""
        return False

    @property
    def resolved_date(self) -> dates.ResolvedDate:
        return dates.ResolvedDate(
            self.earliest, self.latest, dates.Precision(self.date_precision), dates.Basis(self.date_basis)
        )


class Event(DatedItem):
    """Something that happened, was agreed, is planned, or is reported: a round of talks, an exchange."""

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=32, choices=EventKind.choices)
    status = models.CharField(_("status"), max_length=16, choices=EventStatus.choices)
    # Indexed by event_venue_sort_idx, whose leading column it is.
    venue = models.ForeignKey(
        Venue,
        verbose_name=_("venue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        db_index=False,
    )
    venue_basis = models.CharField(
        _("venue known from"),
        max_length=16,
        choices=InferenceBasis.choices,
        default=InferenceBasis.STATED,
        help_text=_("Whether the source states the venue, attributes it to someone, or an editor inferred it."),
    )
    venue_note = models.TextField(_("what the venue rests on"), blank=True, help_text=_("Quotes the source."))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text=_("The series this event belongs to: a round belongs to its talks."),
    )
    date_ends_before = models.ForeignKey(
        "self",
        verbose_name=_("ends before"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_('An event this one ended before: "the first of two rounds" ends before the second begins.'),
    )
    summary = models.TextField(_("summary"), help_text=_("In our own words; the citations carry the source's."))
    participants = models.ManyToManyField(
        Actor, through="Participation", verbose_name=_("participants"), related_name="events"
    )
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="events")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="event_sort_key_idx"),
            models.Index(fields=["kind", "sort_key", "id"], name="event_kind_sort_idx"),
            models.Index(fields=["status", "sort_key", "id"], name="event_status_sort_idx"),
            models.Index(fields=["venue", "sort_key", "id"], name="event_venue_sort_idx"),
            models.Index(fields=["earliest", "latest"], name="event_date_bounds_idx"),
        ]
        constraints = [
            *DatedItem.Meta.constraints,
            _in_vocabulary("kind", EventKind),
            _in_vocabulary("status", EventStatus),
            _in_vocabulary("venue_basis", InferenceBasis),
            _inference_has_note("venue"),
            models.CheckConstraint(condition=~Q(parent=F("id")), name="event_not_part_of_itself"),
            models.CheckConstraint(condition=~Q(date_ends_before=F("id")), name="event_not_ending_before_itself"),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        for field in ("parent", "date_ends_before"):
            if cycle := self._cycle_through(field):
                errors[field] = _("This would make a loop: %(chain)s.") % {"chain": " -> ".join(cycle)}
        if errors:
            raise ValidationError(errors, code="cycle")
        super().clean()

    def bounding_date(self):
        return self.date_ends_before.resolved_date if self.date_ends_before is not None else None

    def date_is_span(self) -> bool:
        return self.kind == EventKind.TALKS

    def _cycle_through(self, field: str) -> list[str]:
        """The slugs of the loop that following `field` from this event would go round, or [] if none."""
        attname = self._meta.get_field(field).attname
        current_id = getattr(self, attname)
        chain, seen = [self.slug], set()
        while current_id is not None and current_id not in seen:
            if current_id == self.pk:
                return [*chain, self.slug]
            seen.add(current_id)
            row = Event.objects.filter(pk=current_id).values_list("slug", attname).first()
            if row is None:
                return []
            chain.append(row[0])
            current_id = row[1]
        return []


class Participation(PublicRecord):
    """An actor's part in an event: a party, a mediator or the host."""

    slug = models.SlugField(
        _("slug"), max_length=220, unique=True, help_text=_("The record's name. It never changes once published.")
    )
    # Indexed by participation_unique (event first) and participation_actor_event_idx (actor first).
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations", db_index=False
    )
    actor = models.ForeignKey(
        Actor, verbose_name=_("actor"), on_delete=models.PROTECT, related_name="participations", db_index=False
    )
    role = models.CharField(_("role"), max_length=16, choices=ParticipantRole.choices)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["event", "role", "actor"]
        indexes = [models.Index(fields=["actor", "event"], name="participation_actor_event_idx")]
        constraints = [
            models.UniqueConstraint(fields=["event", "actor", "role"], name="participation_unique"),
            _in_vocabulary("role", ParticipantRole),
        ]

    def __str__(self):
        return f"{self.actor} ({self.role}) in {self.event}"


class Statement(DatedItem):
    """Something said: by an actor, or by the source in its own voice (then `speaker` is empty)."""

    title = models.CharField(_("headline"), max_length=300, help_text=_("A short headline in our own words."))
    # Indexed by statement_speaker_sort_idx, whose leading column it is.
    speaker = models.ForeignKey(
        Actor,
        db_index=False,
        verbose_name=_("speaker"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements",
        help_text=_("Empty when the source says it in its own voice; never guess an actor."),
    )
    outlet = models.ForeignKey(
        Actor,
        verbose_name=_("outlet"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="statements_carried",
        limit_choices_to={"kind": ActorKind.MEDIA_OUTLET},
        help_text=_("The media outlet the speaker spoke to, if any: Izvestia."),
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="statements",
    )
    mode = models.CharField(_("mode"), max_length=16, choices=StatementMode.choices)
    is_translation = models.BooleanField(
        _("translated"), default=False, help_text=_("The words reach us translated, e.g. from Russian.")
    )
    speaker_basis = models.CharField(
        _("speaker known from"), max_length=16, choices=InferenceBasis.choices, default=InferenceBasis.STATED
    )
    speaker_note = models.TextField(_("what the speaker rests on"), blank=True, help_text=_("Quotes the source."))
    outlet_basis = models.CharField(
        _("outlet known from"), max_length=16, choices=InferenceBasis.choices, default=InferenceBasis.STATED
    )
    outlet_note = models.TextField(_("what the outlet rests on"), blank=True, help_text=_("Quotes the source."))
    translation_basis = models.CharField(
        _("translation known from"), max_length=16, choices=InferenceBasis.choices, default=InferenceBasis.STATED
    )
    translation_note = models.TextField(
        _("what the translation flag rests on"), blank=True, help_text=_("Quotes the source.")
    )
    text = models.TextField(_("text"), help_text=_("The quote as cited, or our paraphrase of what was said."))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), blank=True, related_name="statements")
    about_actors = models.ManyToManyField(Actor, verbose_name=_("about"), blank=True, related_name="statements_about")

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["sort_key", "id"], name="statement_sort_key_idx"),
            models.Index(fields=["speaker", "sort_key", "id"], name="statement_speaker_sort_idx"),
            models.Index(fields=["earliest", "latest"], name="statement_date_bounds_idx"),
        ]
        constraints = [
            *DatedItem.Meta.constraints,
            _in_vocabulary("mode", StatementMode),
            *(_in_vocabulary(f"{fact}_basis", InferenceBasis) for fact in ("speaker", "outlet", "translation")),
            *(_inference_has_note(fact) for fact in ("speaker", "outlet", "translation")),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if self.mode == StatementMode.QUOTE and self.text not in self.source.text:
            raise ValidationError(
                {"text": _("mode is quote, but the text is not verbatim in the source.")}, code="not_verbatim"
            )


class Citation(PublicRecord):
    """A verbatim span of a source that an event or a statement rests on.

    Offsets count Unicode code points, start inclusive, end exclusive (see `timeline.citations`); `exact` is
    the text of the span without surrounding quotation marks.
    """

    slug = models.SlugField(
        _("slug"), max_length=220, unique=True, help_text=_("The record's name. It never changes once published.")
    )
    source = models.ForeignKey(Source, verbose_name=_("source"), on_delete=models.PROTECT, related_name="citations")
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, null=True, blank=True, related_name="citations"
    )
    statement = models.ForeignKey(
        Statement,
        verbose_name=_("statement"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="citations",
    )
    position = models.PositiveSmallIntegerField(_("position"), help_text=_("Order among the item's citations."))
    start = models.PositiveIntegerField(_("start offset"))
    end = models.PositiveIntegerField(_("end offset"))
    exact = models.TextField(_("exact text"))

    class Meta:
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="citation_end_after_start"),
            models.CheckConstraint(condition=Q(end=F("start") + Length("exact")), name="citation_length_matches_exact"),
            models.CheckConstraint(
                condition=Q(event__isnull=False, statement__isnull=True)
                | Q(event__isnull=True, statement__isnull=False),
                name="citation_cites_for_one_item",
            ),
            models.UniqueConstraint(
                fields=["event", "position"], condition=Q(event__isnull=False), name="citation_event_position_unique"
            ),
            models.UniqueConstraint(
                fields=["statement", "position"],
                condition=Q(statement__isnull=False),
                name="citation_statement_position_unique",
            ),
        ]

    def __str__(self):
        return f"{self.source} [{self.start}:{self.end}]"

    def clean(self):
        super().clean()
        if not _related(self, "source"):
            return
        item = _related(self, "event") or _related(self, "statement")
        if item is not None and _related(item, "source") and not _same_record(item.source, self.source):
            raise ValidationError(
                {"source": _("A citation cites its item's own source, %(source)s.") % {"source": item.source}},
                code="other_source",
            )
        if problem := self.problem():
            raise ValidationError({"exact": problem}, code="not_verbatim")

    @property
    def item(self):
        """The event or statement this citation is for."""
        return self.event if self.event_id is not None else self.statement

    def problem(self) -> str | None:
        """Why this citation is not verbatim in its source, or None when it is."""
        return citations.span_problem(self.source.text, self.start, self.end, self.exact)

    def selectors(self) -> list[dict]:
        return citations.selectors(self.source.text, self.start, self.end)


def _related(instance: models.Model, name: str):
    """The related object `name` of `instance`, or None when it is not set (saved or not)."""
    field = instance._meta.get_field(name)
    if getattr(instance, field.attname) is None:
        return field.get_cached_value(instance, default=None)
    return getattr(instance, name)


def _same_record(first: models.Model, second: models.Model) -> bool:
    return first is second or (first.pk is not None and first.pk == second.pk)
