"""Intake (issue 5) in a real browser: the inquiry and the first screening sections pass axe
(WCAG A/AA) and 320 px reflow, make no request to another host, and show the crisis panel.

Lives here, not in tests/intake/, so it shares this folder's one Playwright session."""

import pytest

from tests.browser_harness import assert_accessible, assert_fits_narrow_screen

pytestmark = pytest.mark.django_db(transaction=True)


def check_page(journey, label):
    page = journey.page
    assert page.locator("h1").count() == 1, label
    assert "not monitored around the clock" in page.content()
    assert_accessible(page, label)
    assert_fits_narrow_screen(page, label)
    journey.step(label)


def choose(page, name, value):
    page.locator(f'input[name="{name}"][value="{value}"]').check()


def test_a_couple_sends_an_inquiry_and_answers_the_first_sections(journey):
    page = journey.page
    journey.visit("/inquiry/")
    check_page(journey, "step 1")
    page.locator('input[name="contact_name"]').fill("Dana Whitfield")
    page.locator('input[name="contact_email"]').fill("dana@example.com")
    page.locator('input[name="contact_phone"]').fill("(949) 555-0134")
    consent = page.locator('input[name="email_consent"]')
    choose(page, "preferred_contact", "sms")
    assert not consent.is_visible()  # asked only where email is chosen (CSS :has())
    choose(page, "preferred_contact", "email")
    choose(page, "sms_safe", "yes")
    choose(page, "voicemail_ok", "no")
    assert consent.is_visible()
    page.get_by_role("button", name="Continue").click()
    assert "Step 1 of 6" in page.content()  # email chosen without consent to email
    check_page(journey, "step 1 with the consent error")
    assert "You chose email" in page.locator("#error-summary").inner_text()
    page.locator('input[name="email_consent"]').check()
    page.get_by_role("button", name="Continue").click()

    assert "Step 2 of 6" in page.content()
    check_page(journey, "step 2")
    page.locator('input[name="partner_first_name"]').fill("Robin")
    page.locator('input[name="partner_phone"]').fill("12")
    page.get_by_role("button", name="Continue").click()
    assert "Step 2 of 6" in page.content()  # a bad number stays on the step
    check_page(journey, "step 2 with an error")
    page.locator('input[name="partner_phone"]').fill("")
    page.get_by_role("button", name="Continue").click()

    check_page(journey, "step 3")
    choose(page, "both_adults", "yes")
    choose(page, "in_california", "yes")
    page.get_by_role("button", name="Continue").click()

    check_page(journey, "step 4")
    page.locator('input[name="concerns"][value="trust"]').check()
    page.get_by_role("button", name="Continue").click()

    check_page(journey, "step 5")
    choose(page, "medicine_interest", "both")
    choose(page, "session_format", "telehealth")
    choose(page, "payment", "self_pay")
    choose(page, "military_family", "no")
    page.get_by_role("button", name="Continue").click()

    check_page(journey, "step 6")
    page.get_by_role("button", name="Back").click()
    assert "Step 5 of 6" in page.content()
    assert page.locator('input[name="payment"][value="self_pay"]').is_checked()
    page.get_by_role("button", name="Continue").click()
    page.locator('input[name="privacy_acknowledged"]').check()
    assert page.locator('input[name="email_consent"]').count() == 0  # given on step 1
    page.get_by_role("button", name="Send my inquiry").click()

    assert "your inquiry is sent" in page.content()
    check_page(journey, "done")
    page.get_by_role("link", name="Start my questionnaire").click()

    check_page(journey, "PHQ-9")
    for n in range(1, 9):
        choose(page, f"q{n}", "0")
    choose(page, "q9", "1")
    page.get_by_role("button", name="Save and continue").click()

    assert page.get_by_role("alert").filter(has_text="please reach out now").count() == 1
    check_page(journey, "suicide follow-up with the crisis panel")
