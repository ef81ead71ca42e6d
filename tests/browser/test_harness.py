"""The harness's own guards must be able to fail, or the journeys prove nothing."""

import pytest

from tests.browser_harness import assert_accessible, assert_fits_narrow_screen


def test_a_request_to_another_host_is_blocked_and_recorded(journey):
    journey.page.set_content('<img src="http://cdn.example.invalid/pixel.png" alt="">')
    journey.page.wait_for_load_state("load")
    assert journey.offsite_requests == ["http://cdn.example.invalid/pixel.png"]
    with pytest.raises(AssertionError, match="requests to other hosts"):
        journey.assert_clean()
    journey.offsite_requests.clear()


def test_the_site_itself_makes_no_request_to_another_host(journey):
    journey.visit("/")
    assert journey.offsite_requests == []


def test_axe_reports_a_missing_alt_text(journey):
    journey.visit("/")
    journey.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<img src=\"/static/none.png\">')"
    )
    with pytest.raises(AssertionError, match="image-alt"):
        assert_accessible(journey.page, "home with an unlabelled image")


def test_the_reflow_check_catches_a_too_wide_element(journey):
    journey.visit("/")
    # Set through the CSSOM: an inline style attribute would be (rightly) blocked by the CSP.
    journey.page.evaluate(
        """() => { const d = document.createElement('div'); d.id = 'too-wide';
                   d.style.width = '600px'; d.textContent = 'x';
                   document.querySelector('main').append(d); }"""
    )
    with pytest.raises(AssertionError, match="too-wide"):
        assert_fits_narrow_screen(journey.page, "home with a wide block")


def test_an_inline_style_is_reported_as_a_csp_violation(journey):
    journey.visit("/")
    journey.page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', "
        "'<p style=\"color:red\">inline</p>')"
    )
    journey.page.wait_for_timeout(100)
    with pytest.raises(AssertionError, match="Content Security Policy"):
        journey.assert_clean()
    journey.script_problems.clear()
