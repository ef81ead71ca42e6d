"""Consultation booking: what can be booked, with whom, when they work, and the bookings.

All rule times (weekly availability) are wall-clock times in the clinic's time zone,
America/Los_Angeles. Appointment start/end are aware datetimes stored in UTC.

On PostgreSQL an exclusion constraint (migration 0002) guarantees that no two active
appointments of one clinician overlap, buffers included; see booking/services.py.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic_site.crypto import EncryptedTextField
from clinic_site.i18n import active_language

# Overlap checks look a day either side of a time, so buffers must stay well inside that.
MAX_BUFFER_MINUTES = 240
# How far ahead any type may take bookings; booking URLs and forms refuse days past this.
MAX_HORIZON_DAYS = 730

# Words the booking URLs use after /book/; a type's slug must not shadow them.
RESERVED_TYPE_SLUGS = frozenset(
    {"details", "review", "confirm", "done", "manage", "waitlist", "offer"}
)


def _new_ics_uid() -> str:
    # Neutral like the rest of the calendar file, which anyone opening it can read.
    return f"{uuid.uuid4()}@appointments"


class ConsultationType(models.Model):
    """Something a person can book, e.g. a free 15-minute phone call.

    Its timing rules (duration, buffers, notice, horizon) feed booking.slots; buffers are
    copied onto each appointment so the database constraint never needs this table.
    """

    class Mode(models.TextChoices):
        PHONE = "phone", _("Phone call")
        VIDEO = "video", _("Video call")
        IN_PERSON = "in_person", _("In person")

    class Confirmation(models.TextChoices):
        INSTANT = "instant", "Confirmed at once"
        REQUEST = "request", "Request — the front desk confirms"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True)
    summary = models.CharField(
        max_length=240, blank=True, help_text="One public sentence shown when choosing a type."
    )
    name_es = models.CharField(
        "name (Spanish)", max_length=120, blank=True, help_text="Shown on the Spanish pages."
    )
    summary_es = models.CharField(
        "summary (Spanish)", max_length=240, blank=True, help_text="Shown on the Spanish pages."
    )
    offers_phone = models.BooleanField("by phone", default=False)
    offers_video = models.BooleanField("by video", default=False)
    offers_in_person = models.BooleanField("in person", default=False)
    duration_minutes = models.PositiveSmallIntegerField(default=50)
    buffer_before_minutes = models.PositiveSmallIntegerField(default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(default=10)
    minimum_notice_hours = models.PositiveSmallIntegerField(
        default=24, help_text="How long before a start time it stops being bookable."
    )
    horizon_days = models.PositiveSmallIntegerField(
        default=60, help_text="How far ahead people can book."
    )
    slot_step_minutes = models.PositiveSmallIntegerField(
        default=15, help_text="Start times are offered every this many minutes."
    )
    confirmation = models.CharField(
        max_length=10, choices=Confirmation.choices, default=Confirmation.INSTANT
    )
    is_active = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.slug in RESERVED_TYPE_SLUGS:
            raise ValidationError({"slug": "This word is used by the booking pages; pick another."})
        if not self.modes:
            raise ValidationError("Choose at least one way to meet (phone, video, in person).")
        if self.duration_minutes == 0 or self.slot_step_minutes == 0:
            raise ValidationError("Duration and step must be more than zero minutes.")
        if max(self.buffer_before_minutes, self.buffer_after_minutes) > MAX_BUFFER_MINUTES:
            raise ValidationError(f"Buffers can be at most {MAX_BUFFER_MINUTES} minutes.")
        if self.horizon_days > MAX_HORIZON_DAYS:
            raise ValidationError(
                {"horizon_days": f"Bookings can open at most {MAX_HORIZON_DAYS} days ahead."}
            )

    @property
    def modes(self) -> list[str]:
        flags = [
            (self.offers_phone, self.Mode.PHONE),
            (self.offers_video, self.Mode.VIDEO),
            (self.offers_in_person, self.Mode.IN_PERSON),
        ]
        return [str(mode) for on, mode in flags if on]

    @property
    def localized_name(self) -> str:
        """The name in the active language (the Spanish one on /es/ pages, if given)."""
        return (active_language() == "es" and self.name_es) or self.name

    @property
    def localized_summary(self) -> str:
        return (active_language() == "es" and self.summary_es) or self.summary

    @property
    def mode_labels(self) -> list[str]:
        """The ways to meet as they read in a list ("Video call or in person"): only the
        first starts with a capital."""
        labels = [str(self.Mode(m).label) for m in self.modes]
        return labels[:1] + [label[:1].lower() + label[1:] for label in labels[1:]]

    @property
    def duration(self) -> timedelta:
        return timedelta(minutes=self.duration_minutes)


class Clinician(models.Model):
    """A person who holds consultations; availability rules and exceptions hang off it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
    )
    display_name = models.CharField(max_length=120)
    credentials = models.CharField(max_length=120, blank=True, help_text="e.g. LMFT, PsyD")
    consultation_types = models.ManyToManyField(
        ConsultationType, related_name="clinicians", blank=True
    )
    is_active = models.BooleanField(default=True)
    profile = models.OneToOneField(
        "pages.TeamMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="clinician",
        help_text="Their public profile (photo, licence, languages) from Our team.",
    )

    class Meta:
        ordering = ["display_name"]

    def __str__(self):
        return f"{self.display_name}, {self.credentials}" if self.credentials else self.display_name

    @property
    def public_profile(self):
        """Their profile on Our team, if it is shown on the website (else None)."""
        profile = self.profile
        return profile if profile is not None and profile.is_published else None

    @property
    def initials(self) -> str:
        words = [w for w in self.display_name.replace("Dr.", "").split() if w[:1].isalpha()]
        return "".join(w[0].upper() for w in (words[:1] + words[-1:] if len(words) > 1 else words))


class AvailabilityRule(models.Model):
    """A weekly window of availability in clinic wall-clock time (America/Los_Angeles)."""

    class Weekday(models.IntegerChoices):
        MONDAY = 0
        TUESDAY = 1
        WEDNESDAY = 2
        THURSDAY = 3
        FRIDAY = 4
        SATURDAY = 5
        SUNDAY = 6

    clinician = models.ForeignKey(
        Clinician, on_delete=models.CASCADE, related_name="availability_rules"
    )
    weekday = models.PositiveSmallIntegerField(choices=Weekday.choices)
    start_time = models.TimeField(help_text="Pacific time")
    end_time = models.TimeField(help_text="Pacific time")
    effective_from = models.DateField(null=True, blank=True)
    effective_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["clinician", "weekday", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="booking_rule_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M} Pacific"

    def clean(self):
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": "The end must be after the start."})
        if self.effective_from and self.effective_to and self.effective_to < self.effective_from:
            raise ValidationError({"effective_to": "Must be on or after 'effective from'."})


class AvailabilityException(models.Model):
    """A one-off change to a clinician's week: time off, or extra hours."""

    class Kind(models.TextChoices):
        TIME_OFF = "time_off", "Time off"
        EXTRA_HOURS = "extra_hours", "Extra hours"

    clinician = models.ForeignKey(
        Clinician, on_delete=models.CASCADE, related_name="availability_exceptions"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.TIME_OFF)
    starts_at = models.DateTimeField(help_text="Pacific time")
    ends_at = models.DateTimeField(help_text="Pacific time")
    label = models.CharField(
        max_length=120,
        blank=True,
        help_text="Internal label, e.g. 'Conference'. No patient details.",
    )

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_exception_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "The end must be after the start."})


class AppointmentQuerySet(models.QuerySet):
    def active(self):
        """Appointments that hold their time (the ones the exclusion constraint covers)."""
        return self.filter(status__in=Appointment.ACTIVE_STATUSES)


class Appointment(models.Model):
    """One booked consultation.

    Lifecycle: held (a time picked, contact details not yet confirmed; expires) →
    requested (request-to-book types, waiting for the front desk) or confirmed →
    completed / no_show / cancelled. Contact details are encrypted at rest. The row carries
    its own buffers so the overlap constraint is self-contained; `ics_uid` stays the same
    across reschedules while `sequence` counts the changes (RFC 5545).
    """

    class Status(models.TextChoices):
        HELD = "held", "Held (being booked)"
        REQUESTED = "requested", "Requested — needs confirming"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        COMPLETED = "completed", "Completed"
        NO_SHOW = "no_show", "No-show"

    class CancelledBy(models.TextChoices):
        CLIENT = "client", "Client"
        STAFF = "staff", "Staff"
        HOLD_EXPIRED = "hold_expired", "Hold expired"

    ACTIVE_STATUSES = (Status.HELD, Status.REQUESTED, Status.CONFIRMED)

    consultation_type = models.ForeignKey(
        ConsultationType, on_delete=models.PROTECT, related_name="appointments"
    )
    clinician = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="appointments")
    inquiry = models.ForeignKey(
        "intake.Inquiry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="appointments",
        help_text="The inquiry this booking came from, if any.",
    )
    mode = models.CharField(max_length=10, choices=ConsultationType.Mode.choices)
    start = models.DateTimeField()
    end = models.DateTimeField()
    buffer_before_minutes = models.PositiveSmallIntegerField(default=0)
    buffer_after_minutes = models.PositiveSmallIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.HELD)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    # Random key of the page the time was picked on: a double-submitted pick finds its hold.
    hold_key = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    cancelled_by = models.CharField(max_length=12, choices=CancelledBy.choices, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    contact_name = EncryptedTextField(blank=True, default="")
    contact_email = EncryptedTextField(blank=True, default="")
    contact_phone = EncryptedTextField(blank=True, default="", help_text="E.164")
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True)
    email_ok = models.BooleanField("email consent", default=False)
    email_consent_at = models.DateTimeField(null=True, blank=True)
    sms_ok = models.BooleanField("texting is safe and consented", default=False)
    sms_consent_at = models.DateTimeField(null=True, blank=True)
    sms_consent_text = models.TextField(blank=True)
    # The person's language (en/es): their pages' and messages' language.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    voicemail_ok = models.BooleanField(default=False)

    manage_key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    ics_uid = models.CharField(max_length=120, default=_new_ics_uid, unique=True, editable=False)
    sequence = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        indexes = [models.Index(fields=["clinician", "start"]), models.Index(fields=["status"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="booking_appt_end_after_start"
            ),
        ]

    def __str__(self):
        return f"{self.consultation_type} · {timezone.localtime(self.start):%Y-%m-%d %H:%M} Pacific"

    @property
    def is_active(self) -> bool:
        return self.status in self.ACTIVE_STATUSES

    @property
    def blocked_start(self):
        return self.start - timedelta(minutes=self.buffer_before_minutes)

    @property
    def blocked_end(self):
        return self.end + timedelta(minutes=self.buffer_after_minutes)


class WaitlistEntry(models.Model):
    """A couple's request to be told when a time that suits them opens.

    Made from the booking pages ("None of these times work?") by someone coming from their
    inquiry link or by a new visitor. `windows` lists the (weekday, part of day) pairs that
    suit them, in Pacific time, as "0:morning" … "6:evening" (see booking.waitlist). Contact
    details are encrypted like an appointment's. Priority is read from the linked inquiry at
    matching time (an urgent inquiry is offered first), then arrival order (created_at, pk).

    Lifecycle: waiting → offered (one live offer at a time) → booked, or back to waiting
    when an offer lapses or is passed on; expired once `valid_until` has passed; removed by
    staff or by the person. Entries of an inquiry go with it at retention; the others are
    purged the same number of months after they end (staff.retention).
    """

    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting"
        OFFERED = "offered", "Offered a time"
        BOOKED = "booked", "Booked"
        EXPIRED = "expired", "Expired"
        REMOVED = "removed", "Removed"

    OPEN_STATUSES = (Status.WAITING, Status.OFFERED)

    inquiry = models.ForeignKey(
        "intake.Inquiry",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="waitlist_entries",
        help_text="The inquiry this came from, if any.",
    )
    consultation_type = models.ForeignKey(
        ConsultationType, on_delete=models.PROTECT, related_name="waitlist_entries"
    )
    clinicians = models.ManyToManyField(
        Clinician,
        blank=True,
        related_name="waitlist_entries",
        help_text="Clinicians acceptable to them; none chosen means any.",
    )
    windows = models.JSONField(default=list, help_text='Pacific time, e.g. ["1:morning"].')
    valid_until = models.DateField(help_text="Last Pacific day they want offers for.")
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.WAITING, db_index=True
    )
    status_changed_at = models.DateTimeField(default=timezone.now)

    contact_name = EncryptedTextField(blank=True, default="")
    contact_email = EncryptedTextField(blank=True, default="")
    contact_phone = EncryptedTextField(blank=True, default="", help_text="E.164")
    email_hash = models.CharField(max_length=64, blank=True, db_index=True)
    phone_hash = models.CharField(max_length=64, blank=True, db_index=True)
    email_ok = models.BooleanField("email consent", default=False)
    email_consent_at = models.DateTimeField(null=True, blank=True)
    sms_ok = models.BooleanField("texting is safe and consented", default=False)
    sms_consent_at = models.DateTimeField(null=True, blank=True)
    sms_consent_text = models.TextField(blank=True)
    # The person's language (en/es): their pages' and messages' language.
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default="en")
    voicemail_ok = models.BooleanField(default=False)

    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "waitlist entry"
        verbose_name_plural = "waitlist"
        indexes = [models.Index(fields=["consultation_type", "status", "created_at"])]

    def __str__(self):
        return f"Waitlist #{self.pk} · {self.consultation_type}"


class WaitlistOffer(models.Model):
    """A freed time offered to one waitlist entry, held for them until `expires_at`.

    The hold is a real `Appointment` in status "held", so the same exclusion constraint
    that stops double bookings stops a second holder. An offer created in quiet hours is
    "scheduled": nothing is held or sent until `send_at`, and its hold (and expiry clock)
    starts then. At most one live (scheduled or sent) offer per entry.
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", "Waiting for quiet hours to end"
        SENT = "sent", "Sent — time held"
        ACCEPTED = "accepted", "Accepted — booked"
        DECLINED = "declined", "Passed on by the person"
        EXPIRED = "expired", "Not taken in time"
        WITHDRAWN = "withdrawn", "Withdrawn"
        VOID = "void", "Time gone before sending"

    LIVE_STATUSES = (Status.SCHEDULED, Status.SENT)

    entry = models.ForeignKey(WaitlistEntry, on_delete=models.CASCADE, related_name="offers")
    consultation_type = models.ForeignKey(
        ConsultationType, on_delete=models.PROTECT, related_name="+"
    )
    clinician = models.ForeignKey(Clinician, on_delete=models.PROTECT, related_name="+")
    start = models.DateTimeField()
    end = models.DateTimeField()
    appointment = models.OneToOneField(
        Appointment,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="waitlist_offer",
        help_text="The hold while the offer is open; the booking once accepted.",
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.SCHEDULED, db_index=True
    )
    send_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    offered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Staff member who offered it by hand (empty: offered automatically).",
    )
    key = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry"],
                condition=models.Q(status__in=["scheduled", "sent"]),
                name="booking_waitlist_one_live_offer_per_entry",
            ),
        ]

    def __str__(self):
        return f"Offer #{self.pk} · {timezone.localtime(self.start):%Y-%m-%d %H:%M} Pacific"
