"""Choosing a time: the one screen behind both booking (step 3) and rescheduling.

`time_picking` lists one day's open times and, on POST, hands the chosen time to the
caller's `choose` (hold it, or check the move); a time taken meanwhile gets the nearest
open times instead, and any other refusal is shown above the list. What differs between the
two — which clinicians, which appointment to leave out, the template, the back link — is in
`TimeScreen`.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.shortcuts import render

from clinic_site import clock

from .. import selectors, services
from ..display import PACIFIC_LABEL, day_text
from ..forms import TimeChoiceForm
from .common import day_problem_page, form_error_text, slot_rows, taken_page
from .shared import render_shared


@dataclass(frozen=True)
class TimeScreen:
    """One "choose a time" screen."""

    consultation_type: object
    clinicians: list  # who may be chosen on this screen (the form accepts only these)
    shown: list  # whose open times are listed (a ?clinician= filter narrows `clinicians`)
    template: str
    back_url: str  # the day list, for problem pages and the "just taken" page
    days_link: str  # the template's "Choose another day" link
    clinician_value: str = "any"
    clinician_fixed: bool = False  # rescheduling keeps the appointment's clinician
    exclude_appointment_id: int | None = None
    context: dict = field(default_factory=dict)
    shared: bool = False  # a public URL (not a reschedule link): see views.shared


def time_picking(request, screen: TimeScreen, day: str, *, choose: Callable[[dict], object]):
    """GET lists the day's open times; POST passes a valid choice to `choose`, which returns
    the response (a redirect) or raises a services.BookingError."""
    the_day, problem = selectors.bookable_day(
        day, today=clock.today(), horizon_days=screen.consultation_type.horizon_days
    )
    if problem:
        return day_problem_page(request, problem, back_url=screen.back_url)
    error = ""
    if request.method == "POST":
        form = TimeChoiceForm(request.POST, clinician_ids=[c.pk for c in screen.clinicians])
        if not form.is_valid():
            error = form_error_text(form)
        else:
            try:
                return choose(form.cleaned_data)
            except services.SlotTaken:
                return _taken(request, screen, form.cleaned_data)
            except services.BookingError as exc:
                error = exc.message
    return _times_page(request, screen, the_day, error=error)


def _taken(request, screen: TimeScreen, choice: dict):
    picked = [c for c in screen.clinicians if c.pk == choice["clinician"]]
    return taken_page(
        request,
        consultation_type=screen.consultation_type,
        clinicians=picked or screen.clinicians,
        target=choice["start"],
        clinician_value=screen.clinician_value
        if screen.clinician_fixed
        else str(choice["clinician"] or "any"),
        post_url=request.path,
        back_url=screen.back_url,
        exclude_id=screen.exclude_appointment_id,
    )


def _times_page(request, screen: TimeScreen, the_day, *, error: str):
    slots = selectors.open_slots_for(
        consultation_type=screen.consultation_type,
        clinicians=screen.shown,
        day=the_day,
        exclude_appointment_id=screen.exclude_appointment_id,
    )
    context = {
        **screen.context,
        "consultation_type": screen.consultation_type,
        "day_label": day_text(the_day),
        "times": slot_rows(slots),
        "clinician_value": screen.clinician_value,
        "hold_key": secrets.token_urlsafe(24),
        "error": error,
        "days_url": screen.days_link,
        "pacific_label": PACIFIC_LABEL,
    }
    if screen.shared and not error:
        return render_shared(
            request,
            screen.template,
            context,
            content=(the_day, screen.clinician_value, screen.days_link, tuple(slots)),
            deps=(screen.consultation_type, *screen.clinicians, *screen.shown),
            per_request=("hold_key",),
        )
    return render(request, screen.template, context, status=400 if error else 200)
