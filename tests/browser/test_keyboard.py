"""Keyboard only, with JavaScript switched off: the inquiry and a booking, start to finish.

Focus moves with Tab (and arrow keys inside a radio group, as browsers do); choices are made
with Space; forms are sent with Enter. The mouse is never used.
"""

from __future__ import annotations

from django.core.management import call_command

from tests.browser_harness import press_tab_until

from .test_journeys import INQUIRY_STEPS


def _js(value: str) -> str:
    return value.replace("\\", "\\\\").replace("'", "\\'")


def type_into(page, name: str, text: str) -> None:
    press_tab_until(page, f"el.name === '{_js(name)}'")
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose_radio(page, name: str, value: str) -> None:
    press_tab_until(page, f"el.name === '{_js(name)}'")
    for _ in range(12):
        if page.evaluate("document.activeElement.value") == value:
            break
        page.keyboard.press("ArrowDown")
    else:
        raise AssertionError(f"arrow keys never reached {name}={value}")
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def tick(page, name: str, value: str | None = None) -> None:
    condition = f"el.name === '{_js(name)}'"
    if value is not None:
        condition += f" && el.value === '{_js(value)}'"
    press_tab_until(page, condition)
    if not page.evaluate("document.activeElement.checked"):
        page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.checked")


def press_button(page, text: str) -> None:
    press_tab_until(
        page,
        "(el.tagName === 'BUTTON' || (el.tagName === 'INPUT' && el.type === 'submit')) && "
        f"(el.textContent.trim() === '{_js(text)}' || el.value === '{_js(text)}')",
    )
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def follow_link(page, condition: str) -> None:
    press_tab_until(page, f"el.tagName === 'A' && ({condition})", limit=200)
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")


def test_an_inquiry_can_be_completed_with_the_keyboard_alone(open_journey):
    from intake.models import Inquiry

    call_command("load_starter_data", verbosity=0)
    journey = open_journey(javascript=False)
    page = journey.page
    journey.visit("/")
    follow_link(page, "el.textContent.trim() === 'See if this is right for us'")
    for number, answers in enumerate(INQUIRY_STEPS, start=1):
        assert f"Step {number} of {len(INQUIRY_STEPS)}" in page.content()
        for kind, name, value in answers:
            if kind == "text":
                type_into(page, name, value)
            elif kind == "radio":
                choose_radio(page, name, value)
            else:
                tick(page, name, value)
        journey.step(f"keyboard: inquiry step {number}")
        press_button(page, "Send my inquiry" if number == len(INQUIRY_STEPS) else "Continue")
    assert page.locator("h1").inner_text().startswith("Thank you")
    reference = page.locator(".reference-code").inner_text()
    assert Inquiry.objects.filter(reference_code=reference).count() == 1


def test_a_consultation_can_be_booked_with_the_keyboard_alone(open_journey):
    from booking.models import Appointment

    call_command("load_starter_data", verbosity=0)
    journey = open_journey(javascript=False)
    page = journey.page
    journey.visit("/book/")
    follow_link(page, "el.classList.contains('booking-choice')")
    journey.step("keyboard: day")
    follow_link(page, "el.classList.contains('booking-choice')")
    journey.step("keyboard: time")
    press_tab_until(page, "el.name === 'start'")
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    journey.step("keyboard: details")
    type_into(page, "name", "Jordan Keys")
    type_into(page, "email", "jordan@example.com")
    type_into(page, "phone", "949 555 0150")
    if page.locator('input[name="mode"]:not([type=hidden])').count():
        first_mode = page.locator('input[name="mode"]').first.get_attribute("value")
        choose_radio(page, "mode", first_mode)
    tick(page, "email_ok")
    press_button(page, "Continue to review")
    journey.step("keyboard: review")
    assert page.locator("h1").inner_text() == "Review and book", page.locator("main").inner_text()
    button = page.locator("main form button[type=submit]").last.inner_text().strip()
    press_button(page, button)
    assert page.locator("h1").inner_text() in ("You are booked", "Request received")
    appointment = Appointment.objects.get()
    assert appointment.contact_name == "Jordan Keys"
    assert appointment.status in ("confirmed", "requested")
