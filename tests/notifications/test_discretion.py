"""Every SMS and email template, rendered with realistic context, says nothing about health.

Templates are found on disk, so a template added later is scanned without editing this test.
The context holds everything a caller might be tempted to pass, including both partners'
names: no template may print them.
"""

from pathlib import Path

import pytest
from django.conf import settings

from notifications.discretion import HEALTH_WORDS, health_words_in
from notifications.rendering import email_render, sms_render

TEMPLATES = Path(settings.BASE_DIR) / "templates"
SMS_KEYS = sorted(p.stem for p in (TEMPLATES / "sms").glob("*.txt"))
EMAIL_KEYS = sorted(p.name for p in (TEMPLATES / "emails").iterdir() if p.is_dir())

PARTNER_NAMES = ("Jordan Alvarez", "Jordan", "Alvarez", "Sam Whitfield", "Sam", "Whitfield")
REALISTIC_CONTEXT = {
    "link": "https://clinic.example/inquiry/s/eyJ2IjoiNDIifQ:1vB2xY:Qm9uZ3VzU2lnbmF0dXJl/",
    "manage_link": "https://clinic.example/book/manage/eyJhIjoiOSJ9:1vB2xY:c2lnbmF0dXJl/",
    "when": "Tuesday 9 December 2026 at 10:00 am Pacific time",
    "where": "Irvine office, 2nd floor",
    "reference_code": "KC-7Q4M2",
    "hold_until": "10:30 am Pacific time",
    "hold_minutes": 30,
    # Things a caller should never pass, and templates must never print:
    "name": "Jordan Alvarez",
    "contact_name": "Jordan Alvarez",
    "partner_name": "Sam Whitfield",
    "first_name": "Jordan",
    "partner": {"name": "Sam Whitfield", "first_name": "Sam"},
    "consultation_type": "Ketamine-assisted couples therapy consultation",
    "concerns": ["depression", "anxiety", "PTSD"],
    "priority": "urgent",
}


def scan(text: str) -> list[str]:
    problems = health_words_in(text)
    lowered = text.lower()
    problems += [name for name in PARTNER_NAMES if name.lower() in lowered]
    # Links too: their paths are our routes and must not name the service either.
    problems += [w for w in HEALTH_WORDS if w in lowered and w not in problems]
    return problems


def test_the_template_folders_hold_the_keys_other_apps_use():
    expected = {
        "screening_link",
        "booking_confirmed",
        "booking_rescheduled",
        "booking_cancelled",
        "booking_reminder",
        "staff_urgent_alert",
        "waitlist_offer",
    }
    assert expected <= set(SMS_KEYS)
    assert expected <= set(EMAIL_KEYS)
    for key in EMAIL_KEYS:
        for part in ("subject.txt", "body.txt", "body.html"):
            assert (TEMPLATES / "emails" / key / part).exists(), f"{key}/{part} is missing"


@pytest.mark.parametrize("key", SMS_KEYS)
def test_sms_templates_are_discreet(db, key):
    body = sms_render(key, REALISTIC_CONTEXT)
    assert scan(body) == [], body
    assert "Moment of Clarity" in body or key == "staff_urgent_alert"


@pytest.mark.parametrize("key", EMAIL_KEYS)
def test_email_templates_are_discreet(db, key):
    email = email_render(key, REALISTIC_CONTEXT)
    for part in (email.subject, email.text, email.html):
        assert scan(part) == [], part


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Your ketamine session is tomorrow", ["ketamine"]),
        ("Couples THERAPY at 10", ["therapy"]),
        ("Finish your screening", ["screening"]),
        ("your private questionnaire link", []),
        ("Appointment confirmed. https://x.example/t/aPTSDb9", []),  # a token is not a word
        ("an anxious wait", ["anxious"]),
    ],
)
def test_the_health_word_check(text, found):
    assert health_words_in(text) == found


def test_a_message_that_would_say_a_health_word_is_blocked_not_sent(
    db, sms_outbox, no_quiet_hours, django_capture_on_commit_callbacks
):
    from notifications.models import Message
    from notifications.services import message_create

    with django_capture_on_commit_callbacks(execute=True):
        message = message_create(
            channel="sms",
            to="+19495550123",
            template_key="booking_confirmed",
            context={**REALISTIC_CONTEXT, "where": "Ketamine therapy suite"},
            idempotency_key="leaky",
        )
    assert sms_outbox == []
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED
    assert message.last_error == "Blocked: the message would mention ketamine, therapy."


def test_the_clinic_short_name_in_messages_is_discreet(db):
    from pages.models import SiteSettings

    assert scan(SiteSettings.load().short_name) == []
