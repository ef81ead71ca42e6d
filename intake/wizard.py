"""The inquiry's step answers, kept between steps in the visitor's session, encrypted.

Sessions live in the database; the step answers (names, contacts, concerns) are sealed
with the field-encryption key ring before they go there, so no plain health or contact data
is stored outside the encrypted model columns. The state holds the one-time submission token
that makes the final step idempotent.
"""

import json
import secrets

from clinic_site.crypto import decrypt_str, encrypt_str
from clinic_site.i18n import active_language

from .forms import (
    EMAIL_CONSENT_WORDING,
    PARTNER_EMAIL_CONSENT_WORDING,
    PRIVACY_NOTICE_WORDING,
    SMS_CONSENT_WORDING,
    WIZARD_STEPS,
)
from .services import InquirySubmission, PartnerContact

WIZARD_SESSION_KEY = "intake_wizard"
DONE_SESSION_KEY = "intake_done"


def _fresh() -> dict:
    return {"steps": {}, "token": ""}


def load(request) -> dict:
    sealed = request.session.get(WIZARD_SESSION_KEY)
    if not sealed:
        return _fresh()
    try:
        state = json.loads(decrypt_str(sealed))
    except ValueError:  # a key rotation or a damaged session: start again
        return _fresh()
    return state if isinstance(state, dict) and "steps" in state else _fresh()


def _store(request, state: dict) -> None:
    request.session[WIZARD_SESSION_KEY] = encrypt_str(json.dumps(state))


def save_step(request, state: dict, number: int, cleaned_data: dict) -> None:
    """Keep one validated step; the first saved step also draws the submission token."""
    state["steps"][str(number)] = {
        key: value for key, value in cleaned_data.items() if key != "submission_token"
    }
    if not state.get("token"):
        state["token"] = secrets.token_urlsafe(32)
    _store(request, state)


def first_missing_step(state: dict, *, before: int) -> int | None:
    for n in range(1, before):
        if str(n) not in state["steps"]:
            return n
    return None


def initial_for(state: dict, number: int) -> dict:
    return dict(state["steps"].get(str(number), {}))


def form_context(state: dict) -> dict:
    contact = state["steps"].get("1", {})
    return {
        "preferred_contact": contact.get("preferred_contact"),
        "sms_safe": contact.get("sms_safe"),
        "email_consent": bool(contact.get("email_consent")),
    }


def finish(request, *, inquiry_pk: int) -> None:
    """Forget the answers; remember only which inquiry this visitor may see the done page of."""
    request.session.pop(WIZARD_SESSION_KEY, None)
    request.session[DONE_SESSION_KEY] = inquiry_pk


def build_submission(state: dict, final_step: dict) -> InquirySubmission:
    steps = state["steps"]
    assert len(steps) >= len(WIZARD_STEPS) - 1, "every earlier step is validated first"
    contact, partner, eligibility, concerns, interest = (steps[str(n)] for n in range(1, 6))
    return InquirySubmission(
        contact_name=contact["contact_name"],
        contact_email=contact["contact_email"],
        contact_phone=contact["contact_phone"],
        preferred_contact=contact["preferred_contact"],
        sms_safe=contact["sms_safe"] == "yes",
        voicemail_ok=contact["voicemail_ok"] == "yes",
        partner=PartnerContact(
            first_name=partner["partner_first_name"],
            email=partner.get("partner_email", ""),
            phone=partner.get("partner_phone", ""),
            preferred_contact=partner.get("partner_preferred_contact", ""),
            sms_safe=partner.get("partner_sms_safe") == "yes",
            voicemail_ok=partner.get("partner_voicemail_ok") == "yes",
            email_consent_wording=(
                str(PARTNER_EMAIL_CONSENT_WORDING) if partner.get("partner_email_consent") else ""
            ),
        ),
        both_adults=eligibility["both_adults"],
        in_california=eligibility["in_california"],
        concerns=list(concerns["concerns"]),
        concerns_other=concerns.get("concerns_other", "").strip(),
        message=concerns.get("message", "").strip(),
        medicine_interest=interest["medicine_interest"],
        session_format=interest["session_format"],
        payment=interest["payment"],
        insurance_carrier=interest.get("insurance_carrier", "").strip(),
        military_family=interest["military_family"],
        privacy_notice_wording=str(PRIVACY_NOTICE_WORDING),  # the wording shown, in its language
        sms_consent_wording=str(SMS_CONSENT_WORDING) if final_step.get("sms_consent") else "",
        email_consent_wording=str(EMAIL_CONSENT_WORDING)
        if contact.get("email_consent") or final_step.get("email_consent")
        else "",
        language=active_language(),
    )
