"""Every SMS and email template, rendered with realistic context, says nothing about health.

Templates are found on disk, so a template added later is scanned without editing this test.
The context holds everything a caller might be tempted to pass, including both partners'
names: no template may print them.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from clinic_site.discretion import health_words_in, validate_discreet
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


TOKEN_LIKE = re.compile(r"[A-Za-z0-9_-]{12,}(?::[A-Za-z0-9_-]+)*")


def scan(text: str) -> list[str]:
    problems = health_words_in(text)
    lowered = text.lower()
    problems += [name for name in PARTNER_NAMES if name.lower() in lowered]
    # Links too: their paths are our routes and must not name the service either (the
    # random tokens in them are left out: they could spell anything).
    for url in re.findall(r"https?://\S+", text):
        path = "/" + url.split("://", 1)[1].partition("/")[2]  # the host is SITE_URL's
        path = TOKEN_LIKE.sub(" ", path).replace("/", " ")
        problems += health_words_in(path)
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


# The same context as a Spanish-speaking recipient's messages carry (booking.display and
# the links under translation.override("es")).
SPANISH_CONTEXT = {
    **REALISTIC_CONTEXT,
    "link": "https://clinic.example/es/inquiry/s/eyJ2IjoiNDIifQ:1vB2xY:Qm9uZ3VzU2lnbmF0dXJl/",
    "manage_link": "https://clinic.example/es/book/manage/eyJhIjoiOSJ9:1vB2xY:c2lnbmF0dXJl/",
    "when": "martes 9 de diciembre de 2026, a las 10:00 a. m. (hora del Pacífico)",
    "where": "en persona, en nuestra oficina de Irvine",
    "hold_until": "10:30 a. m. (hora del Pacífico)",
    "consultation_type": "Consulta de terapia de pareja con ketamina",
    "concerns": ["depresión", "ansiedad", "TEPT"],
}
LANGUAGES = [("en", REALISTIC_CONTEXT), ("es", SPANISH_CONTEXT)]


@pytest.mark.parametrize(("language", "context"), LANGUAGES)
@pytest.mark.parametrize("key", SMS_KEYS)
def test_sms_templates_are_discreet(db, key, language, context):
    with translation.override(language):
        body = sms_render(key, context)
    assert scan(body) == [], body
    assert "MC Office" in body or key == "staff_urgent_alert"
    if language == "es" and key != "staff_urgent_alert":  # staff alerts stay English
        assert body != sms_render(key, context), "the Spanish text is the English one"


@pytest.mark.parametrize(("language", "context"), LANGUAGES)
@pytest.mark.parametrize("key", EMAIL_KEYS)
def test_email_templates_are_discreet(db, key, language, context):
    with translation.override(language):
        email = email_render(key, context)
    for part in (email.subject, email.text, email.html):
        assert scan(part) == [], part
    if language == "es" and key != "staff_urgent_alert":
        assert "Hello" not in email.text and "Hola" in email.text, email.text
        assert '<html lang="es">' in email.html


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Your ketamine session is tomorrow", ["ketamine"]),
        ("Couples THERAPY at 10", ["couples", "therapy"]),
        ("Finish your screening", ["screening"]),
        ("your private link", []),
        ("Appointment confirmed. https://x.example/t/aPTSDb9", []),  # a token is not a word
        ("an anxious wait", ["anxious"]),
        # What the independent review found missing (issue 12), and stems generally:
        (
            "Couples counseling, counselling and a counselor",
            ["couples", "counseling", "counselling", "counselor"],
        ),
        ("Your medication and medicine", ["medication", "medicine"]),
        ("alcohol, alcoholic, drug, drugs", ["alcohol", "alcoholic", "drug", "drugs"]),
        ("Your treatment plan", ["treatment"]),
        ("Mental health, healthcare", ["mental health", "healthcare"]),
        ("Dear patient", ["patient"]),
        ("Crisis line", ["crisis"]),
        ("Your questionnaire", ["questionnaire"]),
        ("psychedelic, psychedelics", ["psychedelic", "psychedelics"]),
        ("a traumatic event", ["traumatic"]),
        ("addiction, rehab, rehabilitation", ["addiction", "rehab", "rehabilitation"]),
        ("PHQ-9 and GAD-7 scores", ["phq", "gad"]),
        ("overdose", ["overdose"]),
        ("self-harm, self harm", ["self harm", "self harm"]),
        ("Our clinic and clinician", ["clinic", "clinician"]),
        # Spanish, with and without accents:
        ("Su terapia de pareja", ["terapia", "pareja"]),
        ("Cita médica", ["medica"]),
        ("su cuestionario, ansiedad, depresión", ["cuestionario", "ansiedad", "depresion"]),
        ("salud mental", ["salud", "mental"]),
        # Ordinary words that share letters with a short one are not health words:
        ("A gadget, crisp air, Saludos", []),
        ("MC Office reminder: your appointment is Tuesday at 10:00 am", []),
    ],
)
def test_the_health_word_check(text, found):
    assert health_words_in(text) == found


@pytest.mark.parametrize(
    "name", ["Couples Counseling Center", "Clínica de terapia", "OC Wellness", "Rehab Desk"]
)
def test_the_validator_refuses_a_name_with_a_health_word_and_names_it(name):
    with pytest.raises(ValidationError) as caught:
        validate_discreet(name)
    [message] = caught.value.messages
    assert "must not say anything about health or treatment" in message
    assert health_words_in(name)[0] in message


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_calendar_file_is_discreet(db, language):
    from booking.ics import appointment_ics
    from booking.models import Appointment
    from pages.models import SiteSettings

    site = SiteSettings.load()
    start = dt.datetime(2026, 12, 9, 18, 0, tzinfo=dt.UTC)
    appointment = Appointment(
        pk=9,
        start=start,
        end=start + dt.timedelta(minutes=30),
        status=Appointment.Status.CONFIRMED,
        mode="in_person",
        language=language,
    )
    ics = appointment_ics(
        appointment=appointment,
        short_name=site.short_name,
        address="Irvine office, 2nd floor",
        manage_link=REALISTIC_CONTEXT["manage_link"],
        now=start,
    ).decode()
    assert "SUMMARY:MC Office" in ics
    assert scan(ics.replace("\r\n ", "")) == [], ics
    if language == "es":  # the person's language, whatever page the file is fetched from
        unfolded = ics.replace("\r\n ", "").replace("\\,", ",")
        assert "Para ver, cambiar o cancelar" in unfolded and "View" not in unfolded


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


def test_the_default_sender_name_is_neutral_and_not_the_clinic_brand(db):
    from pages.models import SiteSettings

    site = SiteSettings.load()
    assert scan(site.short_name) == []
    assert site.short_name.casefold() not in site.clinic_name.casefold()
    assert site.clinic_name.casefold() not in site.short_name.casefold()


@pytest.mark.parametrize("name", ["Ketamine Couples", "Terapia MC", "moment of clarity"])
def test_a_sender_name_that_says_too_much_is_refused_when_staff_save_it(db, name):
    from pages.models import SiteSettings

    site = SiteSettings.load()
    site.short_name = name
    with pytest.raises(ValidationError) as caught:
        site.full_clean()
    assert "short_name" in caught.value.message_dict
