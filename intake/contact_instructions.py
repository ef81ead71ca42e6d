"""One plain instruction per channel for staff about to contact someone.

CLINICAL.md: text only a number whose owner said texting is safe *and* consented; each
partner has their own preferences. Staff should not have to combine two flags ("Safe to
text: yes" next to "no consent recorded") under pressure, so each channel gets one
sentence that starts with what to do, then why.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class ContactInstruction:
    """What staff may do on one channel: `allowed` for styling, `text` to read."""

    allowed: bool
    text: str


def texting_instruction(*, phone: str, sms_safe: bool, sms_consent_at) -> ContactInstruction:
    if not phone:
        return ContactInstruction(False, "Do not text: no phone number given.")
    if not sms_safe:
        return ContactInstruction(False, "Do not text: they said texting is not safe.")
    if sms_consent_at is None:
        return ContactInstruction(False, "Do not text: no consent to texts on file.")
    return ContactInstruction(True, "You may text: safe and consented.")


def voicemail_instruction(*, phone: str, voicemail_ok: bool) -> ContactInstruction:
    if not phone:
        return ContactInstruction(False, "No phone number given.")
    if voicemail_ok:
        return ContactInstruction(True, "You may leave a voicemail.")
    return ContactInstruction(False, "Do not leave a voicemail.")


def email_instruction(*, email: str, email_consent_at) -> ContactInstruction:
    if not email:
        return ContactInstruction(False, "Do not email: no address given.")
    if email_consent_at is None:
        return ContactInstruction(False, "Do not email: no consent to email on file.")
    return ContactInstruction(True, "You may email.")


def contact_instructions(
    *,
    phone: str,
    email: str,
    sms_safe: bool,
    sms_consent_at,
    voicemail_ok: bool,
    email_consent_at,
) -> dict[str, ContactInstruction]:
    """The three instructions for one person, keyed "text", "voicemail", "email"."""
    return {
        "text": texting_instruction(phone=phone, sms_safe=sms_safe, sms_consent_at=sms_consent_at),
        "voicemail": voicemail_instruction(phone=phone, voicemail_ok=voicemail_ok),
        "email": email_instruction(email=email, email_consent_at=email_consent_at),
    }
