"""The booking flow: type → day → time → details → review → confirm → done.

Views stay thin: parse input, call one selector or service, render or redirect. Every state
change is a POST; the inquiry link's token is read once and kept in the session, never in a
later URL. Pages carrying personal details are never cached.
"""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from clinic_site import clock
from clinic_site.phones import display_phone
from clinic_site.ratelimit import client_ip, hit
from intake.models import Inquiry
from intake.selectors import inquiry_from_booking_token

from .. import selectors, services
from ..display import PACIFIC_LABEL
from ..forms import ContactForm
from ..models import Appointment, ConsultationType
from .common import (
    allow,
    appointment_summary,
    day_rows,
    problem_page,
    require_GET,
    require_POST,
    taken_page,
)
from .picking import TimeScreen, time_picking
from .shared import render_shared

SESSION_INQUIRY = "booking_inquiry_id"
SESSION_HOLD = "booking_hold_id"
SESSION_DONE = "booking_done_id"
HOLD_RATE = "30/h"
LINK_ERROR = _(
    "This booking link is not valid or has expired. You can still book below, or call us."
)

Status = Appointment.Status


# --- session and lookups -----------------------------------------------------------------
def _session_hold(request) -> Appointment | None:
    pk = request.session.get(SESSION_HOLD)
    if not pk:
        return None
    return (
        Appointment.objects.select_related("consultation_type", "clinician").filter(pk=pk).first()
    )


def _session_inquiry(request) -> Inquiry | None:
    pk = request.session.get(SESSION_INQUIRY)
    return Inquiry.objects.filter(pk=pk).first() if pk else None


def _hold_expired_response(request):
    request.session.pop(SESSION_HOLD, None)
    return problem_page(
        request,
        heading=_("Please choose a time again"),
        message=_(
            "We could not find the time you chose; it may have been released after a "
            "few minutes without activity. Nothing was booked."
        ),
        status=410,
    )


def _no_hold_response(request):
    """Review or confirm without a held time: the finished booking, or choose again."""
    if request.session.get(SESSION_DONE):
        return redirect("booking:done")
    return _hold_expired_response(request)


def _type_or_problem(request, type_slug):
    consultation_type = selectors.bookable_type(slug=type_slug)
    if consultation_type is None:
        return None, problem_page(
            request,
            heading=_("Not available"),
            message=_(
                "That kind of appointment is not available to book online. "
                "Please choose another, or call us."
            ),
            status=404,
        )
    return consultation_type, None


def _clinician_filter(request, clinicians) -> tuple[int | None, list, str]:
    """(chosen id, clinicians whose times to show, query string to keep) from ?clinician=."""
    chosen_id = selectors.clinician_choice(request.GET.get("clinician", ""), clinicians)
    if chosen_id is None:
        return None, clinicians, ""
    return chosen_id, [c for c in clinicians if c.pk == chosen_id], f"?clinician={chosen_id}"


# --- the steps ---------------------------------------------------------------------------
@never_cache
@require_GET
def start(request):
    """Step 1: what kind of appointment. Reads an inquiry link's token once."""
    types = selectors.bookable_types()
    if "inquiry" in request.GET:
        inquiry = inquiry_from_booking_token(request.GET["inquiry"])
        if inquiry is None:
            context = {"types": types, "link_error": LINK_ERROR}
            return render(request, "booking/start.html", context, status=400)
        request.session[SESSION_INQUIRY] = inquiry.pk
        return redirect("booking:start")
    from_inquiry = bool(request.session.get(SESSION_INQUIRY))
    return render(request, "booking/start.html", {"types": types, "from_inquiry": from_inquiry})


@never_cache
@require_GET
def days(request, type_slug: str):
    """Step 2: the next days with open times."""
    consultation_type, problem = _type_or_problem(request, type_slug)
    if problem:
        return problem
    clinicians = selectors.clinicians_for(consultation_type=consultation_type)
    chosen_id, shown, query = _clinician_filter(request, clinicians)
    open_days = selectors.open_days_for(consultation_type=consultation_type, clinicians=shown)
    context = {
        "consultation_type": consultation_type,
        "clinicians": clinicians,
        "chosen_id": chosen_id,
        "query": query,
        "days": day_rows(open_days),
        "pacific_label": PACIFIC_LABEL,
    }
    return render_shared(
        request,
        "booking/days.html",
        context,
        content=(chosen_id, query, tuple(open_days)),
        deps=(consultation_type, *clinicians),
    )


@never_cache
@allow("GET", "POST")
def times(request, type_slug: str, day: str):
    """Step 3: the open times on one day; POST holds the one tapped."""
    consultation_type, problem = _type_or_problem(request, type_slug)
    if problem:
        return problem
    if request.method == "POST" and not hit("booking-hold", client_ip(request), HOLD_RATE):
        return problem_page(
            request,
            heading=_("Too many tries"),
            message=_("Please wait a while and try again, or call us to book."),
            status=429,
        )
    clinicians = selectors.clinicians_for(consultation_type=consultation_type)
    chosen_id, shown, query = _clinician_filter(request, clinicians)
    days_url = reverse("booking:days", args=[consultation_type.slug])
    screen = TimeScreen(
        consultation_type=consultation_type,
        clinicians=clinicians,
        shown=shown,
        template="booking/times.html",
        back_url=days_url,
        days_link=days_url + query,
        clinician_value=str(chosen_id or "any"),
        context={"chosen": shown[0] if chosen_id else None},
        shared=True,
    )
    return time_picking(request, screen, day, choose=lambda choice: _hold(request, screen, choice))


def _hold(request, screen: TimeScreen, choice: dict):
    """Hold the chosen time for this visitor (releasing any time they held before)."""
    clinician = next((c for c in screen.clinicians if c.pk == choice["clinician"]), None)
    appointment = services.appointment_hold_replacing(
        previous_id=request.session.get(SESSION_HOLD),
        consultation_type=screen.consultation_type,
        start=choice["start"],
        clinician=clinician,
        hold_key=choice["hold_key"],
        inquiry=_session_inquiry(request),
    )
    request.session[SESSION_HOLD] = appointment.pk
    request.session.pop(SESSION_DONE, None)
    return redirect("booking:details")


@never_cache
@allow("GET", "POST")
def details(request):
    """Step 4: contact details and consent, stored encrypted on the held appointment."""
    appointment = _session_hold(request)
    if appointment is None or appointment.status != Status.HELD:
        return _hold_expired_response(request)
    modes = [(m, ConsultationType.Mode(m).label) for m in appointment.consultation_type.modes]
    if request.method == "POST":
        form = ContactForm(request.POST, mode_choices=modes)
        if form.is_valid() and _save_contact(form, appointment):
            return redirect("booking:review")
    else:
        initial = selectors.contact_initial(appointment, _session_inquiry(request))
        form = ContactForm(initial=initial, mode_choices=modes)
    mode_chosen = bool(appointment.contact_email or appointment.contact_phone)
    context = {
        "form": form,
        "summary": appointment_summary(appointment, mode_chosen=mode_chosen),
        "from_inquiry": bool(appointment.inquiry_id),
    }
    return render(request, "booking/details.html", context, status=400 if form.errors else 200)


def _save_contact(form: ContactForm, appointment: Appointment) -> bool:
    """Store the details on the hold; False (with the reason on the form) if refused."""
    try:
        services.appointment_set_contact(
            appointment=appointment,
            contact=form.contact_details(),
            mode=form.cleaned_data["mode"],
        )
    except services.BookingError as exc:
        form.add_error(None, exc.message)
        return False
    return True


@never_cache
@require_GET
def review(request):
    """Step 5: check everything before booking."""
    appointment = _session_hold(request)
    if appointment is None:
        return _no_hold_response(request)
    if appointment.status in (Status.CONFIRMED, Status.REQUESTED):
        return redirect("booking:done")
    if not (appointment.contact_email or appointment.contact_phone):
        return redirect("booking:details")
    context = {
        "summary": appointment_summary(appointment),
        "appointment": appointment,
        "phone_display": display_phone(appointment.contact_phone),
        "is_request": appointment.consultation_type.confirmation
        == ConsultationType.Confirmation.REQUEST,
    }
    return render(request, "booking/review.html", context)


@never_cache
@require_POST
def confirm(request):
    """Step 6: book it. A second submit of the same form lands on the same booking."""
    appointment = _session_hold(request)
    if appointment is None:
        return _no_hold_response(request)
    try:
        appointment = services.appointment_confirm_booking(appointment=appointment)
    except services.SlotTaken:
        request.session.pop(SESSION_HOLD, None)
        return _confirm_taken(request, appointment)
    except services.BookingError as exc:
        messages.error(request, exc.message)
        return redirect("booking:details")
    request.session[SESSION_DONE] = appointment.pk
    request.session.pop(SESSION_HOLD, None)
    request.session.pop(SESSION_INQUIRY, None)
    return redirect("booking:done")


def _confirm_taken(request, appointment: Appointment):
    """The held time went to someone else between review and confirm: nearest times."""
    ctype = appointment.consultation_type
    day = clock.local_date(appointment.start).isoformat()
    return taken_page(
        request,
        consultation_type=ctype,
        clinicians=selectors.clinicians_for(consultation_type=ctype),
        target=appointment.start,
        clinician_value="any",
        post_url=reverse("booking:times", args=[ctype.slug, day]),
    )


@never_cache
@require_GET
def done(request):
    """The confirmation page: what, when, where/how, calendar file, manage link."""
    pk = request.session.get(SESSION_DONE)
    appointment = (
        Appointment.objects.select_related("consultation_type", "clinician")
        .filter(pk=pk, status__in=(Status.CONFIRMED, Status.REQUESTED))
        .first()
        if pk
        else None
    )
    if appointment is None:
        return redirect("booking:start")
    token = selectors.manage_token(appointment)
    context = {
        "appointment": appointment,
        "summary": appointment_summary(appointment),
        "manage_url": reverse("booking:manage", args=[token]),
        "ics_url": reverse("booking:calendar", args=[token]),
        "is_request": appointment.status == Status.REQUESTED,
    }
    return render(request, "booking/done.html", context)
