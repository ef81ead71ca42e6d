"""Reads for the waitlist: who is waiting for a type, which times are open for offers,
the offer behind a private link."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q

from clinic_site.crypto import BadToken, make_token, read_token

from . import selectors
from . import slots as engine
from .models import Clinician, ConsultationType, WaitlistEntry, WaitlistOffer
from .waitlist import Candidate

OFFER_TOKEN_PURPOSE = "waitlist-offer"
# The link only needs to outlive the hold; the offer's own expiry is what counts.
OFFER_TOKEN_MAX_AGE = 14 * 24 * 3600


def offer_token(offer: WaitlistOffer) -> str:
    return make_token(OFFER_TOKEN_PURPOSE, str(offer.key))


def offer_from_token(token: str) -> WaitlistOffer | None:
    """The offer a private link opens, or None when tampered, too old or unknown."""
    try:
        key = read_token(OFFER_TOKEN_PURPOSE, token, max_age_seconds=OFFER_TOKEN_MAX_AGE)
    except BadToken:
        return None
    try:
        return (
            WaitlistOffer.objects.select_related(
                "entry", "consultation_type", "clinician", "appointment"
            )
            .filter(key=key)
            .first()
        )
    except (ValueError, TypeError, ValidationError):
        return None


def candidates_for(*, consultation_type_id: int) -> list[Candidate]:
    """Every open entry for a type as a matching Candidate (three queries).

    Urgency is read from the linked inquiry now (screening may have raised it since the
    entry was made). Entries already holding a live offer are included but not waiting, so
    the rules can see them without offering them twice.
    """
    entries = list(
        WaitlistEntry.objects.filter(
            consultation_type_id=consultation_type_id, status__in=WaitlistEntry.OPEN_STATUSES
        )
        .select_related("inquiry")
        .only(
            "pk",
            "created_at",
            "consultation_type_id",
            "windows",
            "valid_until",
            "status",
            "inquiry__priority",
        )
    )
    if not entries:
        return []
    ids = [e.pk for e in entries]
    clinicians = defaultdict(set)
    for entry_id, clinician_id in WaitlistEntry.clinicians.through.objects.filter(
        waitlistentry_id__in=ids
    ).values_list("waitlistentry_id", "clinician_id"):
        clinicians[entry_id].add(clinician_id)
    offered = defaultdict(set)
    for entry_id, clinician_id, start, end in WaitlistOffer.objects.filter(
        entry_id__in=ids
    ).values_list("entry_id", "clinician_id", "start", "end"):
        offered[entry_id].add((clinician_id, start, end))
    return [
        Candidate(
            entry_id=e.pk,
            arrived=e.created_at,
            consultation_type_id=e.consultation_type_id,
            windows=frozenset(e.windows or ()),
            valid_until=e.valid_until,
            clinician_ids=frozenset(clinicians[e.pk]),
            urgent=bool(e.inquiry_id and e.inquiry.priority == "urgent"),
            waiting=e.status == WaitlistEntry.Status.WAITING,
            offered_before=frozenset(offered[e.pk]),
        )
        for e in entries
    ]


def types_with_waiting_entries(*, clinician: Clinician) -> list[ConsultationType]:
    """The clinician's active types that someone is waiting for."""
    return list(
        ConsultationType.objects.filter(
            is_active=True,
            clinicians=clinician,
            waitlist_entries__status=WaitlistEntry.Status.WAITING,
        ).distinct()
    )


def offerable_slots(
    *,
    consultation_type: ConsultationType,
    clinician: Clinician,
    now: datetime,
    start_from: datetime | None = None,
    end_before: datetime | None = None,
) -> list[engine.Slot]:
    """Open times of one clinician for a type that no offer is already waiting to send.

    Offers scheduled for the end of quiet hours hold nothing yet (anyone may still book
    their time), but they do block a second offer of an overlapping time.
    """
    rules = selectors.slot_rules(consultation_type)
    window = engine.booking_window(rules=rules, now=now)
    if start_from is not None:
        window = engine.Interval(max(window.start, start_from), window.end)
    if end_before is not None:
        window = engine.Interval(window.start, min(window.end, end_before))
    if window.end <= window.start:
        return []
    (schedule,) = selectors.clinician_schedules(clinicians=[clinician], window=window, now=now)
    pending = WaitlistOffer.objects.filter(
        clinician=clinician,
        status=WaitlistOffer.Status.SCHEDULED,
        start__lt=window.end + timedelta(days=1),
        end__gt=window.start - timedelta(days=1),
    ).select_related("consultation_type")
    extra = tuple(
        engine.Booked(
            start=o.start,
            end=o.end,
            buffer_before=timedelta(minutes=o.consultation_type.buffer_before_minutes),
            buffer_after=timedelta(minutes=o.consultation_type.buffer_after_minutes),
        )
        for o in pending
    )
    if extra:
        schedule = dataclasses.replace(schedule, booked=schedule.booked + extra)
    return engine.open_slots(
        schedule=schedule,
        rules=rules,
        now=now,
        start_from=window.start,
        end_before=window.end,
    )


def live_offers_due(*, now: datetime):
    """Scheduled offers whose send time has come (a queryset)."""
    return WaitlistOffer.objects.filter(status=WaitlistOffer.Status.SCHEDULED, send_at__lte=now)


def sent_offers_expired(*, now: datetime):
    """Sent offers whose hold has run out (a queryset)."""
    return WaitlistOffer.objects.filter(status=WaitlistOffer.Status.SENT, expires_at__lte=now)


def waitlist_for_staff():
    """Open entries first, urgent first, then arrival order (admin default list)."""
    return WaitlistEntry.objects.select_related("consultation_type", "inquiry").order_by(
        ~Q(status__in=WaitlistEntry.OPEN_STATUSES), "created_at", "pk"
    )
