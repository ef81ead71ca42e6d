"""Reads for the intake app.

- Private links: resolving a token to the one row it may open.
- The response clock: which inquiries wait for a first response and when it is due
  (N business hours per priority, settings.RESPONSE_DUE_BUSINESS_HOURS).
- What a staff member may read of an inquiry: triage reasons, each partner's panel, the
  messages sent about it. The staff workspace composes these into its pages.
"""

import datetime as dt
import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone

from clinic_site.crypto import BadToken, read_token
from clinic_site.phones import display_phone
from notifications.models import Message
from notifications.services import STAFF_ALERT_TEMPLATE
from pages.models import SiteSettings

from . import instruments
from .business_hours import (
    DEFAULT_HOURS,
    BusinessHours,
    add_business_hours,
    parse_clinic_hours,
    subtract_business_hours,
)
from .models import Inquiry, InstrumentResult, PartnerScreening
from .screening_pages import ScreeningPage, screening_page

BOOKING_TOKEN_PURPOSE = "inquiry-booking"
SCREENING_TOKEN_PURPOSE = "screening"


def _max_age_seconds() -> int:
    return settings.SCREENING_LINK_MAX_AGE_DAYS * 86400


def inquiry_from_booking_token(token: str) -> Inquiry | None:
    """The inquiry a `/book/?inquiry=<token>` link carries, or None if bad or expired."""
    if not token:
        return None
    try:
        value = read_token(BOOKING_TOKEN_PURPOSE, token, max_age_seconds=_max_age_seconds())
    except BadToken:
        return None
    if not value.isdigit():
        return None
    return Inquiry.objects.filter(pk=int(value)).first()


def screening_from_token(token: str) -> PartnerScreening:
    """The one screening a private link opens. Raises BadToken if tampered, expired or revoked."""
    value = read_token(SCREENING_TOKEN_PURPOSE, token, max_age_seconds=_max_age_seconds())
    pk, _, nonce = value.partition(":")
    if not pk.isdigit() or not nonce:
        raise BadToken("invalid")
    screening = PartnerScreening.objects.select_related("inquiry").filter(pk=int(pk)).first()
    if screening is None or not hmac.compare_digest(screening.link_nonce, nonce):
        raise BadToken("invalid")
    return screening


@dataclass(frozen=True)
class ScreeningProgress:
    """Where one partner is in their own screening (never the other partner's)."""

    answers_by_key: dict[str, dict]
    sequence: list[instruments.Instrument]
    next_instrument: instruments.Instrument | None

    @property
    def step_number(self) -> int:
        """The section being answered; a follow-up counts as part of its parent section."""
        sections = instruments.section_keys()
        if self.next_instrument is None:
            return len(sections)
        return sections.index(self.next_instrument.part_of or self.next_instrument.key) + 1

    @property
    def step_count(self) -> int:
        """The same for everyone, whatever they answer: follow-ups are not counted."""
        return len(instruments.section_keys())

    @property
    def finished(self) -> bool:
        return self.next_instrument is None


def screening_progress(*, screening: PartnerScreening) -> ScreeningProgress:
    """One query: this screening's results → answered sections and the next section.

    Nothing here says how anyone answered: pages of a private link must not depend on it
    (intake.screening_pages)."""
    rows = InstrumentResult.objects.filter(screening=screening).values_list("instrument", "answers")
    answers_by_key = dict(rows)
    sequence = instruments.sequence_for(answers_by_key)
    next_instrument = next((i for i in sequence if i.key not in answers_by_key), None)
    return ScreeningProgress(
        answers_by_key=answers_by_key,
        sequence=sequence,
        next_instrument=next_instrument,
    )


def device_key_hash(device_key: str) -> str:
    return hashlib.sha256(device_key.encode()).hexdigest() if device_key else ""


def screening_open_on_this_device(*, screening: PartnerScreening, device_key: str) -> bool:
    """False when the screening is bound to another device (see PartnerScreening)."""
    if not screening.device_key_hash:
        return True
    return hmac.compare_digest(screening.device_key_hash, device_key_hash(device_key))


def device_cookie_name(screening: PartnerScreening) -> str:
    """The cookie holding the key of the device a passed-on link is bound to."""
    return f"intake_device_{screening.pk}"


@dataclass(frozen=True)
class ScreeningVisit:
    """A private link opened: the page it shows and what that page needs."""

    page: ScreeningPage
    screening: PartnerScreening | None = None
    device_key: str = ""
    progress: ScreeningProgress | None = None


def screening_visit(*, token: str, cookies) -> ScreeningVisit:
    """Which page a private link opens on this device (intake.screening_pages.screening_page).
    One query for the link, one more for the progress of a screening being answered."""
    try:
        screening = screening_from_token(token)
    except BadToken:
        return ScreeningVisit(page=ScreeningPage.INVALID)
    device_key = cookies.get(device_cookie_name(screening), "")
    open_here = screening_open_on_this_device(screening=screening, device_key=device_key)
    needs_contact = screening.needs_contact_confirmation
    progress = screening_progress(screening=screening) if open_here and not needs_contact else None
    page = screening_page(
        link_valid=True,
        open_on_this_device=open_here,
        needs_contact=needs_contact,
        finished=progress is not None and progress.finished,
    )
    return ScreeningVisit(page=page, screening=screening, device_key=device_key, progress=progress)


# --- the response clock ------------------------------------------------------------------
# Until a staff member has reached them (a recorded first contact), inquiries in these
# statuses wait for a response and can be overdue. A couple booking their own consultation
# does not stop the clock.
AWAITING_RESPONSE = (
    Inquiry.Status.NEW,
    Inquiry.Status.IN_REVIEW,
    Inquiry.Status.CONSULTATION_BOOKED,
)
OPEN_STATUSES = (
    Inquiry.Status.NEW,
    Inquiry.Status.IN_REVIEW,
    Inquiry.Status.CONTACTED,
    Inquiry.Status.CONSULTATION_BOOKED,
)


def clinic_business_hours() -> BusinessHours:
    """Clinic hours from SiteSettings when readable, else Monday–Friday 9–5 (clinic time)."""
    parsed = parse_clinic_hours(SiteSettings.load().hours, tz=settings.CLINIC_TIME_ZONE)
    if parsed is not None:
        return parsed
    return BusinessHours(
        opens=DEFAULT_HOURS.opens,
        closes=DEFAULT_HOURS.closes,
        weekdays=DEFAULT_HOURS.weekdays,
        tz=settings.CLINIC_TIME_ZONE,
    )


def response_hours(priority: str) -> float:
    table = settings.RESPONSE_DUE_BUSINESS_HOURS
    return float(table.get(priority, table.get("standard", 8)))


# Urgent inquiries alert the on-call person at once, day or night: their response clock
# runs around the clock (an urgent inquiry at 4:10 pm is due at 5:10 pm, not the next
# morning). The others count business hours.
AROUND_THE_CLOCK = frozenset({Inquiry.Priority.URGENT})


def response_due_at(
    *, created_at: dt.datetime, priority: str, schedule: BusinessHours
) -> dt.datetime:
    hours = response_hours(priority)
    if priority in AROUND_THE_CLOCK:
        return created_at + dt.timedelta(hours=hours)
    return add_business_hours(created_at, hours, schedule=schedule)


def is_awaiting_response(*, status: str, first_contacted: bool) -> bool:
    """Whether the response clock still runs: no staff contact yet, and not finished."""
    return status in AWAITING_RESPONSE and not first_contacted


def response_due_passed_q(*, now: dt.datetime, schedule: BusinessHours) -> Q:
    """Inquiries in a waiting status whose response-due time has passed.

    The queryset form of `response_due_at(...) <= now`: the due time is monotonic in the
    arrival time, so it becomes `created_at <= now − N business hours` per priority.
    Whether staff have already reached them is the caller's (first contact) condition.
    """
    by_priority = Q()
    for priority in Inquiry.Priority.values:
        hours = response_hours(priority)
        if priority in AROUND_THE_CLOCK:
            cutoff = now - dt.timedelta(hours=hours)
        else:
            cutoff = subtract_business_hours(now, hours, schedule=schedule)
        by_priority |= Q(priority=priority, created_at__lte=cutoff)
    return Q(status__in=AWAITING_RESPONSE) & by_priority


# --- what a staff member may read --------------------------------------------------------
CLINICAL_PERMISSION = "staff.view_clinical"
SAFETY_PERMISSION = "staff.view_relationship_safety"
SAFETY_INSTRUMENT = "relationship_safety"
MEDICAL_INSTRUMENT = "ketamine_medical"
CONTACT_PERMISSION = "intake.view_inquiry"

# What the front desk sees instead of the clinical reasons: plain words, no health data.
PRIORITY_PLAIN_LABELS = {
    Inquiry.Priority.URGENT: "Urgent — call first",
    Inquiry.Priority.MEDICAL_REVIEW: "A clinician reviews before booking",
    Inquiry.Priority.STANDARD: "Routine — reply within a business day",
    Inquiry.Priority.NOT_ELIGIBLE: "May not be eligible — a clinician reviews",
}
# Stored triage reasons about the relationship-safety screen (see intake.triage._reason).
_SAFETY_REASON_MARK = "relationship safety"


def priority_plain_label(priority: str) -> str:
    """The non-clinical words for a priority, for staff who may not see the reasons."""
    return PRIORITY_PLAIN_LABELS.get(priority, "")


def visible_triage_reasons(*, reasons: list[str] | None, user) -> list[str]:
    """The stored triage reasons this user may read; empty without view_clinical.

    Reasons about the relationship-safety screen need view_relationship_safety as well.
    """
    if not user.has_perm(CLINICAL_PERMISSION):
        return []
    safety = user.has_perm(SAFETY_PERMISSION)
    return [
        str(reason)
        for reason in reasons or []
        if safety or _SAFETY_REASON_MARK not in str(reason).lower()
    ]


def short_triage_reason(reasons: list[str], *, limit: int = 60) -> str:
    """The first reason, cut to `limit` characters, with how many more there are."""
    if not reasons:
        return ""
    first = reasons[0] if len(reasons[0]) <= limit else reasons[0][: limit - 1].rstrip() + "…"
    more = len(reasons) - 1
    return f"{first} (+{more} more)" if more else first


def inquiry_partner_panels(*, inquiry: Inquiry, user) -> list[dict]:
    """Each partner's panel for the detail page, holding only what this user may see.

    Everyone: role, first name, own contact preferences, screening progress. With
    view_inquiry (every staff role with the queue): the partner's own phone and email. With
    view_clinical: each instrument's total, band and flagged items, and the medical flags.
    With view_relationship_safety too: the relationship-safety result.
    """
    clinical = user.has_perm(CLINICAL_PERMISSION)
    safety = clinical and user.has_perm(SAFETY_PERMISSION)
    contact = user.has_perm(CONTACT_PERMISSION)
    screenings = list(inquiry.screenings.all().prefetch_related("results"))
    by_role = {s.role: s for s in screenings}
    panels = []
    for role, label in (("submitter", "Person who wrote in"), ("partner", "Partner")):
        screening = by_role.get(role)
        panel = {"role": role, "label": label, "screening": screening, "results": []}
        panel["medical_flags"] = []
        panel["safety"] = None
        if screening is not None and clinical:
            for result in screening.results.all():
                instrument = instruments.BY_KEY.get(result.instrument)
                flagged = [_item_text(instrument, key) for key in (result.flagged_items or [])]
                entry = {
                    "key": result.instrument,
                    "title": instrument.title if instrument else result.instrument,
                    "total": result.total,
                    "band": instrument.band_label(result.band) if instrument else result.band,
                    "positive": result.positive,
                    "flagged": flagged,
                    "completed_at": result.completed_at,
                }
                if result.instrument == SAFETY_INSTRUMENT:
                    panel["safety"] = entry if safety else None
                elif result.instrument == MEDICAL_INSTRUMENT:
                    panel["medical_flags"] = flagged
                    panel["results"].append(entry)
                else:
                    panel["results"].append(entry)
        panel["show_clinical"] = clinical
        panel["show_contact"] = contact and screening is not None
        panel["phone_display"] = (
            (display_phone(screening.phone) or screening.phone)
            if panel["show_contact"] and screening.phone
            else ""
        )
        panel["show_safety"] = safety
        panels.append(panel)
    return panels


def _item_text(instrument, key: str) -> str:
    if instrument is None:
        return key
    try:
        return instrument.item(key).text
    except KeyError:
        return key


def inquiry_message_events(*, inquiry: Inquiry) -> list[dict]:
    """The messages sent about an inquiry, with delivery status, as timeline events."""
    ct = ContentType.objects.get_for_model(Inquiry)
    return [
        {
            "at": m.created_at,
            "kind": "message",
            "text": f"{m.get_channel_display()} “{m.template_key}” to {m.masked_to}",
            "status": m.get_status_display(),
            # Held back (quiet hours, or a reminder for later): when it will go out.
            "goes_out_at": m.scheduled_for if _is_deferred(m) else None,
        }
        for m in Message.objects.filter(content_type=ct, object_id=inquiry.pk)
    ]


def _is_deferred(message) -> bool:
    """A queued message whose send time is still ahead (e.g. a text held for quiet hours)."""
    return message.status == message.Status.QUEUED and message.scheduled_for > timezone.now()


# --- urgent inquiries: the on-call alert (issue 14) ----------------------------------------
def alert_delivery(
    *, status: str, sent_at, delivered_at, last_error: str, scheduled_for, now
) -> dict:
    """Whether an on-call alert arrived: a state for staff, the time it refers to, and
    whether it failed (someone must act).

    States: "delivered" (at), "sent" (at; no delivery report yet), "failed" (error),
    "cancelled", "scheduled" (at: held until then), "sending".
    """
    s = Message.Status
    if status == s.DELIVERED:
        return {"state": "delivered", "at": delivered_at or sent_at, "failed": False}
    if status == s.SENT:
        return {"state": "sent", "at": sent_at, "failed": False}
    if status == s.FAILED:
        return {"state": "failed", "error": (last_error or "")[:160], "failed": True}
    if status == s.CANCELLED:
        return {"state": "cancelled", "failed": True}
    if status == s.QUEUED and scheduled_for and scheduled_for > now:
        return {"state": "scheduled", "at": scheduled_for, "failed": False}
    return {"state": "sending", "failed": False}


def inquiry_staff_alerts(*, inquiry: Inquiry) -> list[dict]:
    """The on-call alerts about this inquiry: to whom, when, delivered or not (one query)."""
    now = timezone.now()
    alerts = Message.objects.filter(
        content_type=ContentType.objects.get_for_model(Inquiry),
        object_id=inquiry.pk,
        template_key=STAFF_ALERT_TEMPLATE,
    ).order_by("created_at", "pk")
    return [
        {
            "channel": "Text" if m.channel == Message.Channel.SMS else "Email",
            # On-call staff's own address, in full, so the desk knows who has it.
            "to": m.to,
            "created_at": m.created_at,
            **alert_delivery(
                status=m.status,
                sent_at=m.sent_at,
                delivered_at=m.delivered_at,
                last_error=m.last_error,
                scheduled_for=m.scheduled_for,
                now=now,
            ),
        }
        for m in alerts
    ]
