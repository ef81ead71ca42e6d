"""Scoring vectors for every instrument, including every band edge and cut-off."""

import pytest
from django.test import override_settings

from intake import instruments
from intake.instruments import InvalidAnswers, score


def spread(total: int, keys: list[str], max_per_item: int) -> dict[str, str]:
    """Answers for `keys` summing to `total`, filling items in order."""
    answers = {}
    left = total
    for key in keys:
        value = min(max_per_item, left)
        answers[key] = str(value)
        left -= value
    assert left == 0, "total out of reach"
    return answers


def phq9_answers(total: int, *, q9: int = 0) -> dict[str, str]:
    answers = spread(total - q9, [f"q{n}" for n in range(1, 9)], 3)
    answers["q9"] = str(q9)
    return answers


@pytest.mark.parametrize(
    ("total", "band", "positive"),
    [
        (0, "minimal", False),
        (4, "minimal", False),
        (5, "mild", False),
        (9, "mild", False),
        (10, "moderate", True),
        (14, "moderate", True),
        (15, "moderately_severe", True),
        (19, "moderately_severe", True),
        (20, "severe", True),
        (24, "severe", True),
    ],
)
def test_phq9_bands(total, band, positive):
    result = score(instruments.PHQ9, phq9_answers(total))
    assert (result.total, result.band, result.positive) == (total, band, positive)
    assert result.flagged_items == []


def test_phq9_maximum_is_27_and_severe_with_item_9_flagged():
    result = score(instruments.PHQ9, phq9_answers(27, q9=3))
    assert (result.total, result.band, result.flagged_items) == (27, "severe", ["q9"])


@pytest.mark.parametrize(("q9", "flagged"), [(0, []), (1, ["q9"]), (2, ["q9"]), (3, ["q9"])])
def test_phq9_item_9_above_zero_is_flagged_whatever_the_total(q9, flagged):
    result = score(instruments.PHQ9, phq9_answers(q9, q9=q9))
    assert result.flagged_items == flagged
    assert result.band == "minimal"
    assert instruments.raises_urgent("phq9", result.flagged_items) is bool(flagged)


def test_phq9_difficulty_item_is_optional_and_unscored():
    answers = phq9_answers(6)
    without = score(instruments.PHQ9, answers)
    with_difficulty = score(instruments.PHQ9, {**answers, "difficulty": "extremely"})
    assert without.total == with_difficulty.total == 6
    assert with_difficulty.answers["difficulty"] == "extremely"


@pytest.mark.parametrize(
    ("answers", "bad_key"),
    [
        ({**phq9_answers(0), "q1": "4"}, "q1"),  # out of range
        ({**phq9_answers(0), "q1": "-1"}, "q1"),
        ({**phq9_answers(0), "q2": "often"}, "q2"),
        ({k: v for k, v in phq9_answers(0).items() if k != "q5"}, "q5"),  # missing
        ({**phq9_answers(0), "q10": "1"}, "q10"),  # not a question
        ({**phq9_answers(0), "difficulty": "unbearable"}, "difficulty"),
    ],
)
def test_phq9_rejects_missing_unknown_and_out_of_range_answers(answers, bad_key):
    with pytest.raises(InvalidAnswers) as excinfo:
        score(instruments.PHQ9, answers)
    assert bad_key in excinfo.value.errors


@pytest.mark.parametrize(
    ("total", "band", "positive"),
    [
        (0, "minimal", False),
        (4, "minimal", False),
        (5, "mild", False),
        (9, "mild", False),
        (10, "moderate", True),
        (14, "moderate", True),
        (15, "severe", True),
        (21, "severe", True),
    ],
)
def test_gad7_bands(total, band, positive):
    answers = spread(total, [f"q{n}" for n in range(1, 8)], 3)
    result = score(instruments.GAD7, answers)
    assert (result.total, result.band, result.positive) == (total, band, positive)


def test_gad7_rejects_out_of_range():
    with pytest.raises(InvalidAnswers):
        score(instruments.GAD7, {**spread(0, [f"q{n}" for n in range(1, 8)], 3), "q7": "9"})


def pcptsd5(gate: str, yes_count: int = 0) -> dict[str, str]:
    answers = {"gate": gate}
    for n in range(1, 6):
        answers[f"q{n}"] = "yes" if n <= yes_count else "no"
    return answers


@pytest.mark.parametrize(
    ("cutoff", "gate", "yes_count", "total", "positive"),
    [
        (3, "no", 5, 0, False),  # gate "no" scores 0 even if items were ticked
        (3, "yes", 0, 0, False),
        (3, "yes", 2, 2, False),
        (3, "yes", 3, 3, True),
        (3, "yes", 5, 5, True),
        (4, "yes", 3, 3, False),  # Bovin 2021 cut-off as a setting
        (4, "yes", 4, 4, True),
    ],
)
def test_pcptsd5_gate_and_cutoff_setting(cutoff, gate, yes_count, total, positive):
    with override_settings(PC_PTSD5_CUTOFF=cutoff):
        result = score(instruments.PCPTSD5, pcptsd5(gate, yes_count))
    assert (result.total, result.positive) == (total, positive)
    assert result.band == ("positive" if positive else "negative")
    if gate == "no":
        assert result.answers == {"gate": "no"}


def test_pcptsd5_gate_yes_needs_every_item():
    answers = pcptsd5("yes", 3)
    del answers["q4"]
    with pytest.raises(InvalidAnswers) as excinfo:
        score(instruments.PCPTSD5, answers)
    assert list(excinfo.value.errors) == ["q4"]


def auditc(total: int, sex: str | None) -> dict[str, str]:
    answers = spread(total, ["q1", "q2", "q3"], 4)
    if sex is not None:
        answers["sex_at_birth"] = sex
    return answers


@pytest.mark.parametrize(
    ("sex", "total", "positive"),
    [
        ("male", 3, False),
        ("male", 4, True),
        ("female", 2, False),
        ("female", 3, True),
        ("", 2, False),  # "prefer not to say" → cut-off 3
        ("", 3, True),
        (None, 2, False),  # not answered → cut-off 3
        (None, 3, True),
        ("male", 0, False),
        ("female", 12, True),
    ],
)
def test_auditc_sex_specific_cutoffs(sex, total, positive):
    result = score(instruments.AUDITC, auditc(total, sex))
    assert (result.total, result.positive) == (total, positive)
    assert result.band == ("positive" if positive else "negative")


@pytest.mark.parametrize(("sex", "cutoff"), [("male", 4), ("female", 3), ("", 3)])
def test_auditc_cutoff_table(sex, cutoff):
    assert instruments.auditc_cutoff(sex) == cutoff


def test_auditc_rejects_out_of_range_and_unknown_sex():
    with pytest.raises(InvalidAnswers):
        score(instruments.AUDITC, {**auditc(0, None), "q2": "5"})
    with pytest.raises(InvalidAnswers):
        score(instruments.AUDITC, auditc(0, "other-value"))


def drug(any_use="no", kinds=None, ketamine_misuse="no", treatment="never"):
    answers = {"any_use": any_use, "ketamine_misuse": ketamine_misuse, "treatment": treatment}
    if kinds is not None:
        answers["kinds"] = kinds
    return answers


@pytest.mark.parametrize(
    ("answers", "flagged"),
    [
        (drug(), []),
        (drug(any_use="yes", kinds=["cannabis"]), []),
        (drug(treatment="past"), []),
        (drug(treatment="now_alcohol"), []),  # alcohol treatment alone is not a flag
        (drug(treatment="now_other"), ["treatment"]),
        (drug(ketamine_misuse="yes"), ["ketamine_misuse"]),
        (
            drug(any_use="yes", kinds=["ketamine"], ketamine_misuse="yes", treatment="now_other"),
            ["kinds", "ketamine_misuse", "treatment"],
        ),
        # Issue 12: non-prescribed ketamine ticked among the kinds means medical review.
        (drug(any_use="yes", kinds=["ketamine"]), ["kinds"]),
        (drug(any_use="yes", kinds=["cannabis", "ketamine"]), ["kinds"]),
        (drug(any_use="yes", kinds=["psychedelics", "stimulants", "other"]), []),
        # A "no" drops the kinds, so nothing ticked before counts.
        (drug(any_use="no", kinds=["ketamine"]), []),
    ],
)
def test_drug_use_screen_flags_for_medical_review(answers, flagged):
    result = score(instruments.DRUG_USE, answers)
    assert result.flagged_items == flagged
    assert result.positive is bool(flagged)
    assert result.total is None
    assert instruments.raises_medical_review("drug_use", flagged) is bool(flagged)


def test_drug_use_kinds_required_only_after_yes_and_dropped_after_no():
    with pytest.raises(InvalidAnswers) as excinfo:
        score(instruments.DRUG_USE, drug(any_use="yes", kinds=[]))
    assert "kinds" in excinfo.value.errors
    assert "kinds" not in score(instruments.DRUG_USE, drug(kinds=["opioids"])).answers
    with pytest.raises(InvalidAnswers):
        score(instruments.DRUG_USE, drug(any_use="yes", kinds=["bath-salts"]))


def csi4(q1: int, rest: int) -> dict[str, str]:
    answers = {"q1": str(q1)}
    answers.update(spread(rest, ["q2", "q3", "q4"], 5))
    return answers


@pytest.mark.parametrize(
    ("q1", "rest", "total", "band", "positive"),
    [
        (0, 0, 0, "notable_distress", True),
        (6, 7, 13, "notable_distress", True),  # 13 < 13.5
        (6, 8, 14, "no_notable_distress", False),  # 14 > 13.5
        (4, 10, 14, "no_notable_distress", False),
        (6, 15, 21, "no_notable_distress", False),
    ],
)
def test_csi4_distress_threshold(q1, rest, total, band, positive):
    result = score(instruments.CSI4, csi4(q1, rest))
    assert (result.total, result.band, result.positive) == (total, band, positive)


@pytest.mark.parametrize(("item", "value"), [("q1", "7"), ("q2", "6"), ("q3", "6"), ("q4", "6")])
def test_csi4_item_ranges(item, value):
    with pytest.raises(InvalidAnswers):
        score(instruments.CSI4, {**csi4(3, 6), item: value})


def test_csi4_keeps_funk_and_rogge_attribution():
    assert "Funk" in instruments.CSI4.attribution and "Rogge" in instruments.CSI4.attribution


SAFE = {"feel_safe": "yes", "hurt_threatened_controlled": "no", "afraid_of_reaction": "no"}


@pytest.mark.parametrize(
    ("change", "flagged"),
    [
        ({}, []),
        ({"feel_safe": "not_always"}, ["feel_safe"]),
        ({"feel_safe": "no"}, ["feel_safe"]),
        ({"hurt_threatened_controlled": "yes"}, ["hurt_threatened_controlled"]),
        ({"afraid_of_reaction": "yes"}, ["afraid_of_reaction"]),
    ],
)
def test_relationship_safety_any_unsafe_answer_is_positive_and_urgent(change, flagged):
    result = score(instruments.RELATIONSHIP_SAFETY, {**SAFE, **change})
    assert result.flagged_items == flagged
    assert result.positive is bool(flagged)
    assert instruments.raises_urgent("relationship_safety", flagged) is bool(flagged)


NO_SUICIDE = dict.fromkeys(("thoughts_now", "plan", "intent", "attempt_or_preparation"), "no")


@pytest.mark.parametrize("yes_item", [None, *NO_SUICIDE])
def test_suicide_followup_any_yes_is_urgent(yes_item):
    answers = dict(NO_SUICIDE)
    if yes_item:
        answers[yes_item] = "yes"
    result = score(instruments.SUICIDE_FOLLOWUP, answers)
    assert result.positive is bool(yes_item)
    assert result.flagged_items == ([yes_item] if yes_item else [])


@pytest.mark.parametrize(("q9", "asked"), [("0", False), ("1", True), ("3", True)])
def test_suicide_followup_is_asked_only_after_item_9_above_zero(q9, asked):
    keys = [i.key for i in instruments.sequence_for({"phq9": {"q9": q9}})]
    assert ("suicide_followup" in keys) is asked
    assert keys[0] == "phq9" and keys[-1] == "ketamine_medical"


def test_suicide_followup_wording_is_our_own_not_cssrs():
    text = " ".join(i.text for i in instruments.SUICIDE_FOLLOWUP.items).lower()
    # C-SSRS screener phrases we must not reproduce.
    assert "wished you were dead or wished you could go to sleep" not in text
    assert "have you actually had any thoughts of killing yourself" not in text


KETAMINE_KEYS = [i.key for i in instruments.KETAMINE_MEDICAL.items]


def test_ketamine_medical_screen_covers_every_clinical_item():
    assert KETAMINE_KEYS == [
        "psychosis",
        "bipolar",
        "blood_pressure",
        "heart_brain",
        "seizure_liver_thyroid",
        "pregnancy",
        "ketamine_or_sud",
        "ketamine_allergy",
        "medicines",
    ]


@pytest.mark.parametrize("item", KETAMINE_KEYS)
@pytest.mark.parametrize("answer", ["yes", "not_sure"])
def test_ketamine_medical_yes_or_not_sure_flags_medical_review(item, answer):
    answers = dict.fromkeys(KETAMINE_KEYS, "no") | {item: answer}
    result = score(instruments.KETAMINE_MEDICAL, answers)
    assert result.flagged_items == [item]
    assert instruments.raises_medical_review("ketamine_medical", result.flagged_items)


def test_ketamine_medical_all_no_is_clear():
    result = score(instruments.KETAMINE_MEDICAL, dict.fromkeys(KETAMINE_KEYS, "no"))
    assert (result.positive, result.flagged_items, result.band) == (False, [], "negative")


def test_every_instrument_has_a_version_and_unique_item_keys():
    for instrument in instruments.INSTRUMENTS:
        assert instrument.version
        keys = [i.key for i in instrument.items]
        assert len(keys) == len(set(keys))
