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
    response_hours,
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
    # Every count is about today's or still-open inquiries: reading only those rows keeps
    # the home page off a scan of every inquiry ever received (created_at's index and the
    # open inquiries' partial index, intake_inq_open_rank_idx).
    in_play = Q(created_at__gte=clock.day_start(today)) | Q(status__in=OPEN_STATUSES)
    counts = Inquiry.objects.filter(in_play).aggregate(
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
        "urgent_times": urgent_response_times(now=now),
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


# --- urgent response times on the dashboard (issue 14) --------------------------------------
URGENT_WINDOW_DAYS = 30


def urgent_response_summary(
    rows: list[tuple[dt.datetime, dt.datetime | None]], *, target: dt.timedelta, now: dt.datetime
) -> dict:
    """How fast urgent inquiries were reached: rows are (received, first contact or None).

    reached_in_time / reached_late: first contact within / after `target` of receipt;
    waiting: not reached yet (overdue_waiting: past the target already); median_minutes:
    the median time to first contact of those reached (None if none were).
    """
    waits = sorted((contacted - received) for received, contacted in rows if contacted)
    waiting = [received for received, contacted in rows if contacted is None]
    median = None
    if waits:
        middle = len(waits) // 2
        median_wait = waits[middle] if len(waits) % 2 else (waits[middle - 1] + waits[middle]) / 2
        median = round(median_wait.total_seconds() / 60)
    return {
        "received": len(rows),
        "reached_in_time": sum(1 for w in waits if w <= target),
        "reached_late": sum(1 for w in waits if w > target),
        "waiting": len(waiting),
        "overdue_waiting": sum(1 for received in waiting if now - received > target),
        "median_minutes": median,
        "target_hours": target.total_seconds() / 3600,
        "days": URGENT_WINDOW_DAYS,
    }


def urgent_response_times(*, now: dt.datetime) -> dict:
    """urgent_response_summary over the urgent inquiries of the last 30 days (one query).

    Closed, referred-out or accepted inquiries nobody recorded a first contact for are left
    out of "waiting" (they no longer wait), but they count as received.
    """
    rows = Inquiry.objects.filter(
        priority=Inquiry.Priority.URGENT,
        created_at__gte=now - dt.timedelta(days=URGENT_WINDOW_DAYS),
    ).values_list("created_at", "first_contact__contacted_at", "status")
    finished = set(Inquiry.Status.values) - set(AWAITING_RESPONSE) - {Inquiry.Status.CONTACTED}
    kept = [
        (received, contacted)
        for received, contacted, status in rows
        if contacted is not None or status not in finished
    ]
    summary = urgent_response_summary(
        kept, target=dt.timedelta(hours=response_hours(Inquiry.Priority.URGENT)), now=now
    )
    summary["received"] = len(rows)
    return summary
