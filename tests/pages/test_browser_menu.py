"""The main menu on phones: one compact row, keyboard-reachable, axe clean, no page scroll."""

import io

import pytest
from django.core.management import call_command

from tests.browser_harness import assert_accessible, assert_fits_narrow_screen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def menu_rows(page) -> int:
    return page.evaluate(
        """() => new Set([...document.querySelectorAll('.nav-links li')]
              .map(li => Math.round(li.getBoundingClientRect().top))).size"""
    )


def test_the_phone_menu_is_one_row_that_the_keyboard_can_reach(journey):
    # Pure CSS: the site sends no script, so this is also how it works without JavaScript
    # (axe itself needs JavaScript to run, hence a JavaScript-enabled browser here).
    call_command("seed_content", stdout=io.StringIO())
    j = journey
    page = j.page
    page.set_viewport_size(PHONE)
    j.visit("/what-it-is/")
    links = page.locator(".nav-links a")
    assert links.count() >= 6
    assert menu_rows(page) == 1
    assert page.locator(".site-nav").bounding_box()["height"] < 64
    assert_accessible(page, "menu at 390 px")

    page.focus(".site-brand")  # then the language switch and the call button, then the menu
    seen = []
    for _ in range(links.count() + 2):
        page.keyboard.press("Tab")
        focused = page.evaluate(
            """() => { const a = document.activeElement, r = a.getBoundingClientRect(),
                       s = getComputedStyle(a);
                       return {inMenu: !!a.closest('.nav-links'), text: a.textContent,
                               left: r.left, right: r.right, outline: s.outlineStyle}; }"""
        )
        if not focused["inMenu"]:
            continue
        seen.append(focused["text"])
        # Scrolled into view and visibly focused, wherever it sits in the row.
        assert focused["left"] >= 0 and focused["right"] <= PHONE["width"], focused
        assert focused["outline"] != "none", focused
    assert seen == links.all_text_contents()
    # And back again with Shift+Tab: each link comes fully into view from the other side too.
    for _ in range(links.count() - 1):
        page.keyboard.press("Shift+Tab")
        box = page.evaluate("document.activeElement.getBoundingClientRect().toJSON()")
        assert box["left"] >= 0 and box["right"] <= PHONE["width"], box
    assert_fits_narrow_screen(page, "menu at 320 px")


def test_the_desktop_menu_is_unchanged_one_row_without_scrolling(journey):
    call_command("seed_content", stdout=io.StringIO())
    journey.visit("/")
    page = journey.page
    assert menu_rows(page) == 1
    assert page.evaluate(
        "(() => { const ul = document.querySelector('.nav-links');"
        " return ul.scrollWidth <= ul.clientWidth; })()"
    )
