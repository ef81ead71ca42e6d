"""Every public page in a real browser: axe (WCAG 2.x A/AA), 320 px reflow, no other hosts."""

import re
import urllib.request

from django.core.management import call_command

from tests.browser_harness import assert_accessible, assert_fits_narrow_screen

# Public pages that are not in the sitemap (forms are not shared-cached, so not listed there).
FORM_ENTRY_PATHS = ["/inquiry/", "/book/"]


def _sitemap_paths(base_url: str) -> list[str]:
    with urllib.request.urlopen(base_url + "/sitemap.xml", timeout=10) as response:
        xml = response.read().decode()
    return [re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", xml)]


def test_every_public_page_is_accessible_and_fits_a_320px_screen(journey):
    call_command("load_starter_data", verbosity=0)
    paths = list(dict.fromkeys(["/", *_sitemap_paths(journey.base_url), *FORM_ENTRY_PATHS]))
    assert len(paths) >= 8, f"expected the home page, every topic page and the forms: {paths}"
    problems = []
    for path in paths:
        journey.visit(path)
        h1_count = journey.page.locator("h1").count()
        if h1_count != 1:
            problems.append(f"{path}: {h1_count} h1 elements")
        for check in (assert_accessible, assert_fits_narrow_screen):
            try:
                check(journey.page, path)
            except AssertionError as error:
                problems.append(str(error))
    journey.assert_clean()
    assert not problems, "\n\n".join(problems)


def test_the_skip_link_is_the_first_stop_and_moves_focus_to_the_content(journey):
    call_command("load_starter_data", verbosity=0)
    journey.visit("/")
    page = journey.page
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    assert page.evaluate("getComputedStyle(document.activeElement).left") != "-9999px"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_pages_for_a_bad_link_are_accessible_too(journey):
    call_command("load_starter_data", verbosity=0)
    problems = []
    for path, status in [
        ("/no-such-page/", 404),
        ("/inquiry/s/not-a-real-token/", 404),
        ("/book/manage/not-a-real-token/", None),
    ]:
        response = journey.visit(path, expect_status=None)
        if status is not None and response.status != status:
            problems.append(f"{path} answered {response.status}, not {status}")
        if response.status >= 500:
            problems.append(f"{path} answered {response.status}")
        for check in (assert_accessible, assert_fits_narrow_screen):
            try:
                check(journey.page, path)
            except AssertionError as error:
                problems.append(str(error))
    assert not problems, "\n\n".join(problems)
