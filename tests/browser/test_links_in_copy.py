"""Issue 13 item 8 in a real browser: the FAQ's answers, opened, pass axe with their links,
and a link in an answer leads to the page it names."""

from django.core.management import call_command

from tests.browser_harness import assert_accessible


def test_the_open_faq_with_its_links_is_accessible_and_the_links_lead_on(journey):
    call_command("load_starter_data", verbosity=0)
    journey.visit("/key-takeaways-and-faq/")
    page = journey.page
    page.evaluate("document.querySelectorAll('details.faq-entry').forEach(d => d.open = true)")
    assert page.locator("details.faq-entry a[href='/privacy/']").is_visible()
    assert_accessible(page, "FAQ with every answer open")
    page.locator("details.faq-entry a[href='/privacy/']").click()
    page.wait_for_url("**/privacy/")
    assert page.locator("h1").inner_text() == "Privacy notice"
    journey.assert_clean()
