"""Writes for the waitlist: join, offer a freed time (a real hold), send, expire, accept.

Never two holders of one time: an offer's hold is an Appointment in status "held", inserted
through booking.services like any other hold, so PostgreSQL's exclusion constraint refuses
a second holder whichever path (an offer, a normal booking, a staff hand-offer) comes
second. An entry holds at most one live offer (a partial unique constraint, and the entry
row is locked while an offer is made), so two cancellations that suit one couple give them
one offer and the second time goes to the next in line.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from clinic_site import clock
from clinic_site.crypto import lookup_hash
from notifications.models import Message
from notifications.services import message_create

from . import selectors, services, waitlist_selectors
from . import slots as engine
from . import waitlist as rules
from .display import time_zone_text, when_text
from .events import time_freed
from .models import Appointment, Clinician, ConsultationType, WaitlistEntry, WaitlistOffer

logger = logging.getLogger(__name__)

Entry = WaitlistEntry.Status
Offer = WaitlistOffer.Status


class WaitlistError(services.BookingError):
    """A waitlist request that cannot be honoured; `message` is safe to show."""


class EntryNotWaiting(WaitlistError):
    message = _("This person is not waiting for a time right now.")


class OfferGone(WaitlistError):
    message = _("This offer has ended, so the time is no longer held for you.")


@dataclass(frozen=True)
class WaitlistRequest:
    consultation_type: ConsultationType
    clinicians: list[Clinician]
    windows: list[str]
    valid_until: date


def _now(now: datetime | None) -> datetime:
    return now or timezone.now()


# --- joining and leaving --------------------------------------------------------------------
def waitlist_join(
    *,
    request: WaitlistRequest,
    contact: services.ContactDetails,
    inquiry=None,
    now: datetime | None = None,
) -> WaitlistEntry:
    """Put a couple on the waitlist for a type, with their windows and contact consent."""
    now = _now(now)
    if not request.windows:
        raise WaitlistError(_("Choose at least one day and one part of the day."))
    with transaction.atomic():
        entry = WaitlistEntry.objects.create(
            inquiry=inquiry,
            consultation_type=request.consultation_type,
            windows=list(request.windows),
            valid_until=request.valid_until,
            contact_name=contact.name,
            contact_email=contact.email,
            contact_phone=contact.phone,
            email_hash=lookup_hash("email", contact.email),
            phone_hash=lookup_hash("phone", contact.phone),
            email_ok=bool(contact.email_ok and contact.email),
            email_consent_at=now if contact.email_ok and contact.email else None,
            sms_ok=bool(contact.sms_ok and contact.phone),
            sms_consent_at=now if contact.sms_ok and contact.phone else None,
            sms_consent_text=contact.sms_consent_text if contact.sms_ok else "",
            voicemail_ok=contact.voicemail_ok,
            language=contact.language,
            created_at=now,
            status_changed_at=now,
        )
        entry.clinicians.set(request.clinicians)
    return entry


def _close_entry(entry_id: int, status: str, now: datetime) -> None:
    WaitlistEntry.objects.filter(pk=entry_id).update(status=status, status_changed_at=now)


def waitlist_entry_remove(*, entry: WaitlistEntry, now: datetime | None = None) -> bool:
    """Take an entry off the list (staff, or the person); a live offer is withdrawn and its
    time passed on. True if it was open."""
    now = _now(now)
    with transaction.atomic():
        locked = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.status not in WaitlistEntry.OPEN_STATUSES:
            return False
        for offer in WaitlistOffer.objects.select_for_update().filter(
            entry=locked, status__in=WaitlistOffer.LIVE_STATUSES
        ):
            _end_offer(offer, status=Offer.WITHDRAWN, now=now)
        _close_entry(locked.pk, Entry.REMOVED, now)
    return True


def waitlist_entries_expire(*, now: datetime | None = None) -> int:
    """Close waiting entries whose last wanted day has passed (Pacific)."""
    now = _now(now)
    today = clock.today(now)
    return WaitlistEntry.objects.filter(status=Entry.WAITING, valid_until__lt=today).update(
        status=Entry.EXPIRED, status_changed_at=now
    )


# --- offering -------------------------------------------------------------------------------
def _hold_key(offer: WaitlistOffer) -> str:
    return f"waitlist-{offer.key.hex}"


def waitlist_offer_create(
    *,
    entry: WaitlistEntry,
    clinician: Clinician,
    start: datetime,
    now: datetime | None = None,
    offered_by=None,
) -> WaitlistOffer:
    """Offer one time to one waiting entry.

    Outside quiet hours the time is held at once (a real hold) and the offer sent; in
    quiet hours the offer waits, holding nothing, until they end (waitlist_offers_send_due).
    Raises EntryNotWaiting if the entry already holds an offer or has closed, SlotTaken /
    SlotUnavailable if the time cannot be held; nothing is written then.
    """
    now = _now(now)
    ctype = entry.consultation_type
    send_at = rules.offer_send_time(
        now,
        quiet_start=settings.QUIET_HOURS_START,
        quiet_end=settings.QUIET_HOURS_END,
        tz=settings.CLINIC_TIME_ZONE,
    )
    if not rules.still_worth_sending(
        slot_start=start, send_at=send_at, notice=timedelta(hours=ctype.minimum_notice_hours)
    ):
        raise services.SlotUnavailable(_("That time would be too soon by the time we can send it."))
    with transaction.atomic():
        locked = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if locked.status != Entry.WAITING:
            raise EntryNotWaiting()
        if not services._is_open(
            consultation_type=ctype, clinician=clinician, start=start, now=now
        ):
            raise services.SlotTaken()
        offer = WaitlistOffer.objects.create(
            entry=locked,
            consultation_type=ctype,
            clinician=clinician,
            start=start,
            end=start + ctype.duration,
            status=Offer.SCHEDULED,
            send_at=send_at,
            offered_by=offered_by,
            created_at=now,
        )
        _close_entry(locked.pk, Entry.OFFERED, now)
        if send_at <= now:
            _send(offer, entry=locked, now=now)
    return offer


def _send(offer: WaitlistOffer, *, entry: WaitlistEntry, now: datetime) -> None:
    """Hold the time (SlotTaken if someone has it) and send the offer; inside a transaction."""
    expires_at = rules.offer_expiry(now, hold_minutes=settings.WAITLIST_OFFER_HOLD_MINUTES)
    hold = services._insert_hold(
        consultation_type=offer.consultation_type,
        clinician=offer.clinician,
        start=offer.start,
        hold_key=_hold_key(offer),
        inquiry=entry.inquiry,
        now=now,
        expires_at=expires_at,
    )
    offer.appointment = hold
    offer.status = Offer.SENT
    offer.sent_at = now
    offer.expires_at = expires_at
    offer.save(update_fields=["appointment", "status", "sent_at", "expires_at"])
    _message_offer(offer, entry=entry)


def offer_url(offer: WaitlistOffer) -> str:
    path = reverse("booking:waitlist_offer", args=[waitlist_selectors.offer_token(offer)])
    return f"{settings.SITE_URL}{path}"


def _message_offer(offer: WaitlistOffer, *, entry: WaitlistEntry) -> None:
    with translation.override(entry.language):  # the person's language, links included
        context = {
            "when": when_text(offer.start),
            "link": offer_url(offer),
            "hold_until": time_zone_text(offer.expires_at),
            "hold_minutes": settings.WAITLIST_OFFER_HOLD_MINUTES,
        }
    channels = []
    if entry.sms_ok and entry.contact_phone:
        channels.append(("sms", entry.contact_phone))
    if entry.email_ok and entry.contact_email:
        channels.append(("email", entry.contact_email))
    for channel, address in channels:
        message_create(
            channel=channel,
            to=address,
            template_key="waitlist_offer",
            context=context,
            language=entry.language,
            idempotency_key=f"waitlist-offer:{offer.pk}:{channel}",
            related=offer,
        )


def waitlist_offers_send_due(*, now: datetime | None = None) -> list[WaitlistOffer]:
    """Send the offers that waited for quiet hours to end; an offer whose time went in the
    meantime is void and its entry waits again. Returns the offers sent."""
    now = _now(now)
    sent, voided = [], []
    for pk in list(waitlist_selectors.live_offers_due(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            offer = (
                WaitlistOffer.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("entry", "entry__inquiry", "consultation_type", "clinician")
                .filter(pk=pk, status=Offer.SCHEDULED)
                .first()
            )
            if offer is None:
                continue
            ctype = offer.consultation_type
            open_now = ctype.is_active and services._is_open(
                consultation_type=ctype, clinician=offer.clinician, start=offer.start, now=now
            )
            try:
                if not open_now:
                    raise services.SlotTaken()
                with transaction.atomic():
                    _send(offer, entry=offer.entry, now=now)
            except services.BookingError:
                offer.status = Offer.VOID
                offer.closed_at = now
                offer.save(update_fields=["status", "closed_at"])
                _close_entry(offer.entry_id, Entry.WAITING, now)
                voided.append(offer)
            else:
                sent.append(offer)
    for offer in voided:
        announce_freed_time(clinician_id=offer.clinician_id, start=offer.start, end=offer.end)
    return sent


def _end_offer(offer: WaitlistOffer, *, status: str, now: datetime) -> None:
    """Close a live offer, give its hold back, and tell matching the time is free again."""
    offer.status = status
    offer.closed_at = now
    offer.save(update_fields=["status", "closed_at"])
    hold = (
        Appointment.objects.select_for_update()
        .filter(pk=offer.appointment_id, status=Appointment.Status.HELD)
        .first()
        if offer.appointment_id
        else None
    )
    if hold is not None:
        # A save, not a bulk UPDATE: whatever listens to appointment changes (caches of open
        # times) hears that this time is free again.
        hold.status = Appointment.Status.CANCELLED
        hold.cancelled_by = Appointment.CancelledBy.HOLD_EXPIRED
        hold.cancelled_at = now
        hold.save(update_fields=["status", "cancelled_by", "cancelled_at", "updated_at"])
    _close_entry(offer.entry_id, Entry.WAITING, now)
    announce_freed_time(clinician_id=offer.clinician_id, start=offer.start, end=offer.end)


def waitlist_offers_expire(*, now: datetime | None = None) -> int:
    """End the offers not taken in time; each time passes to the next in line."""
    now = _now(now)
    count = 0
    for pk in list(waitlist_selectors.sent_offers_expired(now=now).values_list("pk", flat=True)):
        with transaction.atomic():
            offer = (
                WaitlistOffer.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=Offer.SENT)
                .first()
            )
            if offer is not None:
                _end_offer(offer, status=Offer.EXPIRED, now=now)
                count += 1
    return count


def waitlist_offer_decline(*, offer: WaitlistOffer, now: datetime | None = None) -> bool:
    """The person passes the time on (they stay on the list for other times)."""
    now = _now(now)
    with transaction.atomic():
        locked = WaitlistOffer.objects.select_for_update().get(pk=offer.pk)
        if locked.status != Offer.SENT:
            return False
        _end_offer(locked, status=Offer.DECLINED, now=now)
    return True


def offer_is_open(offer: WaitlistOffer, *, now: datetime | None = None) -> bool:
    now = _now(now)
    return offer.status == Offer.SENT and offer.expires_at is not None and now < offer.expires_at


def waitlist_offer_accept(
    *, offer: WaitlistOffer, mode: str, now: datetime | None = None
) -> Appointment:
    """Book the held time for the person the offer went to, in one step.

    Their contact details and consent come from their waitlist entry. Idempotent (a second
    submit returns the booking); OfferGone once the hold has run out or the offer ended,
    even if nobody has taken the time yet (it belongs to the next in line by then).
    """
    now = _now(now)
    with transaction.atomic():
        locked = (
            WaitlistOffer.objects.select_for_update(of=("self",))
            .select_related("entry", "consultation_type")
            .get(pk=offer.pk)
        )
        if locked.status == Offer.ACCEPTED and locked.appointment_id:
            return Appointment.objects.get(pk=locked.appointment_id)
        if not offer_is_open(locked, now=now) or locked.appointment_id is None:
            raise OfferGone()
        entry = locked.entry
        if mode not in locked.consultation_type.modes:
            raise WaitlistError(_("Choose one of the ways to meet shown."))
        if mode == "phone" and not entry.contact_phone:
            raise WaitlistError(_("We have no phone number for you; please choose another way."))
        appointment = Appointment.objects.select_related("consultation_type", "clinician").get(
            pk=locked.appointment_id
        )
        if appointment.status != Appointment.Status.HELD:
            raise OfferGone()
        services.appointment_set_contact(
            appointment=appointment,
            contact=services.ContactDetails(
                name=entry.contact_name,
                email=entry.contact_email,
                phone=entry.contact_phone,
                email_ok=entry.email_ok,
                sms_ok=entry.sms_ok,
                voicemail_ok=entry.voicemail_ok,
                sms_consent_text=entry.sms_consent_text,
                language=entry.language,
            ),
            mode=mode,
            now=now,
        )
        # Keep the person's original consent times, not the moment they booked.
        Appointment.objects.filter(pk=appointment.pk).update(
            email_consent_at=entry.email_consent_at if appointment.email_ok else None,
            sms_consent_at=entry.sms_consent_at if appointment.sms_ok else None,
        )
        booked = services.appointment_confirm_booking(appointment=appointment, now=now)
        locked.status = Offer.ACCEPTED
        locked.closed_at = now
        locked.save(update_fields=["status", "closed_at"])
        _close_entry(entry.pk, Entry.BOOKED, now)
    return booked


# --- matching freed time --------------------------------------------------------------------
def announce_freed_time(
    *, clinician_id: int, start: datetime | None = None, end: datetime | None = None
) -> None:
    """Tell the waitlist a clinician's time opened (matched after the commit)."""
    time_freed.send(sender=WaitlistOffer, clinician_id=clinician_id, start=start, end=end)


def waitlist_offer_freed_time(
    *,
    clinician_id: int,
    freed_start: datetime | None = None,
    freed_end: datetime | None = None,
    now: datetime | None = None,
) -> list[WaitlistOffer]:
    """Offer the clinician's open times that overlap the freed span [freed_start,
    freed_end) — any open time when freed_start is None (new weekly hours) — each to the
    first entry in line it suits. The freed start itself goes first, then the rest
    earliest first. Returns the offers made."""
    now = _now(now)
    clinician = Clinician.objects.filter(pk=clinician_id, is_active=True).first()
    if clinician is None:
        return []
    freed = None
    if freed_start is not None:
        freed = engine.Interval(freed_start, freed_end or freed_start)
    made = []
    for ctype in waitlist_selectors.types_with_waiting_entries(clinician=clinician):
        skip: set[datetime] = set()
        while True:
            offer = _offer_first_slot(
                ctype=ctype, clinician=clinician, freed=freed, now=now, skip=skip
            )
            if offer is None:
                break
            made.append(offer)
    return made


def _overlapping(slots, *, freed: engine.Interval | None, ctype: ConsultationType):
    if freed is None:
        return slots
    before = timedelta(minutes=ctype.buffer_before_minutes)
    after = timedelta(minutes=ctype.buffer_after_minutes)
    near = [s for s in slots if engine.Interval(s.start - before, s.end + after).overlaps(freed)]
    return sorted(near, key=lambda s: (s.start != freed.start, s.start))


def _offer_first_slot(*, ctype, clinician, freed, now, skip) -> WaitlistOffer | None:
    """Make one offer: the first freed open time someone in line wants. None when no such
    time suits anyone. Times nobody can take are added to `skip`."""
    candidates = waitlist_selectors.candidates_for(consultation_type_id=ctype.pk)
    if not any(c.waiting for c in candidates):
        return None
    window = {}
    if freed is not None:
        first = engine.local_day_bounds(clock.local_date(freed.start))
        last = engine.local_day_bounds(clock.local_date(freed.end))
        window = {"start_from": first.start, "end_before": last.end}
    slots = waitlist_selectors.offerable_slots(
        consultation_type=ctype, clinician=clinician, now=now, **window
    )
    for slot in _overlapping(slots, freed=freed, ctype=ctype):
        if slot.start in skip:
            continue
        tried: set[int] = set()
        while True:
            pick = rules.first_in_line(
                (c for c in candidates if c.entry_id not in tried),
                consultation_type_id=ctype.pk,
                clinician_id=clinician.pk,
                start=slot.start,
                end=slot.end,
            )
            if pick is None:
                break
            entry = WaitlistEntry.objects.select_related("consultation_type", "inquiry").get(
                pk=pick.entry_id
            )
            try:
                return waitlist_offer_create(
                    entry=entry, clinician=clinician, start=slot.start, now=now
                )
            except EntryNotWaiting:
                tried.add(pick.entry_id)  # another task offered them a time a moment ago
            except services.BookingError:
                break  # the time itself went (or is too soon): try the next time
        skip.add(slot.start)
    return None


def open_slot_choices(*, entry: WaitlistEntry, now: datetime | None = None, limit: int = 40):
    """Open times staff may offer an entry by hand: its type with its acceptable
    clinicians, the ones that suit its windows first. [(slot, clinician, suits)]"""
    now = _now(now)
    ctype = entry.consultation_type
    offered = selectors.clinicians_for(consultation_type=ctype)
    wanted = set(entry.clinicians.values_list("pk", flat=True))
    if wanted:
        offered = [c for c in offered if c.pk in wanted]
    by_id = {c.pk: c for c in offered}
    choices = []
    for slot in selectors.open_slots_for(consultation_type=ctype, clinicians=offered, now=now):
        for clinician_id in slot.clinician_ids:
            choices.append(
                (slot, by_id[clinician_id], rules.slot_window(slot.start) in entry.windows)
            )
    choices.sort(key=lambda c: (not c[2], c[0].start))
    return choices[:limit]


# --- retention ------------------------------------------------------------------------------
def waitlist_entries_purge(*, entries, dry_run: bool = False) -> dict[str, int]:
    """Delete waitlist entries (a queryset) with their offers and every message about those
    offers; return the counts. Called by staff.retention, with an inquiry's entries or with
    new visitors' entries that ended long enough ago."""
    entry_ids = list(entries.values_list("pk", flat=True))
    offer_ids = list(
        WaitlistOffer.objects.filter(entry_id__in=entry_ids).values_list("pk", flat=True)
    )
    messages = Message.objects.filter(
        content_type=ContentType.objects.get_for_model(WaitlistOffer), object_id__in=offer_ids
    )
    counts = {"waitlist_entries": len(entry_ids), "messages": messages.count()}
    if not dry_run and entry_ids:
        messages.delete()
        WaitlistEntry.objects.filter(pk__in=entry_ids).delete()  # offers go by cascade
    return counts


def waitlist_visitor_entries_ended_before(cutoff: datetime):
    """New visitors' entries (no inquiry) that ended — booked, expired, removed — before
    cutoff: the same retention as an inquiry's, counted from the end."""
    return WaitlistEntry.objects.filter(inquiry__isnull=True, status_changed_at__lt=cutoff).exclude(
        status__in=WaitlistEntry.OPEN_STATUSES
    )
