"""Public intake pages: the multi-step inquiry, its done page, and each partner's screening.

Views stay thin: validate a form, call one service, redirect (POST/redirect/GET). Answers
between steps live only in the visitor's session, encrypted (intake/wizard.py); nothing
reaches the database until the last step. Every page is `never_cache`: they carry private
links and answers.
"""

import json
import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from clinic_site.crypto import decrypt_str, encrypt_str
from clinic_site.phones import display_phone
from clinic_site.ratelimit import client_ip, hit

from . import instrument_languages, wizard
from .forms import (
    EMAIL_CONSENT_WORDING,
    SMS_CONSENT_WORDING,
    WIZARD_STEPS,
    InstrumentForm,
    ScreeningContactForm,
)
from .models import Inquiry, PartnerScreening
from .screening_pages import (
    CRISIS_LEVELS,
    ScreeningPage,
    binds_to_this_device,
    crisis_level,
    finished_screening_page,
    section_crisis_panel,
    section_post_is_stale,
)
from .selectors import ScreeningVisit, device_cookie_name, screening_visit
from .services import (
    ContactPreferences,
    ScreeningOpenElsewhere,
    SectionNotExpected,
    inquiry_booking_token,
    inquiry_submit,
    screening_contact_confirm,
    screening_link_path,
    screening_section_submit,
    screening_unsaved_risk_record,
)

RATE_LIMIT_MESSAGE = _(
    "We have received several inquiries from this connection in a short time, so we could not "
    "send this one. Please try again in an hour, or call us."
)
ALREADY_SAVED_MESSAGE = _("That section was already saved. Here is the next one.")
EXPIRED_MESSAGE = _(
    "This form has expired or was already sent, so it was not sent again. Please start a new "
    "inquiry, or call us."
)


def _render_step(request, *, number: int, form, status: int = 200):
    return render(
        request,
        "intake/step.html",
        {
            "form": form,
            "step_number": number,
            "step_count": len(WIZARD_STEPS),
            "is_last": number == len(WIZARD_STEPS),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def inquiry_step(request, number: int = 1):
    """One step of the inquiry. Back keeps answers; the last step sends everything."""
    if not 1 <= number <= len(WIZARD_STEPS):
        raise Http404
    state = wizard.load(request)
    missing = wizard.first_missing_step(state, before=number)
    if missing is not None and request.method == "GET":
        return redirect("intake:step", number=missing)
    form_class = WIZARD_STEPS[number - 1]
    context = wizard.form_context(state)

    if request.method == "GET":
        form = form_class(initial=wizard.initial_for(state, number), context=context)
        if number == len(WIZARD_STEPS):
            form.initial["submission_token"] = state.get("token", "")
        return _render_step(request, number=number, form=form)

    form = form_class(request.POST, context=context)
    if "back" in request.POST:
        if form.is_valid():
            wizard.save_step(request, state, number, form.cleaned_data)
        return redirect("intake:step", number=max(1, number - 1))
    if number == len(WIZARD_STEPS):
        return _final_step(request, state=state, form=form, missing=missing)
    if missing is not None:
        return redirect("intake:step", number=missing)
    if not form.is_valid():
        return _render_step(request, number=number, form=form, status=400)
    wizard.save_step(request, state, number, form.cleaned_data)
    return redirect("intake:step", number=number + 1)


def _final_step(request, *, state: dict, form, missing: int | None):
    number = len(WIZARD_STEPS)
    token = request.POST.get("submission_token", "")
    already = Inquiry.objects.filter(submission_token=token).first() if token else None
    if already is not None:
        # A double-click or a reload: the visitor whose session holds the token (or already
        # shows this inquiry as sent) sees their one inquiry; anyone else replaying the token
        # learns nothing.
        if request.session.get(wizard.DONE_SESSION_KEY) == already.pk or token == state.get(
            "token"
        ):
            wizard.finish(request, inquiry_pk=already.pk)
            return redirect("intake:done")
        form.is_valid()
        form.add_error("submission_token", EXPIRED_MESSAGE)
        return _render_step(request, number=number, form=form, status=409)
    if missing is not None or not token or token != state.get("token"):
        form.is_valid()
        form.add_error("submission_token", EXPIRED_MESSAGE)
        return _render_step(request, number=number, form=form, status=400)

    valid = form.is_valid()
    honeypot_filled = bool(request.POST.get("website"))
    if (valid or honeypot_filled) and not hit(
        "inquiry-submit", client_ip(request), settings.INQUIRY_RATE_LIMIT
    ):
        form.add_error(None, RATE_LIMIT_MESSAGE)
        return _render_step(request, number=number, form=form, status=429)
    if not valid:
        return _render_step(request, number=number, form=form, status=400)

    submission = wizard.build_submission(state, form.cleaned_data)
    inquiry, _created = inquiry_submit(data=submission, submission_token=token)
    wizard.finish(request, inquiry_pk=inquiry.pk)
    return redirect("intake:done")


@never_cache
@require_http_methods(["GET"])
def inquiry_done(request):
    """Reference code, what happens next, private links: only for the visitor who sent it."""
    pk = request.session.get(wizard.DONE_SESSION_KEY)
    inquiry = Inquiry.objects.filter(pk=pk).prefetch_related("screenings").first() if pk else None
    if inquiry is None:
        messages.info(request, _("That page is no longer available. You can start a new inquiry."))
        return redirect("intake:start")
    screenings = {s.role: s for s in inquiry.screenings.all()}
    submitter = screenings[PartnerScreening.Role.SUBMITTER]
    partner = screenings[PartnerScreening.Role.PARTNER]
    partner_notified = partner.can_text or partner.can_email
    return render(
        request,
        "intake/done.html",
        {
            "inquiry": inquiry,
            "submitter_link": request.build_absolute_uri(screening_link_path(screening=submitter)),
            "partner": partner,
            "partner_notified": partner_notified,
            "link_days": settings.SCREENING_LINK_MAX_AGE_DAYS,
            "partner_channel": _("text message") if partner.can_text else _("email"),
            "partner_link": None
            if partner_notified
            else request.build_absolute_uri(screening_link_path(screening=partner)),
            # docs/CONTRACTS.md: the booking app reads this token. Not offered to an inquiry
            # we cannot take on (not eligible): a team member replies to it instead.
            "booking_url": reverse("booking:start")
            + "?"
            + urlencode({"inquiry": inquiry_booking_token(inquiry=inquiry)})
            if inquiry.eligible
            else None,
        },
    )


# The risk-specific crisis panel is shown once: on the page right after the answer that
# raised it, on the device that sent that answer. It is carried as a one-time, encrypted flag
# in the session and popped when shown, never derived from stored results, so nobody who
# opens the private link later (it sits in texts and emails for days) learns of the answer.
CRISIS_PANEL_SESSION_KEY = "intake_crisis_panel"


def _remember_crisis_panel(request, *, screening: PartnerScreening, level: str) -> None:
    request.session[CRISIS_PANEL_SESSION_KEY] = encrypt_str(
        json.dumps({"screening": screening.pk, "level": level})
    )


def _take_crisis_panel(request, *, screening: PartnerScreening) -> str | None:
    """The crisis level to show on this page, once; None for later visits and other devices."""
    sealed = request.session.get(CRISIS_PANEL_SESSION_KEY)
    if not sealed:
        return None
    try:
        flag = json.loads(decrypt_str(sealed))
    except ValueError:
        flag = {}
    if flag.get("screening") not in (screening.pk, None):
        return None  # another screening's flag (two links on one device): leave it for that
    request.session.pop(CRISIS_PANEL_SESSION_KEY, None)
    return flag.get("level") if flag.get("level") in CRISIS_LEVELS else None


def _set_device_cookie(response, *, screening: PartnerScreening, device_key: str) -> None:
    response.set_cookie(
        device_cookie_name(screening),
        device_key,
        max_age=settings.SCREENING_LINK_MAX_AGE_DAYS * 86400,
        path=reverse("intake:screening", args=["-"]).removesuffix("-/"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def _contact_initial(screening: PartnerScreening) -> dict:
    """What the submitter suggested, for the partner to confirm or change."""
    yes_no = {True: "yes", False: "no"}
    return {
        "email": screening.email,
        "phone": display_phone(screening.phone) or screening.phone,
        "preferred_contact": screening.preferred_contact,
        "sms_safe": yes_no[screening.sms_safe] if screening.phone else "",
        "voicemail_ok": yes_no[screening.voicemail_ok] if screening.phone else "",
        "email_consent": bool(screening.email_consent_at),
    }


def _confirm_contact(request, *, screening: PartnerScreening, token: str, device_key: str):
    """The partner's first page: their own contact preferences and consents."""
    if request.method != "POST":
        form = ScreeningContactForm(initial=_contact_initial(screening))
        return render(request, "intake/screening_contact.html", {"form": form})
    form = ScreeningContactForm(request.POST)
    if not form.is_valid():
        return render(request, "intake/screening_contact.html", {"form": form}, status=400)
    data = form.cleaned_data
    new_device_key = _new_device_key(screening)
    device_key = new_device_key or device_key
    try:
        screening_contact_confirm(
            screening=screening,
            preferences=ContactPreferences(
                email=data["email"],
                phone=data["phone"],
                preferred_contact=data["preferred_contact"],
                sms_safe=data["sms_safe"] == "yes",
                voicemail_ok=data["voicemail_ok"] == "yes",
                sms_consent_wording=str(SMS_CONSENT_WORDING) if data["sms_consent"] else "",
                email_consent_wording=str(EMAIL_CONSENT_WORDING) if data["email_consent"] else "",
                language=request.LANGUAGE_CODE,
            ),
            device_key=device_key,
        )
    except ScreeningOpenElsewhere:
        return _elsewhere(request)
    return _to_screening(token, screening=screening, new_device_key=new_device_key)


def _new_device_key(screening: PartnerScreening) -> str:
    """A fresh key when this answer binds a passed-on link to this device, else ""."""
    bind = binds_to_this_device(
        link_passed_on=screening.link_passed_on, already_bound=bool(screening.device_key_hash)
    )
    return secrets.token_urlsafe(32) if bind else ""


def _to_screening(token: str, *, screening: PartnerScreening, new_device_key: str):
    response = redirect("intake:screening", token=token)
    if new_device_key:
        _set_device_cookie(response, screening=screening, device_key=new_device_key)
    return response


def _elsewhere(request):
    return render(request, "intake/screening_elsewhere.html", status=403)


@never_cache
@require_http_methods(["GET", "POST"])
def screening(request, token: str):
    """One partner's private screening: one section per page, saved as they go."""
    visit = screening_visit(token=token, cookies=request.COOKIES)
    screening = visit.screening
    match visit.page:
        case ScreeningPage.INVALID:
            return render(request, "intake/screening_invalid.html", status=404)
        case ScreeningPage.ELSEWHERE:
            return _elsewhere(request)
        case ScreeningPage.CONTACT:
            return _confirm_contact(
                request, screening=screening, token=token, device_key=visit.device_key
            )
        case ScreeningPage.FINISHED:
            flag = _take_crisis_panel(request, screening=screening)
            page = finished_screening_page(crisis_flag=flag)
            return render(
                request,
                "intake/screening_done.html",
                {"crisis_panel": page.crisis_panel, "reach_sooner": page.reach_sooner},
            )
    if request.method == "POST":
        return _section_submit(request, visit=visit, token=token)
    form = InstrumentForm(instrument=_asked(request, visit))
    return _render_section(request, visit=visit, form=form)


def _asked(request, visit: ScreeningVisit):
    """The next section in the page's language where the instrument has a validated version
    there (same keys and scores; intake/instrument_languages.py), else as published."""
    return instrument_languages.localized(visit.progress.next_instrument, request.LANGUAGE_CODE)


def _section_submit(request, *, visit: ScreeningVisit, token: str):
    """Save one section; a risk answer raises the crisis panel on the next page, once."""
    screening, instrument = visit.screening, visit.progress.next_instrument
    posted_key = request.POST.get("instrument_key")
    if section_post_is_stale(posted_key=posted_key, expected_key=instrument.key):
        messages.info(request, ALREADY_SAVED_MESSAGE)
        return redirect("intake:screening", token=token)
    form = InstrumentForm(request.POST, instrument=_asked(request, visit))
    if not form.is_valid():
        # A risk answer is never lost to a missing answer elsewhere in the section: staff
        # are alerted now, and the crisis panel shows with the errors.
        risk_now = form.urgent_flags_given()
        if risk_now:
            screening_unsaved_risk_record(
                screening=screening, instrument_key=instrument.key, flagged_items=risk_now
            )
        return _render_section(request, visit=visit, form=form, unsaved_risk=risk_now)
    new_device_key = _new_device_key(screening)
    try:
        result = screening_section_submit(
            screening=screening,
            instrument_key=instrument.key,
            answers=form.answers,
            device_key=new_device_key or visit.device_key,
            language=request.LANGUAGE_CODE,
        )
    except SectionNotExpected:
        messages.info(request, ALREADY_SAVED_MESSAGE)
    except ScreeningOpenElsewhere:
        return _elsewhere(request)
    else:
        level = crisis_level(instrument_key=result.instrument, flagged_items=result.flagged_items)
        if level is not None:
            _remember_crisis_panel(request, screening=screening, level=level)
    return _to_screening(token, screening=screening, new_device_key=new_device_key)


def _render_section(request, *, visit: ScreeningVisit, form, unsaved_risk=()):
    instrument = visit.progress.next_instrument
    crisis_panel = section_crisis_panel(
        instrument_key=instrument.key,
        one_time_flag=_take_crisis_panel(request, screening=visit.screening),
        unsaved_risk_items=unsaved_risk,
    )
    return render(
        request,
        "intake/screening_section.html",
        {
            "screening": visit.screening,
            "progress": visit.progress,
            "instrument": form.instrument,
            "in_english_only": not instrument_languages.has_translation(
                instrument.key, request.LANGUAGE_CODE
            ),
            "form": form,
            "crisis_panel": crisis_panel,
        },
        status=400 if form.is_bound else 200,
    )
