"""The triage table: every priority, precedence between them, and both partners."""

import pytest

from intake.triage import ResultFlags, triage


def r(role, instrument, *flagged):
    return ResultFlags(role=role, instrument=instrument, flagged_items=tuple(flagged))


CLEAR = [
    r("submitter", "phq9"),
    r("submitter", "relationship_safety"),
    r("submitter", "ketamine_medical"),
    r("partner", "phq9"),
    r("partner", "drug_use"),
]


@pytest.mark.parametrize(
    ("adults", "california", "results", "priority", "reason_fragments"),
    [
        ("yes", "yes", [], "standard", []),
        ("yes", "yes", CLEAR, "standard", []),
        ("yes", "yes", [r("submitter", "phq9", "q9")], "urgent", ["Submitter: PHQ-9 item 9"]),
        ("yes", "yes", [r("partner", "phq9", "q9")], "urgent", ["Partner: PHQ-9 item 9"]),
        ("yes", "yes", [r("partner", "suicide_followup", "plan")], "urgent", ["has a plan"]),
        (
            "yes",
            "yes",
            [r("submitter", "relationship_safety", "feel_safe", "afraid_of_reaction")],
            "urgent",
            ["Submitter: relationship safety"],
        ),
        (
            "yes",
            "yes",
            [r("partner", "ketamine_medical", "pregnancy")],
            "medical_review",
            ["Partner: ketamine medical screen"],
        ),
        (
            "yes",
            "yes",
            [r("submitter", "drug_use", "ketamine_misuse")],
            "medical_review",
            ["ketamine"],
        ),
        (
            "yes",
            "yes",
            [r("partner", "drug_use", "kinds")],
            "medical_review",
            ["Partner: non-prescribed ketamine"],
        ),
        (
            "yes",
            "yes",
            [r("submitter", "drug_use", "treatment")],
            "medical_review",
            ["non-alcohol"],
        ),
        ("no", "yes", CLEAR, "not_eligible", ["18 or older"]),
        ("yes", "no", CLEAR, "not_eligible", ["California"]),
        ("no", "no", [], "not_eligible", ["18 or older", "California"]),
        # Precedence: urgent over medical review over not eligible; all reasons listed.
        (
            "yes",
            "yes",
            [r("submitter", "ketamine_medical", "bipolar"), r("partner", "phq9", "q9")],
            "urgent",
            ["Partner: PHQ-9", "Submitter: ketamine"],
        ),
        (
            "no",
            "yes",
            [r("partner", "relationship_safety", "hurt_threatened_controlled")],
            "urgent",
            ["relationship safety", "18 or older"],
        ),
        (
            "yes",
            "no",
            [r("partner", "ketamine_medical", "medicines")],
            "medical_review",
            ["ketamine medical", "California"],
        ),
        # Positive results on instruments without a triage effect do not change priority.
        ("yes", "yes", [r("submitter", "gad7"), r("partner", "csi4")], "standard", []),
    ],
)
def test_triage_table(adults, california, results, priority, reason_fragments):
    decision = triage(both_adults=adults, in_california=california, results=results)
    assert decision.priority == priority
    joined = " | ".join(decision.reasons)
    for fragment in reason_fragments:
        assert fragment in joined
    if not reason_fragments:
        assert decision.reasons == ()


def test_urgent_reasons_come_first():
    decision = triage(
        both_adults="no",
        in_california="yes",
        results=[r("partner", "ketamine_medical", "bipolar"), r("submitter", "phq9", "q9")],
    )
    assert decision.reasons[0].startswith("Submitter: PHQ-9")
    assert decision.reasons[-1].startswith("Not eligible")
