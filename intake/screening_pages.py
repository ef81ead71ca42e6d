"""What a partner's private screening pages show: pure rules, tested with tables.

A private link sits in a text or an inbox for days, and whoever reads that inbox can open
it. So nothing a later visitor can see may depend on the person's answers: the crisis panel
and the promise of an early call appear only on the page right after the answer that raised
them, once, from a one-time flag in the session of the device that sent it (intake.views);
never from stored results.
"""

from dataclasses import dataclass

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
