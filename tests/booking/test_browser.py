"""The booking flow in a real browser without JavaScript: each page passes axe (WCAG 2.x
A/AA), fits a 320 px screen, has one h1 and asks nothing of any other host."""

from datetime import time

import pytest

from booking.models import Appointment
from tests.browser_harness import assert_accessible, assert_fits_narrow_screen
from tests.factories import ConsultationTypeFactory, clinician_create

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def walk_through_booking(j, *, check):
    """Type → day → time → details → review → book → manage → cancel? → cancel, by clicks."""
    page = j.page
    j.visit("/book/")
    check(j, "type")
    page.get_by_role("link", name="Couples consultation").click()
    check(j, "day")
    page.locator("a.booking-choice").first.click()
    check(j, "time")
    assert "Times are shown in Pacific time" in page.content()
    page.locator("button[name=start]").first.click()
    check(j, "details")
    page.get_by_label("Your name").fill("Sam")
    page.get_by_label("Email address").fill("sam@example.com")
    page.get_by_label("Video call").check()
    page.get_by_label("Email me the confirmation and reminders.").check()
    page.get_by_role("button", name="Continue to review").click()
    check(j, "review")
    page.get_by_role("button", name="Book this time").click()
    check(j, "done")
    assert page.get_by_role("heading", name="You are booked").is_visible()
    page.get_by_role("link", name="View, reschedule or cancel this appointment").click()
    check(j, "manage")
    page.get_by_role("link", name="Cancel this appointment").click()
    check(j, "cancel?")
    assert page.locator("h1").inner_text().startswith("Cancel your appointment on ")
    page.get_by_role("button", name="Yes, cancel it").click()
    check(j, "cancelled")
    assert "This appointment is cancelled" in page.content()
    j.assert_clean()


def checked(j, label):
    assert j.page.locator("h1").count() == 1, label
    assert_accessible(j.page, label)
    assert_fits_narrow_screen(j.page, label)
    j.step(label)


def one_h1(j, label):
    assert j.page.locator("h1").count() == 1, label
    j.step(label)


@pytest.fixture
def clinic(db):
    ctype = ConsultationTypeFactory(couples=True)
    clinician_create("Alex Rivera", [ctype], weekdays=range(7), start=time(9), end=time(17))
    clinician_create("Jordan Lee", [ctype], weekdays=range(7), start=time(9), end=time(17))
    return ctype


def test_booking_works_without_javascript(open_journey, clinic):  # noqa: F811
    walk_through_booking(open_journey(javascript=False), check=one_h1)
    appointment = Appointment.objects.get()
    assert appointment.status == "cancelled" and appointment.cancelled_by == "client"


def test_every_booking_page_is_accessible_and_fits_320px(open_journey, clinic):  # noqa: F811
    walk_through_booking(open_journey(), check=checked)
    assert Appointment.objects.get().status == "cancelled"


def test_the_calendar_is_a_short_week_grid_with_a_first_available_shortcut(open_journey, clinic):  # noqa: F811
    """A phone: weeks of seven days instead of a 3,500 px list; the shortcut and any day lead
    to that day's times (plain links: the page has no script); axe clean with the avatars."""
    from pages.models import TeamMember

    alex = clinic.clinicians.get(display_name="Alex Rivera")
    alex.profile = TeamMember.objects.create(name="Alex Rivera", role="Psychologist")
    alex.save()
    j = open_journey()
    page = j.page
    page.set_viewport_size({"width": 390, "height": 844})
    j.visit(f"/book/{clinic.slug}/")
    assert page.locator("script:not([type='application/ld+json'])").count() == 0
    assert page.locator(".week").count() >= 8  # 60 days ahead
    assert page.locator(".week-days").first.locator("li").count() == 7
    assert page.locator("main").bounding_box()["height"] < 2600
    assert "Alex Rivera, LMFT · Psychologist" in page.locator(".booking-clinicians").inner_text()
    checked(j, "calendar")
    first_label = page.locator(".booking-first strong").inner_text()
    assert first_label == "First available:"
    page.locator(".booking-first a").click()
    assert page.locator("h1").inner_text() == "Choose a time"
    first_day = page.url
    page.go_back()
    page.locator(".week-days a.booking-choice").first.click()
    assert page.url == first_day  # the first open square is the first available day
    checked(j, "times from the calendar")
