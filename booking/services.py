"""Writes for booking: hold a time, add contact details, confirm, reschedule, cancel.

Never double-booked: on PostgreSQL the exclusion constraint `booking_appointment_no_overlap`
(migration 0002) rejects any active appointment whose buffered span overlaps another of the
same clinician's, raising SQLSTATE 23P01 on INSERT *and* UPDATE. That is the guarantee; the
overlap check these services make first only gives a quicker answer, and is the guard on
SQLite (development), where it runs inside the same transaction as the write.

Messages go through notifications.message_create inside the same transaction, with one
idempotency key per (appointment, event, channel), so a retried request sends nothing twice.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, transaction
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from clinic_site import clock
from clinic_site.crypto import lookup_hash
from intake.services import inquiry_mark_consultation_booked
from notifications.services import message_create, messages_cancel
from pages.models import SiteSettings

from . import selectors
from .availability import availability_changed
from .display import when_text, where_text
from .events import time_freed
from .holidays import closed_days
from .models import Appointment, AvailabilityException, Clinician, ConsultationType

logger = logging.getLogger(__name__)

HOLD_MINUTES = 15
EXCLUSION_VIOLATION = "23P01"
# Two bookings racing for overlapping times can each wait on the other's uncommitted row
# while checking the constraint; PostgreSQL then aborts one of them with a deadlock.
RETRYABLE_STATES = frozenset({"40P01", "40001"})  # deadlock, serialization failure
WRITE_ATTEMPTS = 3

Status = Appointment.Status


class BookingError(Exception):
    """A booking request that cannot be honoured; `message` is safe to show the person."""

    message = _("That time cannot be booked.")

    def __init__(self, message: str | None = None):
        super().__init__(message or self.message)
        if message:
            self.message = message


class SlotUnavailable(BookingError):
    """The time is not an open time (outside availability, too soon, too far, past)."""

    message = _("That time is not available. Please choose one of the times shown.")


class SlotTaken(BookingError):
    """Someone else took the time a moment ago (the database refused the overlap)."""

    message = _("That time was just taken.")


class ChangeNotAllowed(BookingError):
    """The appointment can no longer be changed online (cut-off, past, cancelled)."""


@dataclass(frozen=True)
class ContactDetails:
    name: str
    email: str
    phone: str  # E.164 or ""
    email_ok: bool
    sms_ok: bool
    voicemail_ok: bool
    sms_consent_text: str = ""
    language: str = "en"  # the person's (the page they booked on): their messages use it


def _sqlstate(exc: BaseException) -> str | None:
    cause = exc.__cause__ or exc.__context__
    return getattr(cause, "sqlstate", None)


def is_exclusion_violation(exc: BaseException) -> bool:
    """True when a database error is PostgreSQL's exclusion_violation (23P01)."""
    return _sqlstate(exc) == EXCLUSION_VIOLATION


def is_retryable(exc: BaseException) -> bool:
    """True for a deadlock or serialization failure: the write may simply be tried again."""
    return _sqlstate(exc) in RETRYABLE_STATES


def _overlapping_active(
    *, clinician_id: int, start: datetime, end: datetime, before: int, after: int, now, exclude_pk
):
    """Active appointments whose buffered span overlaps [start − before, end + after)."""
    blocked_start = start - timedelta(minutes=before)
    blocked_end = end + timedelta(minutes=after)
    candidates = (
        Appointment.objects.active()
        .filter(
            clinician_id=clinician_id,
            start__lt=blocked_end + timedelta(days=1),
            end__gt=blocked_start - timedelta(days=1),
        )
        .exclude(status=Status.HELD, hold_expires_at__lt=now)
    )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return [
        other
        for other in candidates
        if other.blocked_start < blocked_end and blocked_start < other.blocked_end
    ]


def _release_expired_holds_of(*, clinician_id: int, now: datetime) -> int:
    return Appointment.objects.filter(
        clinician_id=clinician_id, status=Status.HELD, hold_expires_at__lt=now
    ).update(
        status=Status.CANCELLED,
        cancelled_by=Appointment.CancelledBy.HOLD_EXPIRED,
        cancelled_at=now,
        updated_at=now,
    )


def _is_open(
    *,
    consultation_type: ConsultationType,
    clinician: Clinician,
    start: datetime,
    now: datetime,
    exclude_appointment_id: int | None = None,
) -> bool:
    local_day = clock.local_date(start)
    return any(
        slot.start == start
        for slot in selectors.open_slots_for(
            consultation_type=consultation_type,
            clinicians=[clinician],
            now=now,
            day=local_day,
            exclude_appointment_id=exclude_appointment_id,
            cached=False,
        )
    )


# --- holding a time ------------------------------------------------------------------------
def appointment_hold(
    *,
    consultation_type: ConsultationType,
    start: datetime,
    clinician: Clinician | None,
    hold_key: str,
    inquiry=None,
    now: datetime | None = None,
) -> Appointment:
    """Hold an open time for a few minutes while the person gives their details.

    clinician None = any available clinician offering the type (tried in order). Raises
    SlotUnavailable when the time is not an open time by the rules, SlotTaken when it was
    open but someone else's appointment now holds it. Calling again with the same hold_key
    and time returns the same hold (a double-submitted form books once).
    """
    now = now or timezone.now()
    if not consultation_type.is_active:
        raise SlotUnavailable(_("That kind of appointment is not available to book online."))
    if start.tzinfo is None:
        raise SlotUnavailable()
    existing = _hold_for_key(hold_key=hold_key, now=now)
    if existing is not None:
        if existing.start == start and existing.consultation_type_id == consultation_type.pk:
            return existing
        appointment_release_hold(appointment=existing, now=now)

    offered = selectors.clinicians_for(consultation_type=consultation_type)
    if clinician is not None:
        offered = [c for c in offered if c.pk == clinician.pk]
    local_day = clock.local_date(start)
    open_now = selectors.open_slots_for(
        consultation_type=consultation_type,
        clinicians=offered,
        now=now,
        day=local_day,
        cached=False,  # deciding on a write: the database itself, not the page cache
    )
    free_ids = next((s.clinician_ids for s in open_now if s.start == start), ())
    candidates = _least_busy_first([c for c in offered if c.pk in free_ids], day=local_day, now=now)
    if not candidates:
        if _open_ignoring_bookings(
            consultation_type=consultation_type, clinicians=offered, start=start, now=now
        ):
            raise SlotTaken()
        raise SlotUnavailable()

    for candidate in candidates:
        try:
            return _insert_hold(
                consultation_type=consultation_type,
                clinician=candidate,
                start=start,
                hold_key=hold_key,
                inquiry=inquiry,
                now=now,
            )
        except SlotTaken:
            mine = _hold_for_key(hold_key=hold_key, now=now)
            if mine is not None and mine.start == start:
                return mine  # our own twin request won the race
            continue
    raise SlotTaken()


def _least_busy_first(clinicians: list[Clinician], *, day, now: datetime) -> list[Clinician]:
    """Clinicians ordered by how many bookings they have that day (fewest first), so "any
    available clinician" spreads the work instead of filling the first name on the list."""
    if len(clinicians) < 2:
        return clinicians
    bounds = selectors.engine.local_day_bounds(day)
    counts = dict(
        Appointment.objects.active()
        .filter(clinician__in=clinicians, start__gte=bounds.start, start__lt=bounds.end)
        .exclude(status=Status.HELD, hold_expires_at__lt=now)
        .values_list("clinician_id")
        .annotate(n=Count("pk"))
        .values_list("clinician_id", "n")
    )
    return sorted(clinicians, key=lambda c: counts.get(c.pk, 0))


def _open_ignoring_bookings(*, consultation_type, clinicians, start, now) -> bool:
    """Would `start` be open if nobody had booked anything? (taken vs never open)"""
    engine = selectors.engine
    bounds = engine.local_day_bounds(clock.local_date(start))
    schedules = selectors.clinician_schedules(clinicians=clinicians, window=bounds, now=now)
    unbooked = [
        engine.ClinicianSchedule(
            clinician_id=s.clinician_id,
            weekly=s.weekly,
            extra_hours=s.extra_hours,
            time_off=s.time_off,
        )
        for s in schedules
    ]
    slots = engine.open_slots_any(
        schedules=unbooked,
        rules=selectors.slot_rules(consultation_type),
        now=now,
        start_from=bounds.start,
        end_before=bounds.end,
    )
    return any(slot.start == start for slot in slots)


def _hold_for_key(*, hold_key: str, now: datetime) -> Appointment | None:
    if not hold_key:
        return None
    return (
        Appointment.objects.filter(hold_key=hold_key, status=Status.HELD, hold_expires_at__gte=now)
        .order_by("-pk")
        .first()
    )


def _insert_hold(
    *, consultation_type, clinician, start, hold_key, inquiry, now, expires_at=None
) -> Appointment:
    end = start + consultation_type.duration
    appointment = Appointment(
        consultation_type=consultation_type,
        clinician=clinician,
        inquiry=inquiry,
        mode=consultation_type.modes[0],
        start=start,
        end=end,
        buffer_before_minutes=consultation_type.buffer_before_minutes,
        buffer_after_minutes=consultation_type.buffer_after_minutes,
        status=Status.HELD,
        hold_expires_at=expires_at or now + timedelta(minutes=HOLD_MINUTES),
        hold_key=hold_key,
    )
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with transaction.atomic():
                _release_expired_holds_of(clinician_id=clinician.pk, now=now)
                if _overlapping_active(
                    clinician_id=clinician.pk,
                    start=start,
                    end=end,
                    before=appointment.buffer_before_minutes,
                    after=appointment.buffer_after_minutes,
                    now=now,
                    exclude_pk=None,
                ):
                    raise SlotTaken()
                appointment.save()
            return appointment
        except IntegrityError as exc:
            if is_exclusion_violation(exc):
                raise SlotTaken() from exc
            raise
        except OperationalError as exc:
            if not is_retryable(exc):
                raise
            appointment.pk = None
            if attempt == WRITE_ATTEMPTS:
                raise SlotTaken() from exc
            # The other transaction usually commits within milliseconds; then the
            # overlap check above answers "taken" without touching the constraint.
            time.sleep(random.uniform(0.01, 0.05) * attempt)
    raise SlotTaken()


def _save_unless_taken(appointment: Appointment, *, now: datetime, check_overlap=True) -> None:
    """Save a changed appointment in a savepoint; an overlap found by our check (the only
    guard on SQLite), by the exclusion constraint, or a deadlock between racing writers all
    become SlotTaken."""
    try:
        with transaction.atomic():
            if check_overlap and _overlapping_active(
                clinician_id=appointment.clinician_id,
                start=appointment.start,
                end=appointment.end,
                before=appointment.buffer_before_minutes,
                after=appointment.buffer_after_minutes,
                now=now,
                exclude_pk=appointment.pk,
            ):
                raise SlotTaken()
            appointment.save()
    except IntegrityError as exc:
        if is_exclusion_violation(exc):
            raise SlotTaken() from exc
        raise
    except OperationalError as exc:
        if is_retryable(exc):
            raise SlotTaken() from exc
        raise


def appointment_hold_replacing(*, previous_id: int | None, **hold) -> Appointment:
    """`appointment_hold(**hold)` for a visitor, then give back the time they held before.

    `previous_id` is the hold this visitor's session carries (or None). Picking a new time
    releases it; picking the same time again (a double submit) keeps it. When the new hold
    is refused (SlotTaken, SlotUnavailable) the previous one stays.
    """
    appointment = appointment_hold(**hold)
    if previous_id and previous_id != appointment.pk:
        _hold_release(pk=previous_id, now=hold.get("now") or timezone.now())
    return appointment


def appointment_release_hold(*, appointment: Appointment, now: datetime | None = None) -> bool:
    """Give a held time back (the person picked another time). True if it was released."""
    return _hold_release(pk=appointment.pk, now=now or timezone.now())


def _hold_release(*, pk: int, now: datetime) -> bool:
    released = Appointment.objects.filter(pk=pk, status=Status.HELD).update(
        status=Status.CANCELLED,
        cancelled_by=Appointment.CancelledBy.CLIENT,
        cancelled_at=now,
        updated_at=now,
    )
    if released:  # an UPDATE sends no post_save: the time is open again
        availability_changed(
            clinician_ids=Appointment.objects.filter(pk=pk).values_list("clinician_id", flat=True)
        )
    return bool(released)


def holds_release_expired(*, now: datetime | None = None) -> int:
    """Cancel every hold past its expiry; returns how many were released.

    No availability to invalidate: an expired hold stopped blocking when it expired, and
    cached open times shaped by it were kept only until then (booking.availability).
    """
    now = now or timezone.now()
    return Appointment.objects.filter(status=Status.HELD, hold_expires_at__lt=now).update(
        status=Status.CANCELLED,
        cancelled_by=Appointment.CancelledBy.HOLD_EXPIRED,
        cancelled_at=now,
        updated_at=now,
    )


def appointment_set_contact(
    *, appointment: Appointment, contact: ContactDetails, mode: str, now: datetime | None = None
) -> Appointment:
    """Store the person's contact details and consent on their held appointment."""
    now = now or timezone.now()
    if appointment.status != Status.HELD:
        raise ChangeNotAllowed(_("This booking has already been completed."))
    if mode not in appointment.consultation_type.modes:
        raise BookingError(_("Choose one of the ways to meet shown."))
    appointment.mode = mode
    appointment.contact_name = contact.name
    appointment.contact_email = contact.email
    appointment.contact_phone = contact.phone
    appointment.email_hash = lookup_hash("email", contact.email)
    appointment.phone_hash = lookup_hash("phone", contact.phone)
    appointment.email_ok = bool(contact.email_ok and contact.email)
    appointment.email_consent_at = now if appointment.email_ok else None
    appointment.sms_ok = bool(contact.sms_ok and contact.phone)
    appointment.sms_consent_at = now if appointment.sms_ok else None
    appointment.sms_consent_text = contact.sms_consent_text if appointment.sms_ok else ""
    appointment.voicemail_ok = contact.voicemail_ok
    appointment.language = contact.language
    appointment.save()
    return appointment


# --- confirming ---------------------------------------------------------------------------
def appointment_confirm_booking(
    *, appointment: Appointment, now: datetime | None = None
) -> Appointment:
    """Turn the person's hold into a booking: confirmed (instant types) or requested.

    Idempotent: confirming twice (a double-submitted form) changes nothing the second time.
    A hold that expired a moment ago is revived if its time is still free; otherwise
    SlotTaken. Sends the confirmation and schedules reminders for confirmed bookings, and
    moves a linked inquiry to "consultation booked".
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(appointment)
        if locked.status in (Status.CONFIRMED, Status.REQUESTED):
            return locked
        revivable = (
            locked.status == Status.CANCELLED
            and locked.cancelled_by == Appointment.CancelledBy.HOLD_EXPIRED
        )
        if locked.status != Status.HELD and not revivable:
            raise ChangeNotAllowed(
                _("This booking can no longer be completed. Please start again.")
            )
        if locked.start <= now:
            raise SlotUnavailable(_("That time has passed. Please choose another time."))
        if not (locked.contact_email or locked.contact_phone):
            raise BookingError(_("Please give an email address or a phone number first."))
        instant = locked.consultation_type.confirmation == ConsultationType.Confirmation.INSTANT
        locked.status = Status.CONFIRMED if instant else Status.REQUESTED
        locked.confirmed_at = now if instant else None
        locked.hold_expires_at = None
        locked.cancelled_by = ""
        locked.cancelled_at = None
        _save_unless_taken(locked, now=now, check_overlap=revivable)
        if instant:
            _send_event(appointment=locked, event="confirmed", now=now)
            _schedule_reminders(appointment=locked, now=now)
        if locked.inquiry_id:
            inquiry_mark_consultation_booked(inquiry=locked.inquiry)
    return locked


def appointment_staff_confirm(*, appointment: Appointment, now: datetime | None = None) -> bool:
    """Front desk accepts a requested booking: confirmed, message sent, reminders set."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
        if locked.status != Status.REQUESTED:
            return False
        locked.status = Status.CONFIRMED
        locked.confirmed_at = now
        locked.save(update_fields=["status", "confirmed_at", "updated_at"])
        _send_event(appointment=locked, event="confirmed", now=now)
        _schedule_reminders(appointment=locked, now=now)
    return True


def appointment_mark_outcome(*, appointment: Appointment, status: str) -> bool:
    """Staff record how a past appointment went: completed or no-show."""
    if status not in (Status.COMPLETED, Status.NO_SHOW):
        raise ValueError("outcome must be completed or no_show")
    updated = Appointment.objects.filter(
        pk=appointment.pk, status__in=(Status.CONFIRMED, Status.COMPLETED, Status.NO_SHOW)
    ).update(status=status, updated_at=timezone.now())
    if updated:  # no longer active: its time no longer blocks
        availability_changed(clinician_ids=[appointment.clinician_id])
    return bool(updated)


# --- changes --------------------------------------------------------------------------
def change_cutoff(appointment: Appointment) -> datetime:
    return appointment.start - timedelta(hours=settings.BOOKING_CHANGE_CUTOFF_HOURS)


def can_change_online(appointment: Appointment, *, now: datetime | None = None) -> bool:
    """True while the person may still cancel or reschedule through their manage link."""
    now = now or timezone.now()
    return appointment.status in (Status.REQUESTED, Status.CONFIRMED) and now < change_cutoff(
        appointment
    )


def _locked(appointment: Appointment) -> Appointment:
    """The appointment's row, locked until the transaction ends, with its type and clinician."""
    return (
        Appointment.objects.select_for_update()
        .select_related("consultation_type", "clinician")
        .get(pk=appointment.pk)
    )


def appointment_cancel(
    *, appointment: Appointment, by: str, now: datetime | None = None, enforce_cutoff: bool = True
) -> Appointment:
    """Cancel a booking (by the client through their link, or by staff); idempotent.

    Pending reminders are withdrawn and a cancellation message goes out.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(appointment)
        if locked.status == Status.CANCELLED:
            return locked
        if enforce_cutoff and not can_change_online(locked, now=now):
            raise ChangeNotAllowed(
                _("This appointment can no longer be changed online. Please call us.")
            )
        if locked.status not in (Status.HELD, Status.REQUESTED, Status.CONFIRMED):
            raise ChangeNotAllowed(_("This appointment can no longer be cancelled."))
        was_booked = locked.status != Status.HELD
        locked.status = Status.CANCELLED
        locked.cancelled_by = by
        locked.cancelled_at = now
        locked.sequence += 1
        locked.save()
        messages_cancel(related=locked, key_prefix=_reminder_prefix(locked))
        if was_booked:
            _send_event(appointment=locked, event="cancelled", now=now)
            _announce_freed(locked, start=locked.start, end=locked.end)
    return locked


def _announce_freed(appointment: Appointment, *, start: datetime, end: datetime) -> None:
    """The waitlist hears about the time once this transaction commits (booking.signals)."""
    time_freed.send(sender=Appointment, clinician_id=appointment.clinician_id, start=start, end=end)


def reschedule_check(
    *, appointment: Appointment, start: datetime, now: datetime | None = None
) -> None:
    """Could the booking move to `start` now? Raises the reason it cannot; writes nothing.

    Used when a new time is tapped (before the person confirms the move) and again by
    appointment_reschedule inside its transaction.
    """
    now = now or timezone.now()
    if not can_change_online(appointment, now=now):
        raise ChangeNotAllowed(
            _("This appointment can no longer be changed online. Please call us.")
        )
    if start.tzinfo is None:
        raise SlotUnavailable()
    if not _is_open(
        consultation_type=appointment.consultation_type,
        clinician=appointment.clinician,
        start=start,
        now=now,
        exclude_appointment_id=appointment.pk,
    ):
        if _open_ignoring_bookings(
            consultation_type=appointment.consultation_type,
            clinicians=[appointment.clinician],
            start=start,
            now=now,
        ):
            raise SlotTaken()
        raise SlotUnavailable()


def appointment_reschedule(
    *, appointment: Appointment, start: datetime, now: datetime | None = None
) -> Appointment:
    """Move a booking to another open time with the same clinician.

    The same row moves (its calendar UID stays; SEQUENCE goes up); the exclusion
    constraint checks the UPDATE like an INSERT, so a race ends in SlotTaken, not overlap.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(appointment)
        if locked.start == start and can_change_online(locked, now=now):
            return locked
        reschedule_check(appointment=locked, start=start, now=now)
        freed = (locked.start, locked.end)
        locked.start = start
        locked.end = start + timedelta(minutes=locked.consultation_type.duration_minutes)
        locked.buffer_before_minutes = locked.consultation_type.buffer_before_minutes
        locked.buffer_after_minutes = locked.consultation_type.buffer_after_minutes
        locked.sequence += 1
        _save_unless_taken(locked, now=now)
        _announce_freed(locked, start=freed[0], end=freed[1])
        messages_cancel(related=locked, key_prefix=_reminder_prefix(locked))
        if locked.status == Status.CONFIRMED:
            _send_event(appointment=locked, event="rescheduled", now=now)
            _schedule_reminders(appointment=locked, now=now)
    return locked


# --- messages ---------------------------------------------------------------------------
def manage_url(appointment: Appointment) -> str:
    path = reverse("booking:manage", kwargs={"token": selectors.manage_token(appointment)})
    return f"{settings.SITE_URL}{path}"


def _message_context(appointment: Appointment, *, event: str) -> dict:
    """The message's facts in the person's language: its date, place and links (/es/…)."""
    with translation.override(appointment.language):
        return _message_context_in_language(appointment, event=event)


def _message_context_in_language(appointment: Appointment, *, event: str) -> dict:
    site = SiteSettings.load()
    link = (
        f"{settings.SITE_URL}{reverse('booking:start')}"
        if event == "cancelled"
        else manage_url(appointment)
    )
    return {
        "clinic": site.short_name,
        "when": when_text(appointment.start),
        "where": where_text(mode=appointment.mode, address=site.address, phone=site.phone),
        "manage_link": link,
    }


def _channels(appointment: Appointment) -> list[tuple[str, str]]:
    """(channel, address) pairs the person agreed to: texts only when safe and consented.

    Whoever agreed to email gets every message by email as well, so an SMS needs no email
    fallback here: a number that texted STOP simply gets no text (no duplicate email)."""
    channels = []
    if appointment.sms_ok and appointment.contact_phone:
        channels.append(("sms", appointment.contact_phone))
    if appointment.email_ok and appointment.contact_email:
        channels.append(("email", appointment.contact_email))
    return channels


def _send_event(*, appointment: Appointment, event: str, now: datetime) -> None:
    context = _message_context(appointment, event=event)
    for channel, address in _channels(appointment):
        # Confirmed/cancelled happen once; each reschedule is its own event (its sequence).
        suffix = f":{appointment.sequence}" if event == "rescheduled" else ""
        message_create(
            channel=channel,
            to=address,
            template_key=f"booking_{event}",
            context=context,
            language=appointment.language,
            idempotency_key=f"booking:{appointment.pk}:{event}{suffix}:{channel}",
            related=appointment,
        )


def _reminder_prefix(appointment: Appointment) -> str:
    return f"booking:{appointment.pk}:reminder:"


# A reminder must arrive at least this long before the appointment to be of use. Quiet
# hours never push one later than that: it goes the evening before, or not at all.
REMINDER_LATEST_BEFORE_START = timedelta(minutes=30)


def _schedule_reminders(*, appointment: Appointment, now: datetime) -> None:
    context = _message_context(appointment, event="reminder")
    send_by = appointment.start - REMINDER_LATEST_BEFORE_START
    for hours in settings.BOOKING_REMINDER_OFFSETS_HOURS:
        when = appointment.start - timedelta(hours=hours)
        if when <= now:
            continue  # booked inside this offset: the confirmation is reminder enough
        for channel, address in _channels(appointment):
            message_create(
                channel=channel,
                to=address,
                template_key="booking_reminder",
                context=context,
                language=appointment.language,
                idempotency_key=(
                    f"{_reminder_prefix(appointment)}{appointment.sequence}:{hours}h:{channel}"
                ),
                related=appointment,
                scheduled_for=when,
                send_by=send_by,
            )


# --- holidays ----------------------------------------------------------------------------
def holiday_time_off_add(*, clinicians: Iterable[Clinician], first: date, last: date) -> int:
    """Whole-day time off (clinic time) for each clinic holiday in [first, last] per
    clinician, unless that exact time off is already there. Returns how many were added."""
    added = 0
    closed = closed_days(first=first, last=last)
    for clinician in clinicians:
        existing = set(
            clinician.availability_exceptions.filter(
                kind=AvailabilityException.Kind.TIME_OFF
            ).values_list("starts_at", "ends_at")
        )
        for name, day in closed:
            starts_at, ends_at = clock.day_bounds(day)
            if (starts_at, ends_at) in existing:
                continue
            AvailabilityException.objects.create(
                clinician=clinician,
                kind=AvailabilityException.Kind.TIME_OFF,
                starts_at=starts_at,
                ends_at=ends_at,
                label=f"Holiday: {name}",
            )
            added += 1
    return added


def holiday_time_off_seed(*, now: datetime | None = None) -> int:
    """Holiday time off for every active clinician from today to the end of next year.

    Run yearly by beat (booking.tasks.seed_holiday_time_off); running it again adds nothing.
    """
    today = clock.today(now)
    return holiday_time_off_add(
        clinicians=Clinician.objects.filter(is_active=True),
        first=today,
        last=date(today.year + 1, 12, 31),
    )
