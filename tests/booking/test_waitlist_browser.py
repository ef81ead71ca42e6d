"""The waitlist in a real browser: join from the day page, receive the offer in the outbox,
book from its link. Every page passes axe (WCAG 2.x A/AA), fits 320 px, has one h1 and asks
nothing of any other host."""

from datetime import time, timedelta
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from booking import services, waitlist_services
from booking.models import Appointment, WaitlistEntry, WaitlistOffer
from booking.services import ContactDetails
from clinic_site import clock
from notifications.models import Message
from tests.browser_harness import assert_accessible, assert_fits_narrow_screen
from tests.factories import ConsultationTypeFactory, clinician_create

from .test_waitlist import book

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(j, label):
    assert j.page.locator("h1").count() == 1, label
    assert_accessible(j.page, label)
    assert_fits_narrow_screen(j.page, label)
    j.step(label)


@pytest.fixture
def fully_booked_wednesday(settings):
    """Alex works Wednesdays 9–11 and both mornings are booked; it is Monday noon."""
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    ctype = ConsultationTypeFactory(couples=True)
    alex = clinician_create("Alex Rivera", [ctype], weekdays=[2], start=time(9), end=time(11))
    now = timezone.now()
    days_to_wednesday = (2 - now.weekday()) % 7 + 7  # next week's Wednesday
    wednesday = clock.local(now + timedelta(days=days_to_wednesday))
    nine = wednesday.replace(hour=9, minute=0, second=0, microsecond=0)
    ten = nine + timedelta(hours=1)
    first = book(ctype, alex, nine, key="a" * 20)
    book(ctype, alex, ten, key="b" * 20)
    return ctype, first


def offer_link_path() -> str:
    (message,) = Message.objects.filter(template_key="waitlist_offer")
    link = next(word for word in message.body.split() if "/book/offer/" in word)
    return urlsplit(link).path


def daytime():
    """Messages are not sent in quiet hours; run the journey at a Pacific mid-morning."""
    now = clock.local(timezone.now())
    return now.replace(hour=10, minute=0) if not 8 <= now.hour < 19 else now


def test_join_receive_the_offer_and_book_it(open_journey, fully_booked_wednesday):  # noqa: F811
    ctype, first_booking = fully_booked_wednesday
    with time_machine.travel(daytime(), tick=True):
        j = open_journey()
        page = j.page
        j.visit(f"/book/{ctype.slug}/")
        checked(j, "days: nothing open")
        page.get_by_role("link", name="Ask to be told when a time opens").click()
        checked(j, "waitlist form")
        page.get_by_role("button", name="Add me to the list").click()
        checked(j, "waitlist form with errors")
        assert "Choose at least one day." in page.content()
        page.get_by_label("Wednesday").check()
        page.get_by_label("Morning (before noon)").check()
        page.get_by_label("Your name").fill("Sam")
        page.get_by_label("Email address").fill("sam@example.com")
        page.get_by_label("Email me when a time opens, and about my appointment.").check()
        page.get_by_role("button", name="Add me to the list").click()
        checked(j, "on the list")
        assert page.get_by_role("heading", name="You are on our list").is_visible()
        entry = WaitlistEntry.objects.get()
        assert entry.windows == ["2:morning"]

        services.appointment_cancel(appointment=first_booking, by="staff", enforce_cutoff=False)
        offer = WaitlistOffer.objects.get()
        assert offer.entry_id == entry.pk and offer.status == "sent"

        j.visit(offer_link_path())
        checked(j, "offer")
        assert page.get_by_role("heading", name="A time is held for you").is_visible()
        page.get_by_label("Video call").check()
        page.get_by_role("button", name="Book this time").click()
        checked(j, "booked")
        assert page.get_by_role("heading", name="You are booked").is_visible()
        j.assert_clean()
    booked = Appointment.objects.get(pk=offer.appointment_id)
    assert booked.status == "confirmed" and booked.contact_email == "sam@example.com"
    assert booked.mode == "video"


def test_an_ended_offer_and_passing_on_read_kindly(open_journey, fully_booked_wednesday):  # noqa: F811
    ctype, first_booking = fully_booked_wednesday
    with time_machine.travel(daytime(), tick=True) as clock:
        for n in (1, 2):
            waitlist_services.waitlist_join(
                request=waitlist_services.WaitlistRequest(
                    consultation_type=ctype,
                    clinicians=[],
                    windows=["2:morning"],
                    valid_until=first_booking.start.date() + timedelta(days=7),
                ),
                contact=ContactDetails(
                    name=f"P{n}",
                    email=f"p{n}@example.com",
                    phone="",
                    email_ok=True,
                    sms_ok=False,
                    voicemail_ok=False,
                ),
            )
        services.appointment_cancel(appointment=first_booking, by="staff", enforce_cutoff=False)
        j = open_journey()
        j.visit(offer_link_path())
        j.page.get_by_role("button", name="Pass this time on").click()
        checked(j, "passed on")
        assert "we passed the time on" in j.page.content()
        second = WaitlistOffer.objects.get(status="sent")
        Message.objects.filter(template_key="waitlist_offer").exclude(object_id=second.pk).delete()
        clock.shift(timedelta(minutes=31))
        j.visit(offer_link_path(), expect_status=410)
        checked(j, "offer ended")
        assert j.page.get_by_role("heading", name="This time is no longer held").is_visible()
        j.assert_clean()
