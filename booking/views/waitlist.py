"""Public waitlist pages: join from the day/time pages, and the private offer link.

Thin: parse, call one service, render or redirect. The offer link's GET only shows the
held time (email scanners follow links); booking it, or passing it on, is a POST.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from clinic_site import clock
from clinic_site.phones import display_phone
from clinic_site.ratelimit import client_ip, hit

from .. import selectors, services, waitlist_selectors, waitlist_services
from .. import slots as engine
from ..display import PACIFIC_LABEL, day_text, when_text
from ..models import WaitlistEntry, WaitlistOffer
from ..waitlist import windows_text
from ..waitlist_forms import OfferBookingForm, WaitlistForm
from .common import allow, appointment_summary, problem_page
from .flow import SESSION_DONE, _session_inquiry

SESSION_WAITLIST = "booking_waitlist_entry_id"
JOIN_RATE = "10/h"
DEFAULT_DAYS = 30
OTHER_TIMES = 6


def _initial(inquiry, today) -> dict:
    initial = {"valid_until": today + timedelta(days=DEFAULT_DAYS)}
    if inquiry is not None:
        initial.update(
            name=inquiry.contact_name,
            email=inquiry.contact_email,
            phone=display_phone(inquiry.contact_phone),
            email_ok=bool(inquiry.email_consent_at),
            sms_ok=bool(inquiry.sms_safe and inquiry.sms_consent_at),
            voicemail_ok=inquiry.voicemail_ok,
        )
    return initial


def _too_many_tries(request):
    return problem_page(
        request,
        heading=_("Too many tries"),
        message=_("Please wait a while and try again, or call us."),
        status=429,
    )


@never_cache
@allow("GET", "POST")
def join(request, type_slug: str):
    """'None of these times work?': the days, parts of day and clinicians that suit."""
    consultation_type = selectors.bookable_type(slug=type_slug)
    if consultation_type is None:
        return problem_page(
            request,
            heading=_("Not available"),
            message=_("That kind of appointment is not available online. Please call us."),
            status=404,
        )
    clinicians = selectors.clinicians_for(consultation_type=consultation_type)
    inquiry = _session_inquiry(request)
    today = clock.today()
    form_kwargs = {"clinicians": clinicians, "today": today, "max_days": settings.WAITLIST_MAX_DAYS}
    if request.method == "GET":
        form = WaitlistForm(initial=_initial(inquiry, today), **form_kwargs)
    elif not hit("waitlist-join", client_ip(request), JOIN_RATE):
        return _too_many_tries(request)
    elif (form := WaitlistForm(request.POST, **form_kwargs)).is_valid():
        entry = waitlist_services.waitlist_join(
            request=form.waitlist_request(
                consultation_type=consultation_type, clinicians=clinicians
            ),
            contact=form.contact_details(),
            inquiry=inquiry,
        )
        request.session[SESSION_WAITLIST] = entry.pk
        return redirect("booking:waitlist_joined")
    context = {
        "form": form,
        "consultation_type": consultation_type,
        "from_inquiry": inquiry is not None,
        "hold_minutes": settings.WAITLIST_OFFER_HOLD_MINUTES,
        "days_url": reverse("booking:days", args=[consultation_type.slug]),
    }
    status = 400 if form.errors else 200
    return render(request, "booking/waitlist_join.html", context, status=status)


@never_cache
@allow("GET")
def joined(request):
    """You are on the list: what we will look for, and what happens next."""
    pk = request.session.get(SESSION_WAITLIST)
    entry = (
        WaitlistEntry.objects.select_related("consultation_type")
        .prefetch_related("clinicians")
        .filter(pk=pk)
        .first()
        if pk
        else None
    )
    if entry is None:
        return redirect("booking:start")
    return render(
        request,
        "booking/waitlist_joined.html",
        {
            "entry": entry,
            "windows": windows_text(entry.windows),
            "clinicians": ", ".join(str(c) for c in entry.clinicians.all()) or "Anyone",
            "until": day_text(entry.valid_until),
            "hold_minutes": settings.WAITLIST_OFFER_HOLD_MINUTES,
        },
    )


def _offer_orproblem_page(request, token):
    offer = waitlist_selectors.offer_from_token(token)
    if offer is None:
        return None, problem_page(
            request,
            heading=_("This link is not valid"),
            message=_("Please use the link from our message, or call us."),
            status=404,
        )
    return offer, None


def _offer_gone(request, offer: WaitlistOffer):
    """Kindly: the hold ended; here are other open times for the same kind of appointment."""
    ctype = offer.consultation_type
    slots = selectors.open_slots_for(
        consultation_type=ctype, clinicians=selectors.clinicians_for(consultation_type=ctype)
    )
    # The offered time itself belongs to the next person in line now, not to the first click.
    others = [s for s in slots if s.start != offer.start]
    nearest = engine.nearest_slots(others, target=offer.start, limit=OTHER_TIMES)
    return render(
        request,
        "booking/waitlist_offer_gone.html",
        {
            "offer": offer,
            "when": when_text(offer.start),
            "others": [
                {
                    "label": when_text(s.start),
                    "url": reverse(
                        "booking:times",
                        args=[ctype.slug, s.local_start().date().isoformat()],
                    ),
                }
                for s in nearest
            ],
            "days_url": reverse("booking:days", args=[ctype.slug]),
            "still_waiting": offer.entry.status in WaitlistEntry.OPEN_STATUSES,
            "hold_minutes": settings.WAITLIST_OFFER_HOLD_MINUTES,
            "pacific_label": PACIFIC_LABEL,
        },
        status=410,
    )


@never_cache
@allow("GET", "POST")
def offer(request, token: str):
    """The held time: GET shows it with one button; the POST books it."""
    the_offer, problem = _offer_orproblem_page(request, token)
    if problem:
        return problem
    if the_offer.status == WaitlistOffer.Status.ACCEPTED and the_offer.appointment_id:
        request.session[SESSION_DONE] = the_offer.appointment_id
        return redirect("booking:done")
    if not waitlist_services.offer_is_open(the_offer):
        return _offer_gone(request, the_offer)
    form = OfferBookingForm(
        request.POST if request.method == "POST" else None,
        consultation_type=the_offer.consultation_type,
    )
    if request.method == "POST" and form.is_valid():
        response = _offer_accept(request, the_offer, mode=form.cleaned_data["mode"], form=form)
        if response is not None:
            return response
    the_offer.appointment.mode = the_offer.consultation_type.modes[0]
    context = {
        "offer": the_offer,
        "form": form,
        "token": token,
        "summary": appointment_summary(the_offer.appointment, mode_chosen=False),
        "hold_until": when_text(the_offer.expires_at).split(" at ", 1)[1],
    }
    status = 400 if form.errors else 200
    return render(request, "booking/waitlist_offer.html", context, status=status)


def _offer_accept(request, the_offer: WaitlistOffer, *, mode: str, form):
    """Book the held time: the done page, the "gone" page, or None with the reason on the form."""
    try:
        appointment = waitlist_services.waitlist_offer_accept(offer=the_offer, mode=mode)
    except waitlist_services.OfferGone:
        the_offer.refresh_from_db()
        return _offer_gone(request, the_offer)
    except services.SlotTaken:
        return _offer_gone(request, the_offer)
    except services.BookingError as exc:
        form.add_error("mode", exc.message)
        return None
    request.session[SESSION_DONE] = appointment.pk
    return redirect("booking:done")


@never_cache
@allow("POST")
def offer_decline(request, token: str):
    """Pass the held time on to the next person waiting; stay on the list."""
    the_offer, problem = _offer_orproblem_page(request, token)
    if problem:
        return problem
    waitlist_services.waitlist_offer_decline(offer=the_offer)
    return render(request, "booking/waitlist_declined.html", {})
