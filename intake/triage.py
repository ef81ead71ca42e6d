"""Triage: a pure rule over both partners' flagged results and the eligibility answers.

Precedence (highest first), per CLINICAL.md and issue 5:
1. URGENT — PHQ-9 item 9 > 0, any suicide-risk follow-up "yes", relationship safety positive.
2. MEDICAL REVIEW — any ketamine contraindication answered yes or not sure; past ketamine
   misuse; non-prescribed ketamine in the past 12 months; current treatment for non-alcohol
   substance use.
3. NOT ELIGIBLE — not both 18 or older, or not both in California (kept and answered
   politely).
4. STANDARD — everything else.
Every reason that applies is listed, whatever the priority, so a clinician sees them all.
The screener never rejects anyone: it orders the queue for a person to review.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from . import instruments
from .instruments import FlagEffect

URGENT = "urgent"
MEDICAL_REVIEW = "medical_review"
NOT_ELIGIBLE = "not_eligible"
STANDARD = "standard"

ROLE_LABELS = {"submitter": "Submitter", "partner": "Partner"}

# Why a flagged item matters, in words for clinicians (stored encrypted on the inquiry).
_ITEM_REASONS: dict[tuple[str, str], str] = {
    ("phq9", "q9"): "PHQ-9 item 9 above 0 (thoughts of death or self-harm)",
    ("suicide_followup", "thoughts_now"): "suicide follow-up: thoughts of ending life now",
    ("suicide_followup", "plan"): "suicide follow-up: has a plan",
    ("suicide_followup", "intent"): "suicide follow-up: intent to act",
    ("suicide_followup", "attempt_or_preparation"): (
        "suicide follow-up: attempt or preparation in the past 3 months"
    ),
    ("drug_use", "ketamine_misuse"): "past problems with or misuse of ketamine",
    ("drug_use", "kinds"): "non-prescribed ketamine in the past 12 months",
    ("drug_use", "treatment"): "current treatment for non-alcohol substance use",
}


@dataclass(frozen=True)
class ResultFlags:
    """What triage needs from one stored InstrumentResult."""

    role: str
    instrument: str
    flagged_items: tuple[str, ...]
    # Sent in a section that could not be saved (another answer was missing).
    unsaved: bool = False


@dataclass(frozen=True)
class TriageDecision:
    priority: str
    reasons: tuple[str, ...]


def _reason(result: ResultFlags, item_key: str) -> str:
    reason = _reason_text(result, item_key)
    if result.unsaved:
        reason += " — answered on a page that was not saved (another answer was missing)"
    return reason


def _reason_text(result: ResultFlags, item_key: str) -> str:
    who = ROLE_LABELS.get(result.role, result.role)
    if result.instrument == "relationship_safety":
        return f"{who}: relationship safety screen positive (clinicians only)"
    if result.instrument == "ketamine_medical":
        text = instruments.get("ketamine_medical").item(item_key).text
        return f"{who}: ketamine medical screen yes/not sure — {text}"
    text = _ITEM_REASONS.get((result.instrument, item_key), f"{result.instrument} {item_key}")
    return f"{who}: {text}"


def triage(
    *, both_adults: str, in_california: str, results: Iterable[ResultFlags]
) -> TriageDecision:
    """Priority and reasons for an inquiry. Pure: no database, no clock."""
    urgent: list[str] = []
    medical: list[str] = []
    for result in results:
        if not result.flagged_items:
            continue
        effect = instruments.BY_KEY[result.instrument].flag_effect
        if effect is None:
            continue
        items = (
            result.flagged_items[:1]  # one line for the safety screen, whichever item
            if result.instrument == "relationship_safety"
            else result.flagged_items
        )
        target = urgent if effect == FlagEffect.URGENT else medical
        target.extend(_reason(result, item) for item in items)

    not_eligible: list[str] = []
    if both_adults != "yes":
        not_eligible.append("Not eligible: not both partners 18 or older")
    if in_california != "yes":
        not_eligible.append("Not eligible: not both partners in California")

    if urgent:
        priority = URGENT
    elif medical:
        priority = MEDICAL_REVIEW
    elif not_eligible:
        priority = NOT_ELIGIBLE
    else:
        priority = STANDARD
    return TriageDecision(priority=priority, reasons=tuple(urgent + medical + not_eligible))
