"""Booking in Spanish (/es/book/…): Spanish pages, dates and times; the appointment keeps
the person's language, so the confirmation, reminders and calendar file are in Spanish, with
links that open the Spanish pages."""

import re

import pytest
from django.core import mail

from booking.models import Appointment
from notifications.models import Message
from tests.factories import iso_z, pacific

pytestmark = pytest.mark.django_db

WED_10 = pacific(2026, 3, 4, 10)
CONTACT = {
    "name": "Sam",
    "email": "sam@example.com",
    "phone": "949-555-0142",
    "mode": "video",
    "email_ok": "on",
}


def book_in_spanish(client):
    url = "/es/book/couples-consultation/2026-03-04/"
    page = client.get(url)
    html = page.content.decode()
    assert '<html lang="es">' in html and "Elija un horario" in html
    assert "miércoles 4 de marzo de 2026" in html and "10:00 a.\u00a0m." in html
    hold = re.search(r'name="hold_key" value="([^"]+)"', html).group(1)
    response = client.post(url, {"start": iso_z(WED_10), "clinician": "any", "hold_key": hold})
    assert response.status_code == 302 and response.url.startswith("/es/book/")
    details = client.get(response.url).content.decode()
    assert "Sus datos" in details and "Your details" not in details
    response = client.post("/es/book/details/", CONTACT)
    assert response.status_code == 302, response.content.decode()[:2000]
    review = client.get(response.url).content.decode()
    assert "Revisar y reservar" in review and "Por video" in review
    return client.post("/es/book/confirm/")


def test_the_booking_pages_speak_spanish(client, clinicians, frozen_clock):
    start = client.get("/es/book/").content.decode()
    assert "Reservar una consulta" in start and "Paso 1 de 5" in start
    assert "Videollamada o en persona" in start  # a list: no capital after "o"
    assert "Video call or in person" in client.get("/book/").content.decode()
    days = client.get("/es/book/couples-consultation/").content.decode()
    assert "Elija un día" in days and "hora del Pacífico" in days
    assert "Pacific time" not in days and "Choose a day" not in days


def test_a_spanish_booking_is_confirmed_in_spanish(
    client, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = book_in_spanish(client)
    assert response.status_code == 302 and response.url == "/es/book/done/"
    done = client.get(response.url).content.decode()
    assert "Su cita está reservada" in done
    appointment = Appointment.objects.get()
    assert appointment.language == "es"
    confirmation = Message.objects.get(template_key="booking_confirmed")
    assert confirmation.language == "es"
    [email] = [m for m in mail.outbox if "confirmada" in m.subject]
    assert "Su cita está confirmada." in email.body
    assert "miércoles 4 de marzo de 2026, a las 10:00 a.\u00a0m. (hora del Pacífico)" in email.body
    assert "/es/book/manage/" in email.body and "Hello" not in email.body
    # Reminders are stored rendered, in Spanish too.
    for reminder in Message.objects.filter(template_key="booking_reminder"):
        assert reminder.language == "es" and "recordatorio" in reminder.subject.lower()


def test_an_english_booking_still_reads_in_english(client, clinicians, frozen_clock):
    client.get("/es/book/couples-consultation/2026-03-04/")  # Spanish first: nothing sticks
    page = client.get("/book/couples-consultation/2026-03-04/").content.decode()
    assert "Wednesday, March 4, 2026" in page and "10:00 am" in page


@pytest.mark.parametrize("first", ["/book/couples-consultation/", "/es/book/couples-consultation/"])
def test_the_day_and_time_pages_are_kept_per_language(client, clinicians, frozen_clock, first):
    """Whatever language a day or time page was first rendered in, the other gets its own."""
    for path in (first, first + "2026-03-04/"):
        client.get(path)
    for path in ("/book/couples-consultation/", "/book/couples-consultation/2026-03-04/"):
        english = client.get(path).content.decode()
        spanish = client.get("/es" + path).content.decode()
        assert "Pacific time" in english and "hora del Pacífico" not in english, path
        assert "hora del Pacífico" in spanish and "Pacific time" not in spanish, path
