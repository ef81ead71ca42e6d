"""Reads for booking: bookable types, clinicians' schedules, open slots, appointments.

Loading schedules costs a fixed number of queries whatever the number of days or
clinicians (clinicians, their rules, their exceptions, the appointments in the window), so
the day and time pages stay flat as the clinic grows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Min, OuterRef, Q, Subquery
from django.utils import timezone

from clinic_site.crypto import BadToken, encrypted_fields, make_token, read_token
from clinic_site.phones import display_phone
from intake.models import Inquiry

from . import availability
from . import slots as engine
from .models import (
    MAX_HORIZON_DAYS,
    Appointment,
    AvailabilityException,
    AvailabilityRule,
    Clinician,
    ConsultationType,
)

MANAGE_TOKEN_PURPOSE = "booking-manage"
Status = Appointment.Status
# A manage link stops working once its appointment is over or was never booked.
_LINK_EXPIRED_STATUSES = (Status.HELD, Status.COMPLETED, Status.NO_SHOW)


# --- what the booking pages are asked for ------------------------------------------------
def bookable_day(
    raw: str, *, today: date, horizon_days: int = MAX_HORIZON_DAYS
) -> tuple[date | None, str]:
    """The day a times page asks for: (day, "") or (None, "invalid" / "past" / "beyond").

    Only YYYY-MM-DD is read (the links we make); days before today (clinic time) are past;
    days more than `horizon_days` ahead (the type's booking horizon, never more than
    MAX_HORIZON_DAYS) are beyond. So a URL saying 0001-01-01 or 9999-12-31 gets a clear
    page before any date arithmetic can overflow.
    """
    try:
        day = date.fromisoformat(raw) if len(raw) == 10 and raw[4] == "-" else None
    except ValueError:
        day = None
    if day is None:
        return None, "invalid"
    if day < today:
        return None, "past"
    if (day - today).days > min(horizon_days, MAX_HORIZON_DAYS):
        return None, "beyond"
    return day, ""


def clinician_choice(raw: str, clinicians: Iterable[Clinician]) -> int | None:
    """The clinician a `?clinician=<id>` filter names, if they offer this type; else None."""
    if raw.isascii() and raw.isdigit() and int(raw) in {c.pk for c in clinicians}:
        return int(raw)
    return None


def manage_link_problem(appointment: Appointment | None, *, now: datetime) -> str:
    """Why a manage link cannot open its appointment: "invalid", "expired" or "" (it can).

    Cancelled appointments still open (the page says so and offers the .ics CANCEL).
    """
    if appointment is None:
        return "invalid"
    if appointment.end <= now or appointment.status in _LINK_EXPIRED_STATUSES:
        return "expired"
    return ""


def contact_initial(appointment: Appointment, inquiry=None) -> dict:
    """The details form's starting values: what this booking already holds, else what the
    person told us in their inquiry. Consent carries over only as they gave it: texts need
    both a safe-to-text phone and recorded SMS consent; email needs recorded email consent.
    """
    if appointment.contact_email or appointment.contact_phone:
        return {
            "name": appointment.contact_name,
            "email": appointment.contact_email,
            "phone": display_phone(appointment.contact_phone),
            "mode": appointment.mode,
            "email_ok": appointment.email_ok,
            "sms_ok": appointment.sms_ok,
            "voicemail_ok": appointment.voicemail_ok,
        }
    if inquiry is not None:
        return {
            "name": inquiry.contact_name,
            "email": inquiry.contact_email,
            "phone": display_phone(inquiry.contact_phone),
            "mode": appointment.mode,
            "email_ok": bool(inquiry.email_consent_at),
            "sms_ok": bool(inquiry.sms_safe and inquiry.sms_consent_at),
            "voicemail_ok": inquiry.voicemail_ok,
        }
    return {"mode": appointment.mode}


# --- types and clinicians ----------------------------------------------------------------
def bookable_types() -> list[ConsultationType]:
    """Active consultation types that at least one active clinician offers."""
    return list(
        ConsultationType.objects.filter(is_active=True, clinicians__is_active=True).distinct()
    )


def bookable_type(*, slug: str) -> ConsultationType | None:
    """The active consultation type with this slug, or None (kept per catalog token)."""
    return availability.catalog_value(
        f"type:{slug}",
        lambda: ConsultationType.objects.filter(slug=slug, is_active=True).first(),
    )


def clinicians_for(*, consultation_type: ConsultationType) -> list[Clinician]:
    """Active clinicians offering the type, by name, with their public profiles (kept per
    catalog token; a profile's photo bytes are never loaded here)."""
    return list(  # a copy: callers may filter or sort it
        availability.catalog_value(
            f"clinicians:{consultation_type.pk}",
            lambda: list(
                consultation_type.clinicians.filter(is_active=True)
                .select_related("profile")
                .defer("profile__photo")
                .order_by("display_name", "pk")
            ),
        )
    )


def slot_rules(consultation_type: ConsultationType) -> engine.SlotRules:
    return engine.SlotRules(
        duration=timedelta(minutes=consultation_type.duration_minutes),
        buffer_before=timedelta(minutes=consultation_type.buffer_before_minutes),
        buffer_after=timedelta(minutes=consultation_type.buffer_after_minutes),
        minimum_notice=timedelta(hours=consultation_type.minimum_notice_hours),
        horizon=timedelta(days=consultation_type.horizon_days),
        step=timedelta(minutes=consultation_type.slot_step_minutes),
    )


def clinician_schedules(
    *,
    clinicians: Iterable[Clinician],
    window: engine.Interval,
    now: datetime,
    exclude_appointment_id: int | None = None,
    live_holds: dict | None = None,
) -> list[engine.ClinicianSchedule]:
    """Schedules for the slot engine, covering `window`, in three queries.

    Holds past their expiry no longer block (the booking service releases them before it
    writes). `exclude_appointment_id` leaves one appointment out, so a reschedule can move
    an appointment to a time that overlaps its own current buffers. A `live_holds` dict gets
    (expiry, start, end) of each hold that blocks now and will expire, per clinician.
    """
    clinician_ids = [c.pk for c in clinicians]
    if not clinician_ids:
        return []
    # A day either side: buffers and clinic-day windows reach past the slot window itself.
    margin = timedelta(days=1)
    rules_by_clinician = defaultdict(list)
    for rule in AvailabilityRule.objects.filter(clinician_id__in=clinician_ids):
        rules_by_clinician[rule.clinician_id].append(
            engine.WeeklyWindow(
                weekday=rule.weekday,
                start=rule.start_time,
                end=rule.end_time,
                effective_from=rule.effective_from,
                effective_to=rule.effective_to,
            )
        )
    extra, time_off = defaultdict(list), defaultdict(list)
    for exception in AvailabilityException.objects.filter(
        clinician_id__in=clinician_ids,
        starts_at__lt=window.end + margin,
        ends_at__gt=window.start - margin,
    ):
        target = extra if exception.kind == AvailabilityException.Kind.EXTRA_HOURS else time_off
        target[exception.clinician_id].append(
            engine.Interval(exception.starts_at, exception.ends_at)
        )
    booked = defaultdict(list)
    appointments = (
        Appointment.objects.active()
        .filter(
            clinician_id__in=clinician_ids,
            start__lt=window.end + margin,
            end__gt=window.start - margin,
        )
        .exclude(status=Appointment.Status.HELD, hold_expires_at__lt=now)
        .only(
            "clinician_id",
            "start",
            "end",
            "buffer_before_minutes",
            "buffer_after_minutes",
            "status",
            "hold_expires_at",
        )
    )
    if exclude_appointment_id is not None:
        appointments = appointments.exclude(pk=exclude_appointment_id)
    for appt in appointments:
        expires = appt.hold_expires_at if appt.status == Appointment.Status.HELD else None
        if live_holds is not None and expires is not None:
            live_holds.setdefault(appt.clinician_id, []).append((expires, appt.start, appt.end))
        booked[appt.clinician_id].append(
            engine.Booked(
                start=appt.start,
                end=appt.end,
                buffer_before=timedelta(minutes=appt.buffer_before_minutes),
                buffer_after=timedelta(minutes=appt.buffer_after_minutes),
            )
        )
    return [
        engine.ClinicianSchedule(
            clinician_id=cid,
            weekly=tuple(rules_by_clinician[cid]),
            extra_hours=tuple(extra[cid]),
            time_off=tuple(time_off[cid]),
            booked=tuple(booked[cid]),
        )
        for cid in clinician_ids
    ]


def _loaders(now: datetime) -> dict:
    """How booking.availability reads the database when a cached day is missing or stale:
    the schedules and the live holds that shaped them, in the same three queries."""

    def load(*, clinicians, window):
        holds: dict = {}
        schedules = clinician_schedules(
            clinicians=clinicians, window=window, now=now, live_holds=holds
        )
        return schedules, holds

    return {"load": load}


def open_days_for(
    *,
    consultation_type: ConsultationType,
    clinicians: list[Clinician],
    now: datetime | None = None,
) -> list[availability.OpenDay]:
    """The Pacific days with open times in the booking window (the day page): how many
    start times each has and the first, from the per-day cache."""
    now = now or timezone.now()
    rules = slot_rules(consultation_type)
    window = engine.booking_window(rules=rules, now=now)
    return availability.open_days_cached(
        clinicians=clinicians, rules=rules, window=window, now=now, **_loaders(now)
    )


def open_days_in(slots: list[engine.Slot]) -> list[availability.OpenDay]:
    """The same day summaries for slots computed directly (a reschedule's own window)."""
    return [
        availability.OpenDay(day, len(day_slots), day_slots[0].start)
        for day, day_slots in engine.slots_by_local_date(slots).items()
    ]


def open_slots_for(
    *,
    consultation_type: ConsultationType,
    clinicians: list[Clinician],
    now: datetime | None = None,
    day: date | None = None,
    exclude_appointment_id: int | None = None,
    cached: bool = True,
) -> list[engine.Slot]:
    """Open slots for the type with any of `clinicians` (one clinician = a list of one),
    over the whole booking window or one Pacific calendar day.

    Read from the per-clinician, per-day cache (booking.availability) unless `cached` is
    False (the booking services, deciding on a write) or an appointment is left out (a
    reschedule's own appointment).
    """
    now = now or timezone.now()
    rules = slot_rules(consultation_type)
    window = engine.booking_window(rules=rules, now=now)
    start_from = end_before = None
    if day is not None:
        # A day outside the window has no slots; checking first keeps date arithmetic away
        # from the calendar's ends (a URL can say 9999-12-31).
        if (
            not window.start.date() - timedelta(days=1)
            <= day
            <= window.end.date() + timedelta(days=1)
        ):
            return []
        bounds = engine.local_day_bounds(day)
        start_from, end_before = bounds.start, bounds.end
        window = engine.Interval(max(window.start, bounds.start), min(window.end, bounds.end))
        if window.end <= window.start:
            return []
    if cached and exclude_appointment_id is None:
        return availability.open_slots_cached(
            clinicians=clinicians, rules=rules, window=window, now=now, **_loaders(now)
        )
    schedules = clinician_schedules(
        clinicians=clinicians,
        window=window,
        now=now,
        exclude_appointment_id=exclude_appointment_id,
    )
    return engine.open_slots_any(
        schedules=schedules, rules=rules, now=now, start_from=start_from, end_before=end_before
    )


# --- appointments ----------------------------------------------------------------------
def manage_token(appointment: Appointment) -> str:
    """The signed token in an appointment's private manage link."""
    return make_token(MANAGE_TOKEN_PURPOSE, str(appointment.manage_key))


def appointment_from_manage_token(token: str) -> Appointment | None:
    """The appointment a manage link opens, or None if the token is tampered or unknown."""
    try:
        key = read_token(MANAGE_TOKEN_PURPOSE, token)
    except BadToken:
        return None
    try:
        return (
            Appointment.objects.select_related("consultation_type", "clinician")
            .filter(manage_key=key)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def next_appointment_start(*, now: datetime) -> Subquery:
    """For an inquiry query (`.annotate(x=next_appointment_start(now=...))`): when its next
    requested or confirmed appointment that has not ended by `now` starts, or None.

    A column of the inquiry query itself, not a query of its own: the database works it out
    for the rows of the page only, through the appointment's inquiry index.
    """
    return Subquery(
        Appointment.objects.filter(
            inquiry=OuterRef("pk"),
            status__in=(Appointment.Status.REQUESTED, Appointment.Status.CONFIRMED),
            end__gt=now,
        )
        .order_by()
        .values("inquiry")
        .annotate(first_start=Min("start"))  # the earliest: no sort, one index probe
        .values("first_start")
    )


def appointments_for_agenda(
    *, start: datetime, end: datetime, clinician_id: int | None = None
) -> list[Appointment]:
    """Appointments (not abandoned holds) in [start, end) for the staff agenda.

    One query. The inquiry comes along for its reference code and preferred channel only:
    its encrypted columns are neither fetched nor decrypted.
    """
    queryset = (
        Appointment.objects.filter(start__lt=end, end__gt=start)
        .exclude(Q(status=Appointment.Status.CANCELLED, cancelled_by="hold_expired"))
        .exclude(status=Appointment.Status.HELD)
        .select_related("clinician", "consultation_type", "inquiry")
        .defer(*(f"inquiry__{field.name}" for field in encrypted_fields(Inquiry)))
        .order_by("clinician__display_name", "start")
    )
    if clinician_id:
        queryset = queryset.filter(clinician_id=clinician_id)
    return list(queryset)


def first_open_day(*, consultation_type: ConsultationType, now: datetime | None = None):
    """The first Pacific date with an open time for the type (any clinician), or None."""
    slots = open_slots_for(
        consultation_type=consultation_type,
        clinicians=clinicians_for(consultation_type=consultation_type),
        now=now,
    )
    return slots[0].local_start().date() if slots else None
