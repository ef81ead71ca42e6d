"""What a partner's private screening pages show: pure rules, tested with tables.

A private link sits in a text or an inbox for days, and whoever reads that inbox can open
it. So nothing a later visitor can see may depend on the person's answers: the crisis panel
and the promise of an early call appear only on the page right after the answer that raised
them, once, from a one-time flag in the session of the device that sent it (intake.views);
never from stored results.
"""

from dataclasses import dataclass
from enum import StrEnum

from . import instruments

CRISIS_URGENT = "urgent"
CRISIS_IMMEDIATE = "immediate"
CRISIS_LEVELS = (CRISIS_URGENT, CRISIS_IMMEDIATE)


def crisis_level(*, instrument_key: str, flagged_items) -> str | None:
    """The crisis panel an answer calls for: "immediate", "urgent" or None."""
    if instruments.raises_immediate_danger(instrument_key, flagged_items):
        return CRISIS_IMMEDIATE
    if instruments.raises_urgent(instrument_key, flagged_items):
        return CRISIS_URGENT
    return None


@dataclass(frozen=True)
class FinishedScreeningPage:
    """The page of a finished screening."""

    crisis_panel: str | None  # "urgent" / "immediate" right after a risk answer, else None
    reach_sooner: bool  # "we will try to reach you as early as we can"


def finished_screening_page(*, crisis_flag: str | None) -> FinishedScreeningPage:
    """What a finished screening's page shows. Its only input is the one-time flag of the
    answer just sent (None on every later visit): never the stored answers."""
    level = crisis_flag if crisis_flag in CRISIS_LEVELS else None
    return FinishedScreeningPage(crisis_panel=level, reach_sooner=level is not None)


class ScreeningPage(StrEnum):
    """Which page a private link shows."""

    INVALID = "invalid"  # tampered, expired or revoked link
    ELSEWHERE = "elsewhere"  # bound to another device (a passed-on link, once started)
    CONTACT = "contact"  # the partner's first page: their own contact preferences
    FINISHED = "finished"
    SECTION = "section"  # the next section of questions


def screening_page(
    *, link_valid: bool, open_on_this_device: bool, needs_contact: bool, finished: bool
) -> ScreeningPage:
    """The page a private link opens, in order of precedence."""
    if not link_valid:
        return ScreeningPage.INVALID
    if not open_on_this_device:
        return ScreeningPage.ELSEWHERE
    if needs_contact:
        return ScreeningPage.CONTACT
    return ScreeningPage.FINISHED if finished else ScreeningPage.SECTION


def section_post_is_stale(*, posted_key: str | None, expected_key: str) -> bool:
    """A section posted again (double click, back button, a second tab): the page it was on
    is not the one expected now. It is not saved twice; the visitor sees the next one."""
    return posted_key != expected_key


def binds_to_this_device(*, link_passed_on: bool, already_bound: bool) -> bool:
    """A link the submitter passed on is bound to the first device that answers with it."""
    return link_passed_on and not already_bound


def section_crisis_panel(
    *, instrument_key: str, one_time_flag: str | None, unsaved_risk_items=()
) -> str | None:
    """The crisis panel beside a section's questions.

    An answer raising risk in a section that did not save (another answer missing) shows
    its panel with the errors; otherwise the one-time flag of the answer just saved. The
    suicide-risk follow-up always keeps help next to its questions (they say as much as the
    panel does)."""
    panel = one_time_flag if one_time_flag in CRISIS_LEVELS else None
    if unsaved_risk_items:
        panel = crisis_level(instrument_key=instrument_key, flagged_items=unsaved_risk_items)
    if panel is None and instrument_key == instruments.SUICIDE_FOLLOWUP.key:
        return CRISIS_URGENT
    return panel
