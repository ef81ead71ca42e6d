"""One clear instruction per channel (CLINICAL.md: text only if safe *and* consented)."""

import datetime as dt

import pytest

from intake.contact_instructions import (
    email_instruction,
    texting_instruction,
    voicemail_instruction,
)

AT = dt.datetime(2026, 3, 4, 17, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("phone", "sms_safe", "consent", "allowed", "text"),
    [
        ("+19495550123", True, AT, True, "You may text: safe and consented."),
        ("+19495550123", True, None, False, "Do not text: no consent to texts on file."),
        ("+19495550123", False, AT, False, "Do not text: they said texting is not safe."),
        ("+19495550123", False, None, False, "Do not text: they said texting is not safe."),
        ("", True, AT, False, "Do not text: no phone number given."),
    ],
)
def test_texting_instruction(phone, sms_safe, consent, allowed, text):
    instruction = texting_instruction(phone=phone, sms_safe=sms_safe, sms_consent_at=consent)
    assert (instruction.allowed, instruction.text) == (allowed, text)


@pytest.mark.parametrize(
    ("phone", "ok", "allowed", "text"),
    [
        ("+19495550123", True, True, "You may leave a voicemail."),
        ("+19495550123", False, False, "Do not leave a voicemail."),
        ("", True, False, "No phone number given."),
    ],
)
def test_voicemail_instruction(phone, ok, allowed, text):
    instruction = voicemail_instruction(phone=phone, voicemail_ok=ok)
    assert (instruction.allowed, instruction.text) == (allowed, text)


@pytest.mark.parametrize(
    ("email", "consent", "allowed", "text"),
    [
        ("pat@example.com", AT, True, "You may email."),
        ("pat@example.com", None, False, "Do not email: no consent to email on file."),
        ("", AT, False, "Do not email: no address given."),
    ],
)
def test_email_instruction(email, consent, allowed, text):
    instruction = email_instruction(email=email, email_consent_at=consent)
    assert (instruction.allowed, instruction.text) == (allowed, text)
