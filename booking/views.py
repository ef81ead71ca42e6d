"""Public booking pages: type → day → time → details → review → confirm → done; manage link.

Views stay thin: parse input, call one selector or service, render or redirect. Every state
change is a POST; the inquiry link's token is read once and kept in the session, never in a
later URL. Pages carrying personal details are never cached.
"""

from __future__ import annotations

import secrets
from datetime import date, datetime
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.log import log_response
from django.views.decorators.cache import never_cache

from clinic_site.phones import display_phone
from clinic_site.ratelimit import client_ip, hit
from intake.selectors import inquiry_from_booking_token
from pages.models import SiteSettings

from . import selectors, services
from . import slots as engine
from .display import (
    PACIFIC_LABEL,
    day_text,
    time_text,
    when_text,
    where_choice_text,
    where_text,
)
from .forms import SMS_CONSENT_TEXT, ContactForm, NewTimeForm, TimeChoiceForm
from .ics import appointment_ics
from .models import Appointment, ConsultationType

SESSION_INQUIRY = "booking_inquiry_id"
SESSION_HOLD = "booking_hold_id"
SESSION_DONE = "booking_done_id"
HOLD_RATE = "30/h"
NEAREST_COUNT = 6

Status = Appointment.Status


# --- helpers ----------------------------------------------------------------------------
def _today_pacific() -> date:
    return timezone.now().astimezone(engine.CLINIC_TZ).date()


def _parse_day(raw: str) -> date | None:
    try:
        return date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        return None


def _problem(request, *, heading: str, message: str, status: int, back_url: str = ""):
    return render(
        request,
        "booking/problem.html",
        {"heading": heading, "message": message, "back_url": back_url or reverse("booking:start")},
        status=status,
    )


def _allow(*methods: str):
    """Like require_http_methods, but another method gets a friendly page (405, with an
    Allow header) instead of a blank one — e.g. a bookmarked or scanned POST-only URL."""
    allowed = [m.upper() for m in methods]

    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.method in allowed:
                return view(request, *args, **kwargs)
            response = _problem(
                request,
                heading="This page cannot be opened this way",
                message="This address works only from the buttons on our booking pages. "
                "Nothing was changed.",
                status=405,
            )
            response["Allow"] = ", ".join(allowed)
            log_response(
                "Method Not Allowed (%s): %s",
                request.method,
                request.path,
                response=response,
                request=request,
            )
            return response

        return inner

    return decorator


require_GET = _allow("GET")
require_POST = _allow("POST")


def _start_value(start: datetime) -> str:
    """A start time as the pages carry it: UTC ISO 8601 with a Z."""
    return start.isoformat().replace("+00:00", "Z")


def _slot_rows(slots: list[engine.Slot]) -> list[dict]:
    return [{"value": _start_value(s.start), "label": time_text(s.start)} for s in slots]


def _day_rows(slots: list[engine.Slot]) -> list[dict]:
    return [
        {
            "date": day,
            "iso": day.isoformat(),
            "label": day_text(day),
            "count": len(day_slots),
            "first": time_text(day_slots[0].start),
        }
        for day, day_slots in engine.slots_by_local_date(slots).items()
    ]


def _clinician_choice(request, clinicians) -> tuple[int | None, str]:
    raw = request.GET.get("clinician", "")
    if raw.isdigit() and int(raw) in {c.pk for c in clinicians}:
        return int(raw), f"?clinician={raw}"
    return None, ""


def _nearest(consultation_type, clinicians, target: datetime, *, exclude_id=None) -> list[dict]:
    slots = selectors.open_slots_for(
        consultation_type=consultation_type,
        clinicians=clinicians,
        exclude_appointment_id=exclude_id,
    )
    return [
        {
            "value": s.start.isoformat().replace("+00:00", "Z"),
            "label": when_text(s.start),
        }
        for s in engine.nearest_slots(slots, target=target, limit=NEAREST_COUNT)
    ]


def _taken(
    request, *, consultation_type, clinicians, target, clinician_value, post_url, back_url="", **kw
):
    return render(
        request,
        "booking/taken.html",
        {
            "consultation_type": consultation_type,
            "nearest": _nearest(consultation_type, clinicians, target, **kw),
            "clinician_value": clinician_value,
            "hold_key": secrets.token_urlsafe(24),
            "post_url": post_url,
            "back_url": back_url or reverse("booking:days", args=[consultation_type.slug]),
            "pacific_label": PACIFIC_LABEL,
        },
        status=409,
    )


def _appointment_summary(appointment: Appointment, *, mode_chosen: bool = True) -> dict:
    """What/when/where/with for the summary box; before the person has picked between
    several ways to meet (mode_chosen False), "where / how" lists the choices."""
    site = SiteSettings.load()
    modes = appointment.consultation_type.modes
    if not mode_chosen and len(modes) > 1:
        where = where_choice_text(modes)
    else:
        where = where_text(mode=appointment.mode, address=site.address, phone=site.phone)
    return {
        "what": appointment.consultation_type.name,
        "when": when_text(appointment.start),
        "where": where,
        "with": str(appointment.clinician),
        "duration": appointment.consultation_type.duration_minutes,
    }


def _session_hold(request) -> Appointment | None:
    pk = request.session.get(SESSION_HOLD)
    if not pk:
        return None
    return (
        Appointment.objects.select_related("consultation_type", "clinician").filter(pk=pk).first()
    )


def _hold_expired_response(request):
    request.session.pop(SESSION_HOLD, None)
    return _problem(
        request,
        heading="Please choose a time again",
        message="We could not find the time you chose; it may have been released after a "
        "few minutes without activity. Nothing was booked.",
        status=410,
    )


# --- the booking flow -------------------------------------------------------------------
@never_cache
@require_GET
def start(request):
    """Step 1: what kind of appointment. Reads an inquiry link's token once."""
    if "inquiry" in request.GET:
        inquiry = inquiry_from_booking_token(request.GET["inquiry"])
        if inquiry is None:
            return render(
                request,
                "booking/start.html",
                {
                    "types": selectors.bookable_types(),
                    "link_error": "This booking link is not valid or has expired. "
                    "You can still book below, or call us.",
                },
                status=400,
            )
        request.session[SESSION_INQUIRY] = inquiry.pk
        return redirect("booking:start")
    return render(
        request,
        "booking/start.html",
        {
            "types": selectors.bookable_types(),
            "from_inquiry": bool(request.session.get(SESSION_INQUIRY)),
        },
    )


def _type_or_problem(request, type_slug):
    consultation_type = selectors.bookable_type(slug=type_slug)
    if consultation_type is None:
        return None, _problem(
            request,
            heading="Not available",
            message="That kind of appointment is not available to book online. "
            "Please choose another, or call us.",
            status=404,
        )
    return consultation_type, None


@never_cache
@require_GET
def days(request, type_slug: str):
    """Step 2: the next days with open times."""
    consultation_type, problem = _type_or_problem(request, type_slug)
    if problem:
        return problem
    clinicians = selectors.clinicians_for(consultation_type=consultation_type)
    chosen_id, query = _clinician_choice(request, clinicians)
    chosen = [c for c in clinicians if c.pk == chosen_id] if chosen_id else clinicians
    slots = selectors.open_slots_for(consultation_type=consultation_type, clinicians=chosen)
    return render(
        request,
        "booking/days.html",
        {
            "consultation_type": consultation_type,
            "clinicians": clinicians,
            "chosen_id": chosen_id,
            "query": query,
            "days": _day_rows(slots),
            "pacific_label": PACIFIC_LABEL,
        },
    )


@never_cache
@_allow("GET", "POST")
def times(request, type_slug: str, day: str):
    """Step 3: the open times on one day; POST holds the one tapped."""
    consultation_type, problem = _type_or_problem(request, type_slug)
    if problem:
        return problem
    days_url = reverse("booking:days", args=[consultation_type.slug])
    the_day = _parse_day(day)
    if the_day is None:
        return _problem(
            request,
            heading="That date is not valid",
            message="Please pick a day from the list.",
            status=400,
            back_url=days_url,
        )
    if the_day < _today_pacific():
        return _problem(
            request,
            heading="That day has passed",
            message="Please pick one of the coming days.",
            status=400,
            back_url=days_url,
        )
    clinicians = selectors.clinicians_for(consultation_type=consultation_type)
    chosen_id, query = _clinician_choice(request, clinicians)
    chosen = [c for c in clinicians if c.pk == chosen_id] if chosen_id else clinicians
    error = ""
    if request.method == "POST":
        form = TimeChoiceForm(request.POST, clinician_ids=[c.pk for c in clinicians])
        if not hit("booking-hold", client_ip(request), HOLD_RATE):
            return _problem(
                request,
                heading="Too many tries",
                message="Please wait a while and try again, or call us to book.",
                status=429,
            )
        if form.is_valid():
            clinician_id = form.cleaned_data["clinician"]
            clinician = next((c for c in clinicians if c.pk == clinician_id), None)
            inquiry = _session_inquiry(request)
            try:
                appointment = services.appointment_hold(
                    consultation_type=consultation_type,
                    start=form.cleaned_data["start"],
                    clinician=clinician,
                    hold_key=form.cleaned_data["hold_key"],
                    inquiry=inquiry,
                )
            except services.SlotTaken:
                return _taken(
                    request,
                    consultation_type=consultation_type,
                    clinicians=[clinician] if clinician else clinicians,
                    target=form.cleaned_data["start"],
                    clinician_value=str(clinician_id or "any"),
                    post_url=request.path,
                )
            except services.SlotUnavailable as exc:
                error = exc.message
            else:
                previous = _session_hold(request)
                if previous and previous.pk != appointment.pk:
                    services.appointment_release_hold(appointment=previous)
                request.session[SESSION_HOLD] = appointment.pk
                request.session.pop(SESSION_DONE, None)
                return redirect("booking:details")
        else:
            error = " ".join(e for errors in form.errors.values() for e in errors)
    slots = selectors.open_slots_for(
        consultation_type=consultation_type, clinicians=chosen, day=the_day
    )
    return render(
        request,
        "booking/times.html",
        {
            "consultation_type": consultation_type,
            "day_label": day_text(the_day),
            "times": _slot_rows(slots),
            "clinician_value": str(chosen_id or "any"),
            "chosen": chosen[0] if chosen_id else None,
            "hold_key": secrets.token_urlsafe(24),
            "error": error,
            "days_url": days_url + query,
            "pacific_label": PACIFIC_LABEL,
        },
        status=400 if error else 200,
    )


def _session_inquiry(request):
    pk = request.session.get(SESSION_INQUIRY)
    if not pk:
        return None
    from intake.models import Inquiry

    return Inquiry.objects.filter(pk=pk).first()


def _contact_initial(appointment: Appointment, inquiry) -> dict:
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


@never_cache
@_allow("GET", "POST")
def details(request):
    """Step 4: contact details and consent, stored encrypted on the held appointment."""
    appointment = _session_hold(request)
    if appointment is None or appointment.status != Status.HELD:
        return _hold_expired_response(request)
    ctype = appointment.consultation_type
    mode_choices = [(m, ConsultationType.Mode(m).label) for m in ctype.modes]
    if request.method == "POST":
        form = ContactForm(request.POST, mode_choices=mode_choices)
        if form.is_valid():
            data = form.cleaned_data
            contact = services.ContactDetails(
                name=data["name"],
                email=data["email"],
                phone=data["phone"],
                email_ok=data["email_ok"],
                sms_ok=data["sms_ok"],
                voicemail_ok=data["voicemail_ok"],
                sms_consent_text=SMS_CONSENT_TEXT,
            )
            try:
                services.appointment_set_contact(
                    appointment=appointment, contact=contact, mode=data["mode"]
                )
            except services.BookingError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("booking:review")
    else:
        form = ContactForm(
            initial=_contact_initial(appointment, _session_inquiry(request)),
            mode_choices=mode_choices,
        )
    return render(
        request,
        "booking/details.html",
        {
            "form": form,
            "summary": _appointment_summary(
                appointment,
                mode_chosen=bool(appointment.contact_email or appointment.contact_phone),
            ),
            "from_inquiry": bool(appointment.inquiry_id),
        },
        status=400 if form.errors else 200,
    )


@never_cache
@require_GET
def review(request):
    """Step 5: check everything before booking."""
    appointment = _session_hold(request)
    if appointment is None:
        if request.session.get(SESSION_DONE):
            return redirect("booking:done")
        return _hold_expired_response(request)
    if appointment.status in (Status.CONFIRMED, Status.REQUESTED):
        return redirect("booking:done")
    if not (appointment.contact_email or appointment.contact_phone):
        return redirect("booking:details")
    return render(
        request,
        "booking/review.html",
        {
            "summary": _appointment_summary(appointment),
            "appointment": appointment,
            "phone_display": display_phone(appointment.contact_phone),
            "is_request": appointment.consultation_type.confirmation
            == ConsultationType.Confirmation.REQUEST,
        },
    )


@never_cache
@require_POST
def confirm(request):
    """Step 6: book it. A second submit of the same form lands on the same booking."""
    appointment = _session_hold(request)
    if appointment is None:
        if request.session.get(SESSION_DONE):
            return redirect("booking:done")
        return _hold_expired_response(request)
    try:
        appointment = services.appointment_confirm_booking(appointment=appointment)
    except services.SlotTaken:
        request.session.pop(SESSION_HOLD, None)
        ctype = appointment.consultation_type
        clinicians = selectors.clinicians_for(consultation_type=ctype)
        return _taken(
            request,
            consultation_type=ctype,
            clinicians=clinicians,
            target=appointment.start,
            clinician_value="any",
            post_url=reverse(
                "booking:times",
                args=[
                    ctype.slug,
                    appointment.start.astimezone(engine.CLINIC_TZ).date().isoformat(),
                ],
            ),
        )
    except services.BookingError as exc:
        messages.error(request, exc.message)
        return redirect("booking:details")
    request.session[SESSION_DONE] = appointment.pk
    request.session.pop(SESSION_HOLD, None)
    request.session.pop(SESSION_INQUIRY, None)
    return redirect("booking:done")


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
    return render(
        request,
        "booking/done.html",
        {
            "appointment": appointment,
            "summary": _appointment_summary(appointment),
            "manage_url": reverse("booking:manage", args=[token]),
            "ics_url": reverse("booking:calendar", args=[token]),
            "is_request": appointment.status == Status.REQUESTED,
        },
    )


# --- the manage link --------------------------------------------------------------------
def _managed(request, token: str):
    """(appointment, None) or (None, error response) for a manage-link token."""
    appointment = selectors.appointment_from_manage_token(token)
    if appointment is None:
        return None, _problem(
            request,
            heading="This link is not valid",
            message="Please use the link from your confirmation message, or call us.",
            status=404,
        )
    if appointment.end <= timezone.now() or appointment.status in (
        Status.HELD,
        Status.COMPLETED,
        Status.NO_SHOW,
    ):
        return None, _problem(
            request,
            heading="This link has expired",
            message="This appointment has passed. To book another, start here or call us.",
            status=410,
        )
    return appointment, None


@never_cache
@require_GET
def manage(request, token: str):
    """What is booked, and (before the cut-off) buttons to cancel or reschedule."""
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    return render(
        request,
        "booking/manage.html",
        {
            "appointment": appointment,
            "summary": _appointment_summary(appointment),
            "token": token,
            "can_change": services.can_change_online(appointment),
            "cancelled": appointment.status == Status.CANCELLED,
            "is_request": appointment.status == Status.REQUESTED,
            "cutoff_hours": settings.BOOKING_CHANGE_CUTOFF_HOURS,
        },
    )


@never_cache
@_allow("GET", "POST")
def manage_cancel(request, token: str):
    """GET asks "Cancel your appointment on …?" and changes nothing (email scanners follow
    links); the button on that page POSTs here and cancels."""
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    if request.method == "GET":
        if appointment.status == Status.CANCELLED or not services.can_change_online(appointment):
            return redirect("booking:manage", token=token)
        return render(
            request,
            "booking/cancel_confirm.html",
            {
                "summary": _appointment_summary(appointment),
                "token": token,
                "is_request": appointment.status == Status.REQUESTED,
            },
        )
    try:
        services.appointment_cancel(appointment=appointment, by=Appointment.CancelledBy.CLIENT)
    except services.ChangeNotAllowed as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "Your appointment is cancelled.")
    return redirect("booking:manage", token=token)


@never_cache
@require_GET
def reschedule_days(request, token: str):
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    if not services.can_change_online(appointment):
        return redirect("booking:manage", token=token)
    slots = selectors.open_slots_for(
        consultation_type=appointment.consultation_type,
        clinicians=[appointment.clinician],
        exclude_appointment_id=appointment.pk,
    )
    return render(
        request,
        "booking/reschedule_days.html",
        {
            "summary": _appointment_summary(appointment),
            "days": _day_rows(slots),
            "token": token,
            "pacific_label": PACIFIC_LABEL,
        },
    )


@never_cache
@_allow("GET", "POST")
def reschedule_times(request, token: str, day: str):
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    if not services.can_change_online(appointment):
        return redirect("booking:manage", token=token)
    days_url = reverse("booking:reschedule_days", args=[token])
    the_day = _parse_day(day)
    if the_day is None or the_day < _today_pacific():
        return _problem(
            request,
            heading="That date is not valid",
            message="Please pick one of the coming days from the list.",
            status=400,
            back_url=days_url,
        )
    error = ""
    if request.method == "POST":
        form = TimeChoiceForm(request.POST, clinician_ids=[appointment.clinician_id])
        if form.is_valid():
            try:
                services.reschedule_check(appointment=appointment, start=form.cleaned_data["start"])
            except services.SlotTaken:
                return _taken(
                    request,
                    consultation_type=appointment.consultation_type,
                    clinicians=[appointment.clinician],
                    target=form.cleaned_data["start"],
                    clinician_value=str(appointment.clinician_id),
                    post_url=request.path,
                    back_url=days_url,
                    exclude_id=appointment.pk,
                )
            except services.BookingError as exc:
                error = exc.message
            else:
                review_url = reverse("booking:reschedule_confirm", args=[token])
                return redirect(f"{review_url}?start={_start_value(form.cleaned_data['start'])}")
        else:
            error = " ".join(e for errors in form.errors.values() for e in errors)
    slots = selectors.open_slots_for(
        consultation_type=appointment.consultation_type,
        clinicians=[appointment.clinician],
        day=the_day,
        exclude_appointment_id=appointment.pk,
    )
    return render(
        request,
        "booking/reschedule_times.html",
        {
            "summary": _appointment_summary(appointment),
            "day_label": day_text(the_day),
            "times": _slot_rows(slots),
            "clinician_value": str(appointment.clinician_id),
            "hold_key": secrets.token_urlsafe(24),
            "error": error,
            "days_url": days_url,
            "pacific_label": PACIFIC_LABEL,
        },
        status=400 if error else 200,
    )


@never_cache
@_allow("GET", "POST")
def reschedule_confirm(request, token: str):
    """The review step of a reschedule: GET shows the old and new times and changes
    nothing; the button POSTs here and moves the appointment."""
    appointment, problem = _managed(request, token)
    if problem:
        return problem
    if not services.can_change_online(appointment):
        return redirect("booking:manage", token=token)
    days_url = reverse("booking:reschedule_days", args=[token])
    form = NewTimeForm(request.POST if request.method == "POST" else request.GET)
    if not form.is_valid():
        return _problem(
            request,
            heading="That time is not valid",
            message="Please pick one of the open times from the list.",
            status=400,
            back_url=days_url,
        )
    new_start = form.cleaned_data["start"]
    new_day = new_start.astimezone(engine.CLINIC_TZ).date().isoformat()
    times_url = reverse("booking:reschedule_times", args=[token, new_day])
    try:
        if request.method == "POST":
            services.appointment_reschedule(appointment=appointment, start=new_start)
        else:
            services.reschedule_check(appointment=appointment, start=new_start)
    except services.SlotTaken:
        return _taken(
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
        return _problem(
            request,
            heading="That time cannot be booked",
            message=exc.message,
            status=400,
            back_url=times_url,
        )
    if request.method == "POST":
        messages.success(request, "Your appointment has a new time.")
        return redirect("booking:manage", token=token)
    return render(
        request,
        "booking/reschedule_review.html",
        {
            "summary": _appointment_summary(appointment),
            "new_when": when_text(new_start),
            "start_value": _start_value(new_start),
            "token": token,
            "times_url": times_url,
        },
    )


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
