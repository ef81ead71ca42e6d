"""Reads for the staff workspace: the queue's overdue filter, the dashboard, the weekly chart,
an inquiry's timeline.

The inquiry's own rules (response due, triage reasons, partner panels) are intake's
(intake.selectors); this module adds what only the workspace knows — who has been reached
(staff.models.InquiryFirstContact) — and composes intake, booking and notifications.
"""

import datetime as dt

from django.db.models import Count, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from booking.models import Appointment
from clinic_site import clock
from intake.business_hours import BusinessHours
from intake.models import Inquiry
from intake.selectors import (
    AWAITING_RESPONSE,
    OPEN_STATUSES,
    clinic_business_hours,
    inquiry_message_events,
    response_due_passed_q,
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


def awaiting_response_q() -> Q:
    """The queryset form of intake's `is_awaiting_response` (one LEFT JOIN to the first
    contact): a waiting status and nobody has reached them yet."""
    return Q(status__in=AWAITING_RESPONSE, first_contact__isnull=True)


def overdue_q(*, now: dt.datetime, schedule: BusinessHours) -> Q:
    """Inquiries still waiting for a first response whose response-due time has passed."""
    return awaiting_response_q() & response_due_passed_q(now=now, schedule=schedule)


def dashboard(*, user, now: dt.datetime | None = None) -> dict:
    """Counts for the admin home (three queries) and the 12-week chart data."""
    now = now or timezone.now()
    schedule = clinic_business_hours()
    today = clock.today(now)
    monday = today - dt.timedelta(days=today.weekday())
    counts = Inquiry.objects.aggregate(
        new_today=Count("pk", filter=Q(created_at__gte=clock.day_start(today))),
        urgent_open=Count(
            "pk", filter=Q(priority=Inquiry.Priority.URGENT, status__in=OPEN_STATUSES)
        ),
        overdue=Count("pk", filter=overdue_q(now=now, schedule=schedule)),
        mine_open=Count("pk", filter=Q(assigned_to=user.pk, status__in=OPEN_STATUSES)),
    )
    today_start, today_end = clock.day_bounds(today)
    appointments = Appointment.objects.filter(status__in=_HAPPENING).aggregate(
        today=Count("pk", filter=Q(start__gte=today_start, start__lt=today_end)),
        this_week=Count(
            "pk",
            filter=Q(
                start__gte=clock.day_start(monday),
                start__lt=clock.day_start(monday + dt.timedelta(days=7)),
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
    """Inquiries received per week (Monday start, clinic time), oldest first, by outcome.

    One query: counts per (day, status) over the period, folded into weeks here.
    """
    today = clock.today(now)
    first_monday = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    rows = (
        Inquiry.objects.filter(created_at__gte=clock.day_start(first_monday))
        .annotate(day=TruncDate("created_at", tzinfo=clock.clinic_tz()))
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


def inquiry_timeline(*, inquiry: Inquiry) -> list[dict]:
    """Messages (with delivery status) and appointments about the inquiry, newest first."""
    events = inquiry_message_events(inquiry=inquiry)
    events += [
        {
            "at": a.start,
            "kind": "appointment",
            "text": f"{a.consultation_type.name} with {a.clinician.display_name} "
            f"({a.get_mode_display()})",
            "status": a.get_status_display(),
        }
        for a in Appointment.objects.filter(inquiry=inquiry).select_related(
            "consultation_type", "clinician"
        )
    ]
    return sorted(events, key=lambda e: e["at"], reverse=True)
