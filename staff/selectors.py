"""Reads for the staff workspace: response due / overdue, the dashboard, the weekly chart."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from booking.models import Appointment
from intake.models import Inquiry
from staff.business_hours import (
    DEFAULT_HOURS,
    BusinessHours,
    add_business_hours,
    parse_clinic_hours,
    subtract_business_hours,
)

# Until a staff member has reached them (a recorded first contact, see
# staff.models.InquiryFirstContact), inquiries in these statuses wait for a response and can
# be overdue. A couple booking their own consultation does not stop the clock.
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
# Chart series: how each week's inquiries have turned out so far.
OUTCOMES = (
    ("open", "Still open", OPEN_STATUSES),
    ("accepted", "Accepted", (Inquiry.Status.ACCEPTED,)),
    ("referred_out", "Referred out", (Inquiry.Status.REFERRED_OUT,)),
    ("closed", "Closed", (Inquiry.Status.CLOSED,)),
)
# Appointments that take (or took) place: not abandoned holds, not cancelled.
_HAPPENING = (
    Appointment.Status.REQUESTED,
    Appointment.Status.CONFIRMED,
    Appointment.Status.COMPLETED,
    Appointment.Status.NO_SHOW,
)


def clinic_zone() -> ZoneInfo:
    return ZoneInfo(settings.CLINIC_TIME_ZONE)


def clinic_business_hours() -> BusinessHours:
    """Clinic hours from SiteSettings when readable, else Monday–Friday 9–5 (Pacific)."""
    from pages.models import SiteSettings

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


def response_due_at(
    *, created_at: dt.datetime, priority: str, schedule: BusinessHours
) -> dt.datetime:
    return add_business_hours(created_at, response_hours(priority), schedule=schedule)


def is_awaiting_response(*, status: str, first_contacted: bool) -> bool:
    """Whether the response clock still runs: no staff contact yet, and not finished."""
    return status in AWAITING_RESPONSE and not first_contacted


def awaiting_response_q() -> Q:
    """The queryset form of `is_awaiting_response` (one LEFT JOIN to the first contact)."""
    return Q(status__in=AWAITING_RESPONSE, first_contact__isnull=True)


def overdue_q(*, now: dt.datetime, schedule: BusinessHours) -> Q:
    """Inquiries still waiting for a first response whose response-due time has passed."""
    by_priority = Q()
    for priority in Inquiry.Priority.values:
        cutoff = subtract_business_hours(now, response_hours(priority), schedule=schedule)
        by_priority |= Q(priority=priority, created_at__lte=cutoff)
    return awaiting_response_q() & by_priority


def day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=clinic_zone())


def dashboard(*, user, now: dt.datetime | None = None) -> dict:
    """Counts for the admin home (three queries) and the 12-week chart data."""
    now = now or timezone.now()
    schedule = clinic_business_hours()
    today = now.astimezone(clinic_zone()).date()
    monday = today - dt.timedelta(days=today.weekday())
    counts = Inquiry.objects.aggregate(
        new_today=Count("pk", filter=Q(created_at__gte=day_start(today))),
        urgent_open=Count(
            "pk", filter=Q(priority=Inquiry.Priority.URGENT, status__in=OPEN_STATUSES)
        ),
        overdue=Count("pk", filter=overdue_q(now=now, schedule=schedule)),
        mine_open=Count("pk", filter=Q(assigned_to=user.pk, status__in=OPEN_STATUSES)),
    )
    appointments = Appointment.objects.filter(status__in=_HAPPENING).aggregate(
        today=Count(
            "pk",
            filter=Q(
                start__gte=day_start(today), start__lt=day_start(today + dt.timedelta(days=1))
            ),
        ),
        this_week=Count(
            "pk",
            filter=Q(
                start__gte=day_start(monday), start__lt=day_start(monday + dt.timedelta(days=7))
            ),
        ),
    )
    return {
        **counts,
        "consultations_today": appointments["today"],
        "consultations_this_week": appointments["this_week"],
        "weeks": inquiries_per_week(now=now),
        "today": today,
    }


def inquiries_per_week(*, now: dt.datetime, weeks: int = 12) -> list[dict]:
    """Inquiries received per week (Monday start, Pacific), oldest first, split by outcome.

    One query: counts per (day, status) over the period, folded into weeks here.
    """
    today = now.astimezone(clinic_zone()).date()
    first_monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    rows = (
        Inquiry.objects.filter(created_at__gte=day_start(first_monday))
        .annotate(day=TruncDate("created_at", tzinfo=clinic_zone()))
        .values("day", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    outcome_of = {status: key for key, _label, statuses in OUTCOMES for status in statuses}
    result = [
        {
            "week_start": first_monday + dt.timedelta(weeks=i),
            "counts": {key: 0 for key, _label, _s in OUTCOMES},
        }
        for i in range(weeks)
    ]
    for row in rows:
        index = (row["day"] - first_monday).days // 7
        if 0 <= index < weeks:
            result[index]["counts"][outcome_of.get(row["status"], "open")] += row["n"]
    for week in result:
        week["total"] = sum(week["counts"].values())
    return result


# --- inquiry detail ----------------------------------------------------------------------
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
    from clinic_site.phones import display_phone
    from intake import instruments

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


def inquiry_timeline(*, inquiry: Inquiry) -> list[dict]:
    """Messages (with delivery status) and appointments about the inquiry, newest first."""
    from django.contrib.contenttypes.models import ContentType

    from notifications.models import Message

    ct = ContentType.objects.get_for_model(Inquiry)
    events = [
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
    events += [
        {
            "at": a.start,
            "kind": "appointment",
            "text": f"{a.consultation_type.name} with {a.clinician.display_name} "
            f"({a.get_mode_display()})",
            "status": a.get_status_display(),
        }
        for a in inquiry.appointments.select_related("consultation_type", "clinician")
    ]
    return sorted(events, key=lambda e: e["at"], reverse=True)


def _is_deferred(message) -> bool:
    """A queued message whose send time is still ahead (e.g. a text held for quiet hours)."""
    return message.status == message.Status.QUEUED and message.scheduled_for > timezone.now()
