"""Whole journeys in a real browser, as the people who use the site take them.

Each journey checks axe (WCAG 2.x A/AA) on every form step and on each step's error state,
fails on any request to another host or any CSP violation (tests/browser_harness.py), and
keeps screenshots of its key steps for test-artifacts/ when it fails.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote

import icalendar
from django.core.management import call_command

from tests.browser_harness import (
    LOW_RISK_CHOICE,
    Journey,
    assert_accessible,
    assert_fits_narrow_screen,
    choice_input,
    fill_step,
    inquiry_steps,
    submit,
    url_path,
)

INQUIRY_STEPS = inquiry_steps(
    name="Dana Whitfield", email="dana@example.com", partner="Robin", concern="trust"
)

# Words that must never appear in a calendar file (CLINICAL.md: messages that leave the clinic).
HEALTH_WORDS = re.compile(
    r"ketamine|therap|psychiat|depress|anxiety|ptsd|screening|medicine|couples|robin",
    re.IGNORECASE,
)


def check_page(journey: Journey, label: str) -> None:
    """A form page or its error state: one h1, axe clean, fits 320 px; screenshot kept."""
    assert journey.page.locator("h1").count() == 1, f"{label}: not exactly one h1"
    assert_accessible(journey.page, label)
    assert_fits_narrow_screen(journey.page, label)
    journey.step(label)


def check_staff_page(journey: Journey, label: str) -> None:
    """Staff pages (Django admin's layout): axe clean for WCAG 2.0/2.1/2.2 A and AA.

    Django admin's stock controls (sort toggles, log-out button, filter links) are padded to
    the 24 px target size of WCAG 2.2 (2.5.8) in staff/static/staff/admin.css.
    """
    assert_accessible(journey.page, label)
    journey.step(label)


def check_error_state(journey: Journey, label: str) -> None:
    page = journey.page
    # A message next to the field, tied to it for screen readers.
    assert page.locator('[aria-invalid="true"]').count() >= 1, f"{label}: no invalid field"
    messages = page.locator(".invalid-feedback, .errorlist, [id^=error_]")
    assert messages.count() >= 1, f"{label}: no message next to a field"
    if page.locator("#error-summary").count():
        # The summary at the top: focused on load, "Error:" in the title, every link leads
        # to its field.
        assert page.title().startswith("Error: "), f"{label}: {page.title()}"
        assert page.evaluate("document.activeElement.id") == "error-summary", label
        for href in page.locator("#error-summary a").evaluate_all("els => els.map(a => a.hash)"):
            assert page.locator(href).count() == 1, f"{label}: {href} leads nowhere"
    check_page(journey, label)


def send_inquiry(journey: Journey, *, check_each_step: bool) -> dict:
    """Walk the six inquiry steps from /inquiry/; return the links on the 'sent' page."""
    page = journey.page
    if "/inquiry/" not in page.url:
        journey.visit("/inquiry/")
    for number, answers in enumerate(INQUIRY_STEPS, start=1):
        last = number == len(INQUIRY_STEPS)
        button = "Send my inquiry" if last else "Continue"
        assert f"Step {number} of {len(INQUIRY_STEPS)}" in page.content()
        if check_each_step:
            check_page(journey, f"inquiry step {number}")
            submit(page, button)  # nothing filled in: the step's error state
            assert f"Step {number} of {len(INQUIRY_STEPS)}" in page.content()
            check_error_state(journey, f"inquiry step {number} with errors")
        fill_step(page, answers)
        submit(page, button)
    assert page.locator("h1").inner_text().startswith("Thank you")
    if check_each_step:
        check_page(journey, "inquiry sent")
    return {
        "reference": page.locator(".reference-code").inner_text(),
        "submitter_link": page.get_by_role("link", name="Start my questionnaire").get_attribute(
            "href"
        ),
        "partner_link": page.locator("#partner-link").input_value().strip(),
        "booking_link": page.locator('main a[href*="inquiry="]').first.get_attribute("href"),
    }


def answer_screening(
    journey: Journey, *, check_each_section: bool, overrides: dict | None = None
) -> list[str]:
    """Answer every section of a private screening (low-risk answers unless overridden).

    Returns the headings of the sections in the order they were shown.
    """
    page = journey.page
    seen = []
    for _ in range(15):
        if page.locator("main form").count() == 0 or "Section " not in page.content():
            return seen
        section = page.locator("main h2").first.inner_text()
        seen.append(section)
        if check_each_section:
            check_page(journey, f"screening: {section}")
            submit(page, "Save and continue")  # nothing chosen: the section's error state
            check_error_state(journey, f"screening: {section} with errors")
        choices = page.evaluate(LOW_RISK_CHOICE)
        choices.update({k: v for k, v in (overrides or {}).items() if k in choices})
        for name, value in choices.items():
            choice_input(page, name, value).check()
        submit(page, "Save and continue")
    raise AssertionError(f"the screening never finished: {seen}")


# --- the couple -------------------------------------------------------------------------
def test_a_couple_reads_inquires_screens_books_and_downloads_the_calendar_file(journey):
    from booking.models import Appointment
    from intake.models import Inquiry

    call_command("load_starter_data", verbosity=0)
    page = journey.page

    journey.visit("/")
    journey.step("home")
    topic_link = page.locator("header nav a[href^='/']:not(.site-brand)").first
    topic_title = topic_link.inner_text()
    with page.expect_navigation():
        topic_link.click()
    assert page.locator("h1").count() == 1
    journey.step(f"topic: {topic_title}")

    with page.expect_navigation():
        page.locator("main").get_by_role("link", name="See if this is right for us").first.click()
    links = send_inquiry(journey, check_each_step=True)

    # The submitter's own private screening.
    journey.visit(url_path(links["submitter_link"]))
    sections = answer_screening(journey, check_each_section=True)
    assert len(sections) >= 7, sections
    check_page(journey, "screening finished")

    # Book a consultation from the inquiry.
    journey.visit(url_path(links["booking_link"]))
    check_page(journey, "booking: kind of appointment")
    with page.expect_navigation():
        page.locator("a.booking-choice").first.click()
    check_page(journey, "booking: day")
    with page.expect_navigation():
        page.locator("a.booking-choice").first.click()
    check_page(journey, "booking: time")

    # A time that is not on offer (a tampered button): the time page's error state.
    page.locator("form.booking-times button[name=start]").first.evaluate(
        "b => { b.value = '2001-01-01T09:00:00+00:00'; }"
    )
    with page.expect_navigation():
        page.locator("form.booking-times button[name=start]").first.click()
    assert page.locator("#time-error, [role=alert]").count() >= 1, "no message for a bad time"
    check_page(journey, "booking: time with an error")
    first_time = page.locator("form.booking-times button[name=start]").first
    chosen_label = first_time.inner_text()
    with page.expect_navigation():
        first_time.click()

    check_page(journey, "booking: details")
    assert page.locator('[name="name"]').input_value() == "Dana Whitfield"  # from the inquiry
    page.locator('[name="name"]').fill("")
    page.locator('[name="email"]').fill("not an email")
    submit(page, "Continue to review")
    check_error_state(journey, "booking: details with errors")
    page.locator('[name="name"]').fill("Dana Whitfield")
    page.locator('[name="email"]').fill("dana@example.com")
    email_ok = page.locator('[name="email_ok"]')
    if email_ok.count() and not email_ok.is_checked():
        email_ok.check()
    submit(page, "Continue to review")

    check_page(journey, "booking: review")
    assert chosen_label in page.locator("main").inner_text()
    button = page.locator("main form button[type=submit]").last
    with page.expect_navigation():
        button.click()

    check_page(journey, "booking: confirmation")
    heading = page.locator("h1").inner_text()
    assert heading in ("You are booked", "Request received")
    assert "Pacific" in page.locator("main").inner_text()
    with page.expect_download() as download_info:
        page.get_by_role("link", name=re.compile("Add to your calendar")).click()
    with open(download_info.value.path(), encoding="utf-8") as ics_file:
        ics_text = ics_file.read()
    calendar = icalendar.Calendar.from_ical(ics_text)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    assert len(events) == 1
    assert not HEALTH_WORDS.search(ics_text), "the calendar file says too much"

    inquiry = Inquiry.objects.get(reference_code=links["reference"])
    appointment = Appointment.objects.get(inquiry=inquiry)
    assert events[0].decoded("dtstart") == appointment.start
    assert inquiry.status == Inquiry.Status.CONSULTATION_BOOKED


# --- the partner, privately; an answer that shows risk --------------------------------------
def test_the_partner_answers_on_their_own_link_and_an_at_risk_answer_brings_the_crisis_panel(
    open_journey,
):
    from intake.models import Inquiry

    call_command("load_starter_data", verbosity=0)
    submitter = open_journey()
    submitter.page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    links = send_inquiry(submitter, check_each_step=False)

    # The hand-off: the partner's link in a field, with "Copy link" and a discreet text.
    page = submitter.page
    sms = page.get_by_role("link", name="Send by text message").get_attribute("href")
    assert sms.startswith("sms:?&body=Here%20is%20the%20private%20link")
    assert quote(links["partner_link"], safe="") in sms or quote(links["partner_link"]) in sms
    for word in ("ketamine", "therapy", "clinic", "Clarity", "health"):
        assert word.lower() not in unquote(sms).lower().split("/inquiry/")[0], word
    box = page.locator("[data-share-box]").filter(has=page.locator("#partner-link"))
    box.get_by_role("button", name="Copy link").click()
    expect_status = box.locator(".share-status")
    expect_status.filter(has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == links["partner_link"]
    check_page(submitter, "done page: link copied")

    submitter.visit(url_path(links["submitter_link"]))
    answer_screening(submitter, check_each_section=False)
    own_page_before = submitter.page.locator("main").inner_text()

    # The partner, on their own phone.
    partner = open_journey()
    partner.visit(url_path(links["partner_link"]))
    page = partner.page
    # First, their own contact preferences and consent (issue 12): nothing was texted.
    assert "how may we contact you?" in page.locator("h1").inner_text()
    check_page(partner, "partner: own contact preferences")
    submit(page, "Save and start my questionnaire")
    check_page(partner, "partner: own contact preferences, with the errors")
    choice_input(page, "preferred_contact", "phone").check()
    page.locator('input[name="phone"]').fill("949-555-0177")
    choice_input(page, "sms_safe", "no").check()
    choice_input(page, "voicemail_ok", "no").check()
    submit(page, "Save and start my questionnaire")
    assert "Section 1 of" in page.content()
    # A welcome: who invited them (first name only), how long, that their answers are private.
    welcome = page.locator("section", has=page.locator("#welcome-heading")).inner_text()
    assert "Welcome, Robin" in welcome
    assert "Dana asked" in welcome and "Dana will not see them" in welcome
    assert "10 to 15 minutes" in welcome
    main_text = page.locator("main").inner_text()
    assert "Whitfield" not in main_text  # nothing more of the other partner
    assert main_text.count("Dana") == 2
    check_page(partner, "partner: welcome and first section")
    submit(page, "Save and continue")  # nothing answered: the error summary takes focus
    assert "Welcome, Robin" not in page.content()
    check_error_state(partner, "partner: first section with errors")
    choices = page.evaluate(LOW_RISK_CHOICE)
    choices["q9"] = "1"  # thoughts of being better off dead: several days
    for name, value in choices.items():
        choice_input(page, name, value).check()
    submit(page, "Save and continue")

    crisis = page.get_by_role("alert").filter(has_text="988")
    assert crisis.count() == 1, "no crisis panel on the page after the at-risk answer"
    assert crisis.first.is_visible()
    panel_text = crisis.first.inner_text()
    for number in ("911", "988", "741741"):
        assert number in panel_text, f"{number} is missing from the crisis panel"
    check_page(partner, "partner: crisis panel on the next page")
    answer_screening(partner, check_each_section=False)
    assert Inquiry.objects.get(reference_code=links["reference"]).priority == "urgent"

    # The first partner's link shows nothing of the partner's answers, or that they finished.
    submitter.visit(url_path(links["submitter_link"]))
    assert submitter.page.locator("main").inner_text() == own_page_before
    assert "Robin" not in own_page_before
    # ...and the partner's link, once in use on the partner's phone, does not open for them.
    response = submitter.visit(url_path(links["partner_link"]), expect_status=403)
    assert response is not None
    assert submitter.page.locator("h1").count() == 1
    assert "Section" not in submitter.page.locator("main").inner_text()
    check_page(submitter, "the partner's link opened on another device")


# --- the front desk -----------------------------------------------------------------------
def _inquiry_via_service(name: str, token: str):
    from intake.services import PartnerContact, inquiry_submit
    from tests.factories import submission_build

    inquiry, _ = inquiry_submit(
        data=submission_build(
            contact_name=name,
            contact_email=f"{token}@example.com",
            contact_phone="+19495550177",
            partner=PartnerContact(first_name="Sam"),
            concerns=["communication"],
        ),
        submission_token=token,
    )
    return inquiry


def _answer_phq9_with_item9(inquiry) -> None:
    from intake import instruments
    from intake.models import PartnerScreening
    from intake.services import screening_section_submit

    phq9 = instruments.get("phq9")
    answers = {item.key: item.options[0].value for item in phq9.items}
    answers["q9"] = "1"
    screening_section_submit(
        screening=PartnerScreening.objects.get(
            inquiry=inquiry, role=PartnerScreening.Role.SUBMITTER
        ),
        instrument_key="phq9",
        answers=answers,
    )


def test_staff_sign_in_with_a_code_find_the_urgent_inquiry_first_and_the_view_is_audited(
    journey, settings
):
    from django.contrib.auth.models import Group, User
    from django_otp.oath import totp
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from intake.models import Inquiry
    from staff.models import AuditEntry
    from staff.roles import FRONT_DESK, role_permissions_sync

    settings.STAFF_REQUIRE_2FA = True  # as in production
    role_permissions_sync()
    user = User.objects.create_user(
        username="frontdesk", password="a-long-staff-password-1", is_staff=True
    )
    user.groups.add(Group.objects.get(name=FRONT_DESK))
    device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)

    oldest = _inquiry_via_service("Avery Older", "bench-older")
    urgent = _inquiry_via_service("Blake Urgent", "bench-urgent")
    _answer_phq9_with_item9(urgent)
    _inquiry_via_service("Casey Newer", "bench-newer")
    urgent.refresh_from_db()
    assert urgent.priority == Inquiry.Priority.URGENT
    assert oldest.created_at < urgent.created_at

    page = journey.page
    queue_path = "/admin/intake/inquiry/"
    journey.visit(queue_path)
    assert "/login/" in page.url
    check_staff_page(journey, "staff: sign-in")
    page.locator('[name="username"]').fill("frontdesk")
    page.locator('[name="password"]').fill("a-long-staff-password-1")
    with page.expect_navigation():
        page.locator('input[type="submit"], button[type="submit"]').first.click()
    assert "/two-factor/" in page.url, f"no second step after the password: {page.url}"
    check_staff_page(journey, "staff: second step")

    # The password alone does not open the queue.
    journey.visit(queue_path)
    assert "/two-factor/" in page.url, page.url

    def current_code() -> int:
        return totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)

    page.locator('[name="token"]').fill(f"{(current_code() + 1) % 10**device.digits:06d}")
    with page.expect_navigation():
        page.locator('input[type="submit"][value="Continue"]').click()
    assert "/two-factor/" in page.url, "a wrong code was accepted"
    assert page.locator('[aria-invalid="true"], .errorlist').count() >= 1
    check_staff_page(journey, "staff: second step, wrong code")
    # django-otp throttles after a wrong code (1 s after the first); a person waits too.
    page.wait_for_timeout(1500)
    device.refresh_from_db()
    page.locator('[name="token"]').fill(f"{current_code():06d}")
    with page.expect_navigation():
        page.locator('input[type="submit"][value="Continue"]').click()
    assert "/two-factor/" not in page.url and "/login/" not in page.url, page.url
    journey.step("signed in")

    journey.visit(queue_path)
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 3
    assert urgent.reference_code in rows.first.inner_text(), rows.first.inner_text()
    check_staff_page(journey, "staff: the queue")
    with page.expect_navigation():
        rows.first.get_by_role("link", name=urgent.reference_code).click()
    assert urgent.reference_code in page.locator("#content").inner_text()
    check_staff_page(journey, "staff: inquiry detail")

    views = AuditEntry.objects.for_object(urgent).filter(action="view", user=user)
    assert views.count() == 1
    assert not AuditEntry.objects.for_object(oldest).filter(action="view").exists()


# --- booking: a time taken a moment before; changing and cancelling -------------------------
def _day_at_least_days_ahead(page, days: int):
    """The first day link at least `days` days ahead (changes close 24 h before a visit)."""
    import datetime as dt

    earliest = dt.date.today() + dt.timedelta(days=days)
    for link in page.locator("a.booking-choice").all():
        found = re.search(r"/(\d{4}-\d{2}-\d{2})/", link.get_attribute("href"))
        if found and dt.date.fromisoformat(found.group(1)) >= earliest:
            return link
    raise AssertionError(f"no open day {days} or more days ahead")


def test_a_time_taken_a_moment_before_then_rescheduling_and_cancelling(open_journey):
    import datetime as dt

    from booking.models import Appointment, Clinician, ConsultationType

    call_command("load_starter_data", verbosity=0)
    consultation = ConsultationType.objects.filter(is_active=True).order_by("pk").first()
    clinician = Clinician.objects.filter(is_active=True, consultation_types=consultation).first()
    days_path = f"/book/{consultation.slug}/?clinician={clinician.pk}"

    first, second = open_journey(), open_journey()
    for person in (first, second):
        person.visit(days_path)
        with person.page.expect_navigation():
            _day_at_least_days_ahead(person.page, 3).click()
    # Both look at the same times; the first person picks one a moment before the second.
    wanted = first.page.locator("form.booking-times button[name=start]").first
    wanted_value = wanted.get_attribute("value")
    with first.page.expect_navigation():
        wanted.click()
    assert first.page.locator("h1").inner_text() == "Your details"
    same = second.page.locator(f'form.booking-times button[value="{wanted_value}"]')
    with second.page.expect_navigation():
        same.click()
    assert second.page.locator("h1").inner_text() == "That time was just taken"
    check_page(second, "booking: time just taken (409)")

    # The first person books, then changes the time from the manage page.
    page = first.page
    page.locator('[name="name"]').fill("Lee Manage")
    page.locator('[name="email"]').fill("lee@example.com")
    page.locator('[name="phone"]').fill("949-555-0188")
    page.locator('[name="email_ok"]').check()
    submit(page, "Continue to review")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").last.click()
    manage_path = url_path(
        page.get_by_role("link", name=re.compile("View, reschedule or cancel")).get_attribute(
            "href"
        )
    )
    first.visit(manage_path)
    check_page(first, "manage: the appointment")
    with page.expect_navigation():
        page.get_by_role("link", name="Choose a different time").click()
    check_page(first, "manage: a new day")
    with page.expect_navigation():
        _day_at_least_days_ahead(page, 4).click()
    check_page(first, "manage: a new time")
    new_time = page.locator("form.booking-times button[name=start]").first
    new_value = new_time.get_attribute("value")
    with page.expect_navigation():
        new_time.click()
    check_page(first, "manage: review the new time")
    with page.expect_navigation():
        page.get_by_role("button", name="Move my appointment").click()
    appointment = Appointment.objects.filter(status__in=["confirmed", "requested"]).get()
    assert appointment.start == dt.datetime.fromisoformat(new_value), "not moved to the new time"
    check_page(first, "manage: after rescheduling")

    with page.expect_navigation():
        page.get_by_role("link", name="Cancel this appointment").click()
    check_page(first, "manage: cancel?")
    with page.expect_navigation():
        page.get_by_role("button", name="Yes, cancel it").click()
    appointment.refresh_from_db()
    assert appointment.status == "cancelled"
    assert "cancelled" in page.locator("main").inner_text().lower()
    check_page(first, "manage: cancelled")
