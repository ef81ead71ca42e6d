"""The rules of a partner's private screening pages (intake.screening_pages), as tables."""

import pytest

from intake.screening_pages import (
    ScreeningPage,
    binds_to_this_device,
    screening_page,
    section_crisis_panel,
    section_post_is_stale,
)

P = ScreeningPage


@pytest.mark.parametrize(
    ("link_valid", "open_here", "needs_contact", "finished", "page"),
    [
        (False, True, False, False, P.INVALID),
        (False, False, True, True, P.INVALID),  # an invalid link says nothing more
        (True, False, False, False, P.ELSEWHERE),
        (True, False, True, True, P.ELSEWHERE),  # another device's screening: nothing of it
        (True, True, True, False, P.CONTACT),  # the partner confirms their contact first
        (True, True, False, True, P.FINISHED),
        (True, True, False, False, P.SECTION),
    ],
)
def test_which_page_a_private_link_opens(link_valid, open_here, needs_contact, finished, page):
    assert (
        screening_page(
            link_valid=link_valid,
            open_on_this_device=open_here,
            needs_contact=needs_contact,
            finished=finished,
        )
        == page
    )


@pytest.mark.parametrize(
    ("posted", "expected", "stale"),
    [
        ("gad7", "gad7", False),
        ("phq9", "gad7", True),  # the section before, posted again (back button, double click)
        (None, "gad7", True),  # no key at all
        ("", "gad7", True),
        ("GAD7", "gad7", True),
    ],
)
def test_which_posted_sections_are_stale(posted, expected, stale):
    assert section_post_is_stale(posted_key=posted, expected_key=expected) is stale


@pytest.mark.parametrize(
    ("passed_on", "bound", "binds"),
    [(True, False, True), (True, True, False), (False, False, False), (False, True, False)],
)
def test_which_answers_bind_a_link_to_this_device(passed_on, bound, binds):
    assert binds_to_this_device(link_passed_on=passed_on, already_bound=bound) is binds


@pytest.mark.parametrize(
    ("instrument", "flag", "unsaved_risk", "panel"),
    [
        ("gad7", None, (), None),
        ("gad7", "urgent", (), "urgent"),  # the answer just saved raised it
        ("gad7", "immediate", (), "immediate"),
        ("gad7", "tampered", (), None),  # only known levels
        ("phq9", None, ("phq9_9",), "urgent"),  # item 9 given in a section that did not save
        ("phq9", "immediate", ("phq9_9",), "urgent"),  # the unsaved answer decides
        ("suicide_followup", None, (), "urgent"),  # help stays beside those questions
        ("suicide_followup", None, ("thoughts_now",), "immediate"),
        ("suicide_followup", "immediate", (), "immediate"),
        ("relationship_safety", None, ("safe",), "urgent"),
        ("drug_use", None, ("ketamine_misuse",), None),  # medical review: no crisis panel
    ],
)
def test_which_crisis_panel_sits_beside_a_section(instrument, flag, unsaved_risk, panel):
    assert (
        section_crisis_panel(
            instrument_key=instrument, one_time_flag=flag, unsaved_risk_items=unsaved_risk
        )
        == panel
    )
