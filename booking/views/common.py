"""What the booking flow and the manage link share: the problem page, method guards, the
rows a day or time list shows, the summary box and the "that time was just taken" page."""

from __future__ import annotations

import secrets
from datetime import datetime
from functools import lru_cache, wraps

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.log import log_response
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pages.models import SiteSettings

from .. import selectors
from .. import slots as engine
from ..display import PACIFIC_LABEL, day_text, time_text, when_text, where_choice_text, where_text
from ..models import Appointment

NEAREST_COUNT = 6
DAY_PROBLEMS = {
    "invalid": (_("That date is not valid"), _("Please pick a day from the list.")),
    "past": (_("That day has passed"), _("Please pick one of the coming days.")),
    "beyond": (
        _("That day is not open for booking yet"),
        _("We take bookings a few weeks ahead. Please pick a day from the list."),
    ),
}
DAY_PROBLEM_STATUS = {"beyond": 404}


def problem_page(request, *, heading: str, message: str, status: int, back_url: str = ""):
    return render(
        request,
        "booking/problem.html",
        {"heading": heading, "message": message, "back_url": back_url or reverse("booking:start")},
        status=status,
    )


def day_problem_page(request, problem: str, *, back_url: str):
    """The page for a times URL whose day is not valid, has passed (400) or lies past the
    booking horizon (404; see bookable_day)."""
    heading, message = DAY_PROBLEMS[problem]
    status = DAY_PROBLEM_STATUS.get(problem, 400)
    return problem_page(request, heading=heading, message=message, status=status, back_url=back_url)


def allow(*methods: str):
    """Like require_http_methods, but another method gets a friendly page (405, with an
    Allow header) instead of a blank one — e.g. a bookmarked or scanned POST-only URL."""
    allowed = [m.upper() for m in methods]

    def decorator(view):
        @wraps(view)
        def inner(request, *args, **kwargs):
            if request.method in allowed:
                return view(request, *args, **kwargs)
            response = problem_page(
                request,
                heading=_("This page cannot be opened this way"),
                message=_(
                    "This address works only from the buttons on our booking pages. "
                    "Nothing was changed."
                ),
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


require_GET = allow("GET")
require_POST = allow("POST")


def start_value(start: datetime) -> str:
    """A start time as the pages carry it: UTC ISO 8601 with a Z."""
    return start.isoformat().replace("+00:00", "Z")


def slot_rows(slots: list[engine.Slot]) -> tuple[dict, ...]:
    """Rows for a time list: the value a button posts and its label. Shared, not to be
    changed (the same rows serve every request for these times in this language)."""
    return _slot_rows(tuple(s.start for s in slots), get_language(), settings.CLINIC_TIME_ZONE)


@lru_cache(maxsize=1024)
def _slot_rows(starts: tuple[datetime, ...], language: str, zone: str) -> tuple[dict, ...]:
    # A pure function of its key (the labels are in the active language and clinic zone).
    return tuple({"value": start_value(start), "label": time_text(start)} for start in starts)


def day_rows(open_days) -> tuple[dict, ...]:
    """Rows for a day list from selectors.open_days_for / open_days_in. Shared, not to be
    changed (formatting ~20 dates and times was a third of the day page's time)."""
    return _day_rows(tuple(open_days), get_language(), settings.CLINIC_TIME_ZONE)


@lru_cache(maxsize=1024)
def _day_rows(open_days: tuple, language: str, zone: str) -> tuple[dict, ...]:
    return tuple(
        {
            "date": open_day.day,
            "iso": open_day.day.isoformat(),
            "label": day_text(open_day.day),
            "count": open_day.count,
            "first": time_text(open_day.first),
        }
        for open_day in open_days
    )


def form_error_text(form) -> str:
    return " ".join(e for errors in form.errors.values() for e in errors)


def appointment_summary(appointment: Appointment, *, mode_chosen: bool = True) -> dict:
    """What/when/where/with for the summary box; before the person has picked between
    several ways to meet (mode_chosen False), "where / how" lists the choices."""
    site = SiteSettings.load()
    modes = appointment.consultation_type.modes
    if not mode_chosen and len(modes) > 1:
        where = where_choice_text(modes)
    else:
        where = where_text(mode=appointment.mode, address=site.address, phone=site.phone)
    return {
        "what": appointment.consultation_type.localized_name,
        "when": when_text(appointment.start),
        "where": where,
        "with": str(appointment.clinician),
        "duration": appointment.consultation_type.duration_minutes,
    }


def taken_page(
    request,
    *,
    consultation_type,
    clinicians,
    target: datetime,
    clinician_value: str,
    post_url: str,
    back_url: str = "",
    exclude_id: int | None = None,
):
    """409: the time was just taken; the nearest open times to pick from instead."""
    slots = selectors.open_slots_for(
        consultation_type=consultation_type,
        clinicians=clinicians,
        exclude_appointment_id=exclude_id,
    )
    nearest = [
        {"value": start_value(s.start), "label": when_text(s.start)}
        for s in engine.nearest_slots(slots, target=target, limit=NEAREST_COUNT)
    ]
    return render(
        request,
        "booking/taken.html",
        {
            "consultation_type": consultation_type,
            "nearest": nearest,
            "clinician_value": clinician_value,
            "hold_key": secrets.token_urlsafe(24),
            "post_url": post_url,
            "back_url": back_url or reverse("booking:days", args=[consultation_type.slug]),
            "pacific_label": PACIFIC_LABEL,
        },
        status=409,
    )
