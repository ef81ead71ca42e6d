"""The manage link: see what is booked, cancel, reschedule (day → time → review), .ics file.

The link's token is the only key; a GET never changes anything (email scanners follow
links), the buttons POST. Rescheduling picks a time on the same screen as booking
(`picking.time_picking`), keeping the appointment's clinician.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from clinic_site import clock
from pages.models import SiteSettings

from .. import selectors, services
from ..display import PACIFIC_LABEL, when_text
from ..forms import NewTimeForm
from ..ics import appointment_ics
from ..models import Appointment
from .common import (
    allow,
    appointment_summary,
    day_rows,
    problem_page,
    require_GET,
    start_value,
    taken_page,
)
from .picking import TimeScreen, time_picking

Status = Appointment.Status
LINK_PROBLEMS = {
    "invalid": (
        404,
        _("This link is not valid"),
        _("Please use the link from your confirmation message, or call us."),
    ),
    "expired": (
        410,
        _("This link has expired"),
        _("This appointment has passed. To book another, start here or call us."),
    ),
}


def _managed(request, token: str, *, changing: bool = False):
    """(appointment, None) or (None, response) for a manage-link token. With `changing`,
    an appointment past the online cut-off goes back to its manage page."""
    appointment = selectors.appointment_from_manage_token(token)
    problem = selectors.manage_link_problem(appointment, now=timezone.now())
    if problem:
        status, heading, message = LINK_PROBLEMS[problem]
        return None, problem_page(request, heading=heading, message=message, status=status)
    if changing and not services.can_change_online(appointment):
        return None, redirect("booking:manage", token=token)
    return appointment, None


@never_cache
@require_GET
def manage(request, token: str):
    """What is booked, and (before the cut-off) buttons to cancel or reschedule."""
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    context = {
        "appointment": appointment,
        "summary": appointment_summary(appointment),
        "token": token,
        "can_change": services.can_change_online(appointment),
        "cancelled": appointment.status == Status.CANCELLED,
        "is_request": appointment.status == Status.REQUESTED,
        "cutoff_hours": settings.BOOKING_CHANGE_CUTOFF_HOURS,
    }
    return render(request, "booking/manage.html", context)


@never_cache
@allow("GET", "POST")
def manage_cancel(request, token: str):
    """GET asks "Cancel your appointment on …?" and changes nothing (email scanners follow
    links); the button on that page POSTs here and cancels."""
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    if request.method == "GET":
        if appointment.status == Status.CANCELLED or not services.can_change_online(appointment):
            return redirect("booking:manage", token=token)
        context = {
            "summary": appointment_summary(appointment),
            "token": token,
            "is_request": appointment.status == Status.REQUESTED,
        }
        return render(request, "booking/cancel_confirm.html", context)
    try:
        services.appointment_cancel(appointment=appointment, by=Appointment.CancelledBy.CLIENT)
    except services.ChangeNotAllowed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Your appointment is cancelled."))
    return redirect("booking:manage", token=token)


@never_cache
@require_GET
def reschedule_days(request, token: str):
    """Rescheduling, step 1: the days with other open times with the same clinician."""
    appointment, problem = _managed(request, token, changing=True)
    if problem:
        return problem
    slots = selectors.open_slots_for(
        consultation_type=appointment.consultation_type,
        clinicians=[appointment.clinician],
        exclude_appointment_id=appointment.pk,
    )
    context = {
        "summary": appointment_summary(appointment),
        "days": day_rows(selectors.open_days_in(slots)),
        "token": token,
        "pacific_label": PACIFIC_LABEL,
    }
    return render(request, "booking/reschedule_days.html", context)


@never_cache
@allow("GET", "POST")
def reschedule_times(request, token: str, day: str):
    """Rescheduling, step 2: the booking flow's time screen; POST checks the time and goes
    on to the review (nothing moves yet)."""
    appointment, problem = _managed(request, token, changing=True)
    if problem:
        return problem
    days_url = reverse("booking:reschedule_days", args=[token])
    screen = TimeScreen(
        consultation_type=appointment.consultation_type,
        clinicians=[appointment.clinician],
        shown=[appointment.clinician],
        template="booking/reschedule_times.html",
        back_url=days_url,
        days_link=days_url,
        clinician_value=str(appointment.clinician_id),
        clinician_fixed=True,
        exclude_appointment_id=appointment.pk,
        context={"summary": appointment_summary(appointment)},
    )
    return time_picking(
        request, screen, day, choose=lambda choice: _to_review(appointment, token, choice)
    )


def _to_review(appointment: Appointment, token: str, choice: dict):
    services.reschedule_check(appointment=appointment, start=choice["start"])
    review_url = reverse("booking:reschedule_confirm", args=[token])
    return redirect(f"{review_url}?start={start_value(choice['start'])}")


@never_cache
@allow("GET", "POST")
def reschedule_confirm(request, token: str):
    """The review step of a reschedule: GET shows the old and new times and changes
    nothing; the button POSTs here and moves the appointment."""
    appointment, problem = _managed(request, token, changing=True)
    if problem:
        return problem
    days_url = reverse("booking:reschedule_days", args=[token])
    form = NewTimeForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return problem_page(
            request,
            heading=_("That time is not valid"),
            message=_("Please pick one of the open times from the list."),
            status=400,
            back_url=days_url,
        )
    new_start = form.cleaned_data["start"]
    times_url = reverse(
        "booking:reschedule_times", args=[token, clock.local_date(new_start).isoformat()]
    )
    refused = _reschedule_or_refusal(request, appointment, new_start, times_url, days_url)
    if refused:
        return refused
    if request.method == "POST":
        messages.success(request, _("Your appointment has a new time."))
        return redirect("booking:manage", token=token)
    context = {
        "summary": appointment_summary(appointment),
        "new_when": when_text(new_start),
        "start_value": start_value(new_start),
        "token": token,
        "times_url": times_url,
    }
    return render(request, "booking/reschedule_review.html", context)


def _reschedule_or_refusal(request, appointment, new_start, times_url: str, days_url: str):
    """POST moves the appointment, GET only checks; None when that worked, else the page
    saying why not (taken: the nearest times; otherwise the reason)."""
    try:
        if request.method == "POST":
            services.appointment_reschedule(appointment=appointment, start=new_start)
        else:
            services.reschedule_check(appointment=appointment, start=new_start)
    except services.SlotTaken:
        return taken_page(
            request,
            consultation_type=appointment.consultation_type,
            clinicians=[appointment.clinician],
            target=new_start,
            clinician_value=str(appointment.clinician_id),
            post_url=times_url,
            back_url=days_url,
            exclude_id=appointment.pk,
        )
    except services.BookingError as exc:
        return problem_page(
            request,
            heading=_("That time cannot be booked"),
            message=exc.message,
            status=400,
            back_url=times_url,
        )
    return None


@never_cache
@require_GET
def calendar(request, token: str):
    """The .ics file: PUBLISH while booked, CANCEL once cancelled; same UID throughout."""
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    site = SiteSettings.load()
    body = appointment_ics(
        appointment=appointment,
        short_name=site.short_name,
        address=site.address,
        manage_link=services.manage_url(appointment),
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="appointment.ics"'
    return response
