"""Writes for the intake app. Keyword-only, typed; views call one of these and redirect."""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from clinic_site.crypto import make_token
from notifications.services import message_create, staff_alert_send

from . import instrument_languages, instruments, triage
from .models import Inquiry, InstrumentResult, PartnerScreening, new_link_nonce, new_reference_code
from .selectors import (
    BOOKING_TOKEN_PURPOSE,
    SCREENING_TOKEN_PURPOSE,
    device_key_hash,
    screening_open_on_this_device,
    screening_progress,
)

logger = logging.getLogger(__name__)

# Statuses from which booking a consultation moves the inquiry forward. Later statuses
# (accepted, referred out, closed) are staff decisions a booking must not undo.
_BOOKABLE_FROM = {Inquiry.Status.NEW, Inquiry.Status.IN_REVIEW, Inquiry.Status.CONTACTED}
SCREENING_LINK_TEMPLATE = "screening_link"


# --- links ------------------------------------------------------------------------------
def inquiry_booking_token(*, inquiry: Inquiry) -> str:
    """The signed token for `/book/?inquiry=<token>` (read by inquiry_from_booking_token)."""
    return make_token(BOOKING_TOKEN_PURPOSE, str(inquiry.pk))


def screening_link_token(*, screening: PartnerScreening) -> str:
    """The signed, expiring token in one partner's private screening URL."""
    return make_token(SCREENING_TOKEN_PURPOSE, f"{screening.pk}:{screening.link_nonce}")


def screening_link_path(*, screening: PartnerScreening) -> str:
    """The site-relative private URL of one partner's screening."""
    return reverse("intake:screening", args=[screening_link_token(screening=screening)])


def screening_link_url(*, screening: PartnerScreening) -> str:
    """The absolute private URL (SITE_URL + path) for messages, which have no request."""
    return settings.SITE_URL + screening_link_path(screening=screening)


# --- the inquiry ------------------------------------------------------------------------
@dataclass(frozen=True)
class PartnerContact:
    """What the submitter told us about reaching their partner (all optional but the name)."""

    first_name: str
    email: str = ""
    phone: str = ""
    preferred_contact: str = ""
    sms_safe: bool = False
    voicemail_ok: bool = False
    sms_consent_wording: str = ""  # empty = no consent given
    email_consent_wording: str = ""


@dataclass(frozen=True)
class InquirySubmission:
    """Everything the public inquiry collects, validated by the step forms."""

    contact_name: str
    contact_email: str
    contact_phone: str
    preferred_contact: str
    sms_safe: bool
    voicemail_ok: bool
    partner: PartnerContact
    both_adults: str
    in_california: str
    concerns: list[str]
    concerns_other: str
    message: str
    medicine_interest: str
    session_format: str
    payment: str
    insurance_carrier: str
    military_family: str
    privacy_notice_wording: str
    sms_consent_wording: str = ""  # empty = no consent given
    email_consent_wording: str = ""
    # The language the inquiry was sent in: the submitter's, and the partner's until they
    # open their own link (each person's messages go in their own language).
    language: str = "en"


class SubmissionAlreadyUsed(Exception):
    """The one-time submission token was already used for an inquiry."""

    def __init__(self, inquiry: Inquiry):
        self.inquiry = inquiry
        super().__init__("submission token already used")


def _consent_time(wording: str, now: dt.datetime) -> dt.datetime | None:
    return now if wording else None


def _create_inquiry(data: InquirySubmission, *, submission_token: str, now) -> Inquiry:
    fields = {
        "contact_name": data.contact_name,
        "contact_email": data.contact_email,
        "contact_phone": data.contact_phone,
        "preferred_contact": data.preferred_contact,
        "sms_safe": data.sms_safe,
        "voicemail_ok": data.voicemail_ok,
        "sms_consent_at": _consent_time(data.sms_consent_wording, now),
        "sms_consent_wording": data.sms_consent_wording,
        "email_consent_at": _consent_time(data.email_consent_wording, now),
        "email_consent_wording": data.email_consent_wording,
        "privacy_acknowledged_at": now,
        "privacy_notice_wording": data.privacy_notice_wording,
        "language": data.language,
        "both_adults": data.both_adults,
        "in_california": data.in_california,
        "concerns": list(data.concerns),
        "concerns_other": data.concerns_other,
        "message": data.message,
        "medicine_interest": data.medicine_interest,
        "session_format": data.session_format,
        "payment": data.payment,
        "insurance_carrier": data.insurance_carrier,
        "military_family": data.military_family,
        "submission_token": submission_token,
        "created_at": now,
        "status_changed_at": now,
    }
    for _attempt in range(8):
        try:
            with transaction.atomic():
                return Inquiry.objects.create(reference_code=new_reference_code(), **fields)
        except IntegrityError:
            existing = Inquiry.objects.filter(submission_token=submission_token).first()
            if existing is not None:
                raise SubmissionAlreadyUsed(existing) from None
            # Otherwise a reference-code collision (1 in ~28 million): draw again.
    raise RuntimeError("could not allocate a unique reference code")


def _send_screening_link(*, screening: PartnerScreening, inquiry: Inquiry) -> bool:
    """Send one partner their own link by their consented channel; False if we may not."""
    channels = []
    if screening.can_text:
        channels.append("sms")
    if screening.can_email:
        channels.append("email")
    if not channels:
        return False
    if screening.preferred_contact == "email" and "email" in channels:
        channel = "email"
    else:
        channel = channels[0]
    # In the person's own language, and so is the link (/es/… opens the Spanish pages).
    with translation.override(screening.language):
        link = screening_link_url(screening=screening)
    message_create(
        channel=channel,
        to=screening.phone if channel == "sms" else screening.email,
        template_key=SCREENING_LINK_TEMPLATE,
        context={"link": link},
        language=screening.language,
        idempotency_key=f"screening-link {screening.pk} {screening.link_nonce}",
        related=inquiry,
        fallback_email=screening.email if channel == "sms" and screening.can_email else "",
    )
    return True


def _screening_create(
    *, inquiry, role, name: str, email: str, phone: str, preferences, now, language: str
) -> PartnerScreening:
    """One partner's screening row with their own contact preferences and consents.

    `preferences` is the submission (for the submitter) or its PartnerContact: both carry
    preferred_contact, sms_safe, voicemail_ok and the consent wordings shown to them.
    """
    own = role == PartnerScreening.Role.SUBMITTER
    # Text-message consent is the person's own: the partner gives it on their own link.
    sms_wording = preferences.sms_consent_wording if own else ""
    return PartnerScreening.objects.create(
        inquiry=inquiry,
        role=role,
        name=name,
        email=email,
        phone=phone,
        preferred_contact=preferences.preferred_contact,
        sms_safe=preferences.sms_safe,
        voicemail_ok=preferences.voicemail_ok,
        sms_consent_at=_consent_time(sms_wording, now),
        sms_consent_wording=sms_wording,
        contact_confirmed_at=now if own else None,
        email_consent_at=_consent_time(preferences.email_consent_wording, now),
        email_consent_wording=preferences.email_consent_wording,
        language=language,
        created_at=now,
    )


def inquiry_submit(*, data: InquirySubmission, submission_token: str) -> tuple[Inquiry, bool]:
    """Save a whole inquiry in one transaction; return (inquiry, created).

    Creates the Inquiry, both partners' PartnerScreening rows (each with their own contact
    preferences and consents), triages it on eligibility, and queues each partner's private
    link where they consented to a channel. The submission token is one-time: sending the
    same token again returns the first inquiry with created=False and writes nothing.
    """
    if not submission_token:
        raise ValueError("a submission token is required")
    with transaction.atomic():
        existing = Inquiry.objects.filter(submission_token=submission_token).first()
        if existing is not None:
            return existing, False
        now = timezone.now()
        try:
            inquiry = _create_inquiry(data, submission_token=submission_token, now=now)
        except SubmissionAlreadyUsed as exc:
            return exc.inquiry, False

        submitter = _screening_create(
            inquiry=inquiry,
            role=PartnerScreening.Role.SUBMITTER,
            name=data.contact_name,
            email=data.contact_email,
            phone=data.contact_phone,
            preferences=data,
            now=now,
            language=data.language,
        )
        partner = _screening_create(
            inquiry=inquiry,
            role=PartnerScreening.Role.PARTNER,
            name=data.partner.first_name,
            email=data.partner.email,
            phone=data.partner.phone,
            preferences=data.partner,
            now=now,
            language=data.language,
        )
        _apply_triage(inquiry=inquiry, result_flags=[], now=now)
        _send_screening_link(screening=submitter, inquiry=inquiry)
        _send_screening_link(screening=partner, inquiry=inquiry)
    logger.info("inquiry %s created", inquiry.reference_code)
    return inquiry, True


def inquiry_mark_consultation_booked(*, inquiry: Inquiry) -> bool:
    """Move the inquiry to "consultation booked" when a consultation is booked for it.

    Returns True if the status changed. Idempotent; never moves an accepted, referred-out
    or closed inquiry backwards.
    """
    with transaction.atomic():
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        if locked.status not in _BOOKABLE_FROM:
            return False
        now = timezone.now()
        Inquiry.objects.filter(pk=locked.pk).update(
            status=Inquiry.Status.CONSULTATION_BOOKED, status_changed_at=now, updated_at=now
        )
    inquiry.status = Inquiry.Status.CONSULTATION_BOOKED
    inquiry.status_changed_at = now
    return True


# --- triage -----------------------------------------------------------------------------
def _apply_triage(*, inquiry: Inquiry, result_flags: list[triage.ResultFlags], now) -> str:
    decision = triage.triage(
        both_adults=inquiry.both_adults,
        in_california=inquiry.in_california,
        results=result_flags,
    )
    was_urgent = inquiry.priority == Inquiry.Priority.URGENT and inquiry.triaged_at is not None
    inquiry.priority = decision.priority
    inquiry.triage_reasons = list(decision.reasons)
    inquiry.triaged_at = now
    Inquiry.objects.filter(pk=inquiry.pk).update(
        priority=inquiry.priority,
        triage_reasons=inquiry.triage_reasons,  # the field encrypts it
        triaged_at=now,
        updated_at=now,
    )
    if decision.priority == triage.URGENT and not was_urgent:
        # The alert names only the reference code: no health details (CLINICAL.md).
        staff_alert_send(reference_code=inquiry.reference_code, related=inquiry)
    return decision.priority


def inquiry_retriage(*, inquiry: Inquiry) -> str:
    """Re-run triage over both partners' stored results; alert staff when it turns urgent.

    Locks the inquiry row first, so when both partners finish a section at the same moment
    the second re-triage waits and then reads the first one's committed results (no lost
    URGENT).
    """
    with transaction.atomic(savepoint=False):
        locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
        # One query: each partner's unsaved risk flags with each of their stored results.
        rows = PartnerScreening.objects.filter(inquiry=locked).values_list(
            "pk", "role", "unsaved_risk_flags", "results__instrument", "results__flagged_items"
        )
        flags, unsaved = [], {}
        for pk, role, marks, key, flagged in rows:
            unsaved[pk] = (role, marks or ())
            if key is not None:
                flags.append(
                    triage.ResultFlags(
                        role=role, instrument=key, flagged_items=tuple(flagged or ())
                    )
                )
        saved = {(f.role, f.instrument, item) for f in flags for item in f.flagged_items}
        for role, marks in unsaved.values():
            for mark in marks:
                key, _, item = mark.partition(":")
                if (role, key, item) not in saved:
                    flags.append(
                        triage.ResultFlags(
                            role=role, instrument=key, flagged_items=(item,), unsaved=True
                        )
                    )
        priority = _apply_triage(inquiry=locked, result_flags=flags, now=timezone.now())
    inquiry.priority, inquiry.triage_reasons = locked.priority, locked.triage_reasons
    inquiry.triaged_at = locked.triaged_at
    return priority


# --- screening --------------------------------------------------------------------------
class SectionNotExpected(Exception):
    """The section sent is not the one this partner should answer next (replay, old tab)."""


class ScreeningOpenElsewhere(Exception):
    """The screening is bound to another device (a passed-on partner link already started)."""


def asked_language_of(language: str) -> str:
    """A request's language as stored: one of LANGUAGES, else English."""
    return language if language in dict(settings.LANGUAGES) else "en"


def screening_section_submit(
    *,
    screening: PartnerScreening,
    instrument_key: str,
    answers: dict,
    device_key: str = "",
    language: str = "en",
) -> InstrumentResult:
    """Score and store one section of one partner's screening, then re-triage the inquiry.

    Runs under a row lock on the screening so two tabs cannot both submit a section. A
    passed-on partner link is bound to `device_key` (the caller's cookie) on its first
    section. Raises SectionNotExpected if the section is not the next one (already answered,
    or finished), ScreeningOpenElsewhere if bound to another device, and
    instruments.InvalidAnswers for answers that do not fit the instrument.
    """
    with transaction.atomic():
        locked = (
            PartnerScreening.objects.select_for_update()
            .select_related("inquiry")
            .get(pk=screening.pk)
        )
        if not screening_open_on_this_device(screening=locked, device_key=device_key):
            raise ScreeningOpenElsewhere
        progress = screening_progress(screening=locked)
        if progress.next_instrument is None or progress.next_instrument.key != instrument_key:
            raise SectionNotExpected(instrument_key)
        # Asked in `language` where the instrument has that version, else in English: the
        # version recorded says which (the scoring itself is the same).
        instrument = instrument_languages.localized(instruments.get(instrument_key), language)
        asked_in = (
            language if instrument_languages.has_translation(instrument_key, language) else "en"
        )
        scored = instruments.score(instrument, answers)
        now = timezone.now()
        result = InstrumentResult.objects.create(
            screening=locked,
            instrument=scored.instrument,
            version=scored.version,
            language=asked_in,
            answers=scored.answers,
            total=scored.total,
            band=scored.band,
            positive=scored.positive,
            flagged_items=scored.flagged_items,
            completed_at=now,
        )
        done_answers = {**progress.answers_by_key, instrument_key: scored.answers}
        remaining = [i for i in instruments.sequence_for(done_answers) if i.key not in done_answers]
        # Each person's language is the one they last answered in.
        update = {"started_at": locked.started_at or now, "language": asked_language_of(language)}
        if locked.link_passed_on and not locked.device_key_hash:
            if not device_key:
                raise ValueError("a device key is required to start a passed-on link")
            update["device_key_hash"] = device_key_hash(device_key)
        if instrument_key == "auditc":
            update["sex_at_birth"] = scored.answers.get("sex_at_birth", "")
        if not remaining:
            update["completed_at"] = now
        for name, value in update.items():
            setattr(locked, name, value)
        locked.save(update_fields=list(update))
        inquiry_retriage(inquiry=locked.inquiry)
    screening.started_at = locked.started_at
    screening.completed_at = locked.completed_at
    return result


def screening_unsaved_risk_record(
    *, screening: PartnerScreening, instrument_key: str, flagged_items: list[str]
) -> None:
    """Keep risk answers from a section that could not be saved, and re-triage (which
    alerts on-call staff if the inquiry turns urgent).

    Only the flags are stored ("phq9:q9"), nothing else of the section: the person still
    answers the whole section, which is then saved as usual.
    """
    instrument = instruments.get(instrument_key)
    item_keys = {item.key for item in instrument.items}
    marks = [f"{instrument.key}:{item}" for item in flagged_items if item in item_keys]
    if not marks:
        return
    with transaction.atomic():
        locked = (
            PartnerScreening.objects.select_for_update()
            .select_related("inquiry")
            .get(pk=screening.pk)
        )
        known = list(locked.unsaved_risk_flags or [])
        new = [mark for mark in marks if mark not in known]
        if new:
            locked.unsaved_risk_flags = known + new
            locked.save(update_fields=["unsaved_risk_flags"])
        inquiry_retriage(inquiry=locked.inquiry)


@dataclass(frozen=True)
class ContactPreferences:
    """How one person agrees to be reached, in their own words (the partner's own link)."""

    email: str
    phone: str
    preferred_contact: str
    sms_safe: bool
    voicemail_ok: bool
    sms_consent_wording: str = ""  # empty = no consent given
    email_consent_wording: str = ""
    language: str = "en"  # the language of the page they confirmed on


def screening_contact_confirm(
    *, screening: PartnerScreening, preferences: ContactPreferences, device_key: str = ""
) -> PartnerScreening:
    """The partner confirms (or changes) their own contact preferences and consents.

    Until then nothing goes to their phone. A passed-on link is bound to this device here,
    as on a first section. Raises ScreeningOpenElsewhere if bound to another device.
    """
    now = timezone.now()
    with transaction.atomic():
        locked = PartnerScreening.objects.select_for_update().get(pk=screening.pk)
        if not screening_open_on_this_device(screening=locked, device_key=device_key):
            raise ScreeningOpenElsewhere
        if locked.link_passed_on and not locked.device_key_hash:
            if not device_key:
                raise ValueError("a device key is required to start a passed-on link")
            locked.device_key_hash = device_key_hash(device_key)
        locked.email = preferences.email
        locked.phone = preferences.phone
        locked.preferred_contact = preferences.preferred_contact
        locked.sms_safe = preferences.sms_safe
        locked.voicemail_ok = preferences.voicemail_ok
        locked.sms_consent_wording = preferences.sms_consent_wording
        locked.sms_consent_at = _consent_time(preferences.sms_consent_wording, now)
        locked.email_consent_wording = preferences.email_consent_wording
        locked.email_consent_at = _consent_time(preferences.email_consent_wording, now)
        locked.contact_confirmed_at = now
        locked.language = preferences.language
        locked.save()
    return locked


def screening_link_reissue(*, screening: PartnerScreening) -> str:
    """Revoke every link issued so far (and any device binding); return a fresh token."""
    screening.link_nonce = new_link_nonce()
    screening.device_key_hash = ""
    screening.save(update_fields=["link_nonce", "device_key_hash"])
    return screening_link_token(screening=screening)


# --- the status workflow -----------------------------------------------------------------
# new → in review → contacted → consultation booked → accepted / referred out / closed, with
# the side doors staff need in practice: close or refer out at any open step, back to
# "contacted" when a booked consultation falls through, re-open a closed inquiry. Closing
# needs a reason. Forms only show these errors; `inquiry_status_change` enforces them.
# The staff workspace (staff.workflow) wraps it to record the first contact and audit.
S = Inquiry.Status

ALLOWED_TRANSITIONS: dict[str, frozenset[str]] = {
    S.NEW: frozenset({S.IN_REVIEW, S.CONTACTED, S.REFERRED_OUT, S.CLOSED}),
    S.IN_REVIEW: frozenset({S.CONTACTED, S.REFERRED_OUT, S.CLOSED}),
    S.CONTACTED: frozenset({S.CONSULTATION_BOOKED, S.REFERRED_OUT, S.CLOSED}),
    S.CONSULTATION_BOOKED: frozenset({S.ACCEPTED, S.REFERRED_OUT, S.CLOSED, S.CONTACTED}),
    S.ACCEPTED: frozenset({S.CLOSED}),
    S.REFERRED_OUT: frozenset({S.CLOSED}),
    S.CLOSED: frozenset({S.IN_REVIEW}),
}


class TransitionNotAllowed(ValueError):
    """A status change the workflow does not allow, or a close without a reason."""


def transition_problem(*, from_status: str, to_status: str, reason: str = "") -> str | None:
    """Why this status change is refused, in words for staff; None when it is allowed."""
    if to_status == from_status:
        return None
    if to_status not in ALLOWED_TRANSITIONS.get(from_status, frozenset()):
        allowed = ", ".join(
            S(s).label.lower() for s in sorted(ALLOWED_TRANSITIONS.get(from_status, ()))
        )
        return (
            f"An inquiry that is “{S(from_status).label.lower()}” cannot become "
            f"“{S(to_status).label.lower()}”. Allowed next: {allowed or 'none'}."
        )
    if to_status == S.CLOSED and not (reason or "").strip():
        return "Closing needs a reason."
    return None


def inquiry_status_change(
    *, inquiry: Inquiry, to_status: str, reason: str = ""
) -> tuple[Inquiry, dict[str, list]]:
    """Move an inquiry to `to_status` if the workflow allows it.

    Call inside a transaction: the row is locked (select_for_update) so two staff members
    cannot race past the rules. Returns the locked row and the changes made,
    `{field: [from, to]}` (empty when it already had that status). Raises
    TransitionNotAllowed with a message for staff. `inquiry` itself is not changed.
    """
    locked = Inquiry.objects.select_for_update().get(pk=inquiry.pk)
    problem = transition_problem(from_status=locked.status, to_status=to_status, reason=reason)
    if problem:
        raise TransitionNotAllowed(problem)
    if locked.status == to_status:
        return locked, {}
    fields = {"status": to_status, "status_changed_at": timezone.now()}
    if to_status == S.CLOSED:
        fields["close_reason"] = reason.strip()
    changes = {name: [getattr(locked, name), value] for name, value in fields.items()}
    for name, value in fields.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*fields, "updated_at"])
    return locked, changes
