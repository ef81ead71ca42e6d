"""Every screening instrument, defined once as data, and the one function that scores them.

Sources, cut-offs and what we may ship are in ../shared/CLINICAL.md. Items whose wording is
licensed for free reproduction (PHQ-9, GAD-7, PC-PTSD-5, AUDIT-C, CSI-4) use the published
wording. The suicide-risk follow-up, the drug-use screen, the relationship-safety screen and
the ketamine medical screen are the clinic's own plain-language questions (deliberately not
C-SSRS or HITS wording, whose electronic use is licensed).

Vocabulary:
- an Option's `score` is added to the total for scored items;
- an Option with `flag=True` marks its item as *flagged*: the instrument's `flag_effect`
  (URGENT or MEDICAL_REVIEW) then applies in intake.triage;
- an Item with `shown_if=(item_key, value)` is asked only when that other item has that
  answer; otherwise it is dropped and scores 0 (PC-PTSD-5 gate, drug kinds).
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from django.conf import settings
from django.utils.translation import gettext_lazy as _


class FlagEffect(StrEnum):
    URGENT = "urgent"
    MEDICAL_REVIEW = "medical_review"


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    score: int = 0
    flag: bool = False


@dataclass(frozen=True)
class Item:
    key: str
    text: str
    options: tuple[Option, ...]
    scored: bool = True
    required: bool = True
    multiple: bool = False
    shown_if: tuple[str, str] | None = None
    help_text: str = ""

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Band:
    key: str
    label: str
    low: float
    high: float

    def contains(self, total: float) -> bool:
        return self.low <= total <= self.high


@dataclass(frozen=True)
class Score:
    """The scored outcome of one instrument, as stored on InstrumentResult."""

    instrument: str
    version: str
    answers: dict
    total: int | None
    band: str
    positive: bool
    flagged_items: list[str]


@dataclass(frozen=True)
class Instrument:
    key: str
    title: str
    version: str
    intro: str
    items: tuple[Item, ...]
    # Positive rule: given the total, the flagged items and the answers.
    is_positive: Callable[[int | None, list[str], Mapping], bool]
    bands: tuple[Band, ...] = ()
    has_total: bool = True
    flag_effect: FlagEffect | None = None
    attribution: str = ""
    # Some instruments are asked only after a given answer elsewhere (suicide follow-up).
    asked_when: Callable[[Mapping[str, Mapping]], bool] | None = None
    # A follow-up shown inside another section's place in the progress count (its key), so
    # the "Section n of m" count neither changes nor reveals that a follow-up was asked.
    part_of: str = ""
    # Flagged items that mean danger right now: the next page leads with "call 911 or 988".
    immediate_danger_items: tuple[str, ...] = ()
    note: str = ""
    _items_by_key: dict = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self):
        object.__setattr__(self, "_items_by_key", {i.key: i for i in self.items})

    def item(self, key: str) -> Item:
        return self._items_by_key[key]

    def band_for(self, total: int | None, positive: bool) -> str:
        if not self.bands:
            return "positive" if positive else "negative"
        for band in self.bands:
            if total is not None and band.contains(total):
                return band.key
        raise ValueError(f"{self.key}: total {total} is outside every band")

    def band_label(self, key: str) -> str:
        return next((b.label for b in self.bands if b.key == key), key.replace("_", " "))


class InvalidAnswers(ValueError):
    """Answers that do not fit the instrument: missing, unknown item, or out of range."""

    def __init__(self, errors: dict[str, str]):
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


# --- shared option scales --------------------------------------------------------------
FREQUENCY_2_WEEKS = (
    Option("0", "Not at all", 0),
    Option("1", "Several days", 1),
    Option("2", "More than half the days", 2),
    Option("3", "Nearly every day", 3),
)
PHQ9_ITEM9_OPTIONS = tuple(
    Option(o.value, o.label, o.score, flag=o.score > 0) for o in FREQUENCY_2_WEEKS
)
YES_NO_SCORED = (Option("yes", "Yes", 1), Option("no", "No", 0))
YES_NO_FLAG_YES = (Option("yes", "Yes", 1, flag=True), Option("no", "No", 0))
YES_NO_NOT_SURE_FLAGGED = (
    Option("yes", "Yes", 1, flag=True),
    Option("no", "No", 0),
    Option("not_sure", "Not sure", 1, flag=True),
)
YES_NO_PLAIN = (Option("yes", "Yes"), Option("no", "No"))


def _at_least(cutoff: float) -> Callable[[int | None, list[str], Mapping], bool]:
    return lambda total, flagged, answers: total is not None and total >= cutoff


def _any_flag(total, flagged, answers) -> bool:
    return bool(flagged)


# --- PHQ-9 (Kroenke, Spitzer & Williams 2001) --------------------------------------------
PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
PHQ9 = Instrument(
    key="phq9",
    title="How you have been feeling (PHQ-9)",
    version="PHQ-9 (2001) v1",
    intro="Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    items=tuple(
        Item(f"q{n}", text, PHQ9_ITEM9_OPTIONS if n == 9 else FREQUENCY_2_WEEKS)
        for n, text in enumerate(PHQ9_ITEMS, start=1)
    )
    + (
        Item(
            "difficulty",
            "If you checked off any problems, how difficult have these problems made it for "
            "you to do your work, take care of things at home, or get along with other people?",
            (
                Option("not_difficult", "Not difficult at all"),
                Option("somewhat", "Somewhat difficult"),
                Option("very", "Very difficult"),
                Option("extremely", "Extremely difficult"),
            ),
            scored=False,
            required=False,
        ),
    ),
    bands=(
        Band("minimal", "Minimal", 0, 4),
        Band("mild", "Mild", 5, 9),
        Band("moderate", "Moderate", 10, 14),
        Band("moderately_severe", "Moderately severe", 15, 19),
        Band("severe", "Severe", 20, 27),
    ),
    # Positive = the usual screening cut-off of 10 (Kroenke 2001). Item 9 > 0 is flagged
    # separately and makes the inquiry urgent whatever the total.
    is_positive=_at_least(10),
    flag_effect=FlagEffect.URGENT,
    attribution="Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues, with an educational grant from Pfizer Inc. No permission required to "
    "reproduce, translate, display or distribute.",
)

# --- Suicide-risk follow-up (the clinic's own wording; not C-SSRS) -----------------------
SUICIDE_FOLLOWUP = Instrument(
    key="suicide_followup",
    title="A few more questions about your safety",
    version="clinic-suicide-followup v1",
    intro="You told us you have had thoughts of being better off dead or of hurting "
    "yourself. Thank you for telling us. Please answer these so we can reach out in the "
    "right way.",
    items=(
        Item(
            "thoughts_now",
            "Are you having thoughts of ending your life right now?",
            YES_NO_FLAG_YES,
        ),
        Item(
            "plan", "Have you thought about how you would end your life (a plan)?", YES_NO_FLAG_YES
        ),
        Item("intent", "Do you intend to act on these thoughts?", YES_NO_FLAG_YES),
        Item(
            "attempt_or_preparation",
            "In the past 3 months, have you tried to end your life, or done anything to "
            "prepare to (for example, collected pills or written a note)?",
            YES_NO_FLAG_YES,
        ),
    ),
    is_positive=_any_flag,
    flag_effect=FlagEffect.URGENT,
    asked_when=lambda done: _phq9_item9_above_zero(done.get("phq9")),
    part_of="phq9",
    immediate_danger_items=("thoughts_now", "intent"),
)


def _phq9_item9_above_zero(phq9_answers: Mapping | None) -> bool:
    if not phq9_answers:
        return False
    option = PHQ9.item("q9").option(str(phq9_answers.get("q9", "")))
    return bool(option and option.score > 0)


# --- GAD-7 (Spitzer, Kroenke, Williams & Löwe 2006) --------------------------------------
GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
GAD7 = Instrument(
    key="gad7",
    title="Worry and anxiety (GAD-7)",
    version="GAD-7 (2006) v1",
    intro="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=tuple(
        Item(f"q{n}", text, FREQUENCY_2_WEEKS) for n, text in enumerate(GAD7_ITEMS, start=1)
    ),
    bands=(
        Band("minimal", "Minimal", 0, 4),
        Band("mild", "Mild", 5, 9),
        Band("moderate", "Moderate", 10, 14),
        Band("severe", "Severe", 15, 21),
    ),
    is_positive=_at_least(10),  # the screening cut-off of Spitzer 2006
    attribution="Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and "
    "colleagues, with an educational grant from Pfizer Inc. No permission required to "
    "reproduce, translate, display or distribute.",
)

# --- PC-PTSD-5 (Prins et al. 2016) ------------------------------------------------------
PCPTSD5_ITEMS = (
    "had nightmares about the event(s) or thought about the event(s) when you did not want to?",
    "tried hard not to think about the event(s) or went out of your way to avoid situations "
    "that reminded you of the event(s)?",
    "been constantly on guard, watchful, or easily startled?",
    "felt numb or detached from people, activities, or your surroundings?",
    "felt guilty or unable to stop blaming yourself or others for the event(s) or any "
    "problems the event(s) may have caused?",
)


def _pcptsd5_positive(total, flagged, answers) -> bool:
    # Read at scoring time so the cut-off follows settings.PC_PTSD5_CUTOFF (Bovin 2021: 4).
    return total is not None and total >= settings.PC_PTSD5_CUTOFF


PCPTSD5 = Instrument(
    key="pcptsd5",
    title="Difficult experiences (PC-PTSD-5)",
    version="PC-PTSD-5 (2016) v1",
    intro="Sometimes things happen to people that are unusually or especially frightening, "
    "horrible, or traumatic. For example: a serious accident or fire; a physical or sexual "
    "assault or abuse; an earthquake or flood; a war; seeing someone be killed or seriously "
    "injured; having a loved one die through homicide or suicide.",
    items=(
        Item("gate", "Have you ever experienced this kind of event?", YES_NO_PLAIN, scored=False),
    )
    + tuple(
        Item(
            f"q{n}",
            f"In the past month, have you {text}",
            YES_NO_SCORED,
            shown_if=("gate", "yes"),
            help_text="Answer only if you said yes above.",
        )
        for n, text in enumerate(PCPTSD5_ITEMS, start=1)
    ),
    is_positive=_pcptsd5_positive,
    attribution="Prins, A., Bovin, M. J., et al. (2016). The Primary Care PTSD Screen for "
    "DSM-5 (PC-PTSD-5). US Department of Veterans Affairs, National Center for PTSD.",
)

# --- AUDIT-C (Bush et al. 1998) ---------------------------------------------------------
AUDITC_CUTOFF_MEN = 4
AUDITC_CUTOFF_WOMEN_OR_NOT_GIVEN = 3


def auditc_cutoff(sex_at_birth: str) -> int:
    """≥ 4 for men, ≥ 3 for women; 3 when sex at birth is not given (CLINICAL.md)."""
    return AUDITC_CUTOFF_MEN if sex_at_birth == "male" else AUDITC_CUTOFF_WOMEN_OR_NOT_GIVEN


def _auditc_positive(total, flagged, answers) -> bool:
    return total is not None and total >= auditc_cutoff(str(answers.get("sex_at_birth", "")))


AUDITC = Instrument(
    key="auditc",
    title="Alcohol (AUDIT-C)",
    version="AUDIT-C (1998) v1",
    intro="These questions are about drinks containing alcohol in the past year.",
    items=(
        Item(
            "q1",
            "How often do you have a drink containing alcohol?",
            (
                Option("0", "Never", 0),
                Option("1", "Monthly or less", 1),
                Option("2", "2 to 4 times a month", 2),
                Option("3", "2 to 3 times a week", 3),
                Option("4", "4 or more times a week", 4),
            ),
        ),
        Item(
            "q2",
            "How many standard drinks containing alcohol do you have on a typical day?",
            (
                Option("0", "1 or 2", 0),
                Option("1", "3 or 4", 1),
                Option("2", "5 or 6", 2),
                Option("3", "7 to 9", 3),
                Option("4", "10 or more", 4),
            ),
        ),
        Item(
            "q3",
            "How often do you have six or more drinks on one occasion?",
            (
                Option("0", "Never", 0),
                Option("1", "Less than monthly", 1),
                Option("2", "Monthly", 2),
                Option("3", "Weekly", 3),
                Option("4", "Daily or almost daily", 4),
            ),
        ),
        Item(
            "sex_at_birth",
            "Sex assigned at birth (optional)",
            (
                Option("female", "Female"),
                Option("male", "Male"),
                Option("", "Prefer not to say"),
            ),
            scored=False,
            required=False,
            help_text="Asked only because the alcohol screen's cut-off differs by sex. You "
            "may leave it blank.",
        ),
    ),
    # No total bands: AUDIT-C's band is its sex-specific cut-off result (positive/negative).
    is_positive=_auditc_positive,
    attribution="AUDIT-C: Bush K, et al. Arch Intern Med 1998;158:1789–1795. Public domain.",
)

# --- Drug use (the clinic's own short screen) -------------------------------------------
DRUG_KINDS = (
    Option("cannabis", "Cannabis (marijuana, edibles, vapes)"),
    Option("stimulants", "Stimulants (cocaine, methamphetamine, someone else's ADHD medicine)"),
    Option("opioids", "Opioids not prescribed to you (pain pills, heroin, fentanyl)"),
    Option("sedatives", "Sedatives or sleeping pills not prescribed to you"),
    Option("psychedelics", "Psychedelics (psilocybin, LSD, MDMA)"),
    # Non-prescribed ketamine in the past year means medical review, like past misuse.
    Option("ketamine", "Ketamine (not prescribed to you)", flag=True),
    Option("other", "Something else"),
)
DRUG_USE = Instrument(
    key="drug_use",
    title="Other drugs",
    # v2: non-prescribed ketamine among the kinds is flagged for medical review.
    version="clinic-drug-use v2",
    intro="Honest answers help us keep treatment safe. They are seen only by the clinical team.",
    items=(
        Item(
            "any_use",
            "In the past 12 months, have you used any drug that was not prescribed to you, or "
            "used a prescribed medicine in a way it was not prescribed?",
            YES_NO_PLAIN,
        ),
        Item(
            "kinds",
            "Which kinds? (choose all that apply)",
            DRUG_KINDS,
            scored=False,
            multiple=True,
            shown_if=("any_use", "yes"),
            help_text="Answer only if you said yes above.",
        ),
        Item(
            "ketamine_misuse",
            "Have you ever had problems with ketamine, or used ketamine other than as a "
            "clinician directed?",
            YES_NO_FLAG_YES,
        ),
        Item(
            "treatment",
            "Have you ever had treatment for substance use?",
            (
                Option("never", "No, never"),
                Option("past", "Yes, in the past, not now"),
                Option("now_alcohol", "Yes, now, for alcohol only"),
                Option("now_other", "Yes, now, for drugs other than alcohol", flag=True),
            ),
        ),
    ),
    has_total=False,
    is_positive=_any_flag,
    flag_effect=FlagEffect.MEDICAL_REVIEW,
)

# --- CSI-4 (Funk & Rogge 2007) ----------------------------------------------------------
CSI_0_5_TRUE = (
    Option("0", "Not at all true", 0),
    Option("1", "A little true", 1),
    Option("2", "Somewhat true", 2),
    Option("3", "Mostly true", 3),
    Option("4", "Almost completely true", 4),
    Option("5", "Completely true", 5),
)
CSI_0_5_AMOUNT = (
    Option("0", "Not at all", 0),
    Option("1", "A little", 1),
    Option("2", "Somewhat", 2),
    Option("3", "Mostly", 3),
    Option("4", "Almost completely", 4),
    Option("5", "Completely", 5),
)
CSI4_DISTRESS_BELOW = 13.5
CSI4 = Instrument(
    key="csi4",
    title="Your relationship (CSI-4)",
    version="CSI-4 (2007) v1",
    intro="These questions are about your relationship with your partner.",
    items=(
        Item(
            "q1",
            "Please indicate the degree of happiness, all things considered, of your relationship.",
            (
                Option("0", "Extremely unhappy", 0),
                Option("1", "Fairly unhappy", 1),
                Option("2", "A little unhappy", 2),
                Option("3", "Happy", 3),
                Option("4", "Very happy", 4),
                Option("5", "Extremely happy", 5),
                Option("6", "Perfect", 6),
            ),
        ),
        Item("q2", "I have a warm and comfortable relationship with my partner.", CSI_0_5_TRUE),
        Item("q3", "How rewarding is your relationship with your partner?", CSI_0_5_AMOUNT),
        Item("q4", "In general, how satisfied are you with your relationship?", CSI_0_5_AMOUNT),
    ),
    bands=(
        Band("notable_distress", "Notable relationship distress", 0, 13),
        Band("no_notable_distress", "No notable relationship distress", 14, 21),
    ),
    is_positive=lambda total, flagged, answers: total is not None and total < CSI4_DISTRESS_BELOW,
    attribution="CSI-4: Funk, J. L., & Rogge, R. D. (2007). Testing the ruler with item "
    "response theory: Increasing precision of measurement for relationship satisfaction with "
    "the Couples Satisfaction Index. Journal of Family Psychology, 21(4), 572–583. Free for "
    "research and clinical use.",
)

# --- Relationship safety (the clinic's own wording; not HITS) ---------------------------
RELATIONSHIP_SAFETY = Instrument(
    key="relationship_safety",
    title="Feeling safe at home",
    version="clinic-relationship-safety v1",
    intro="Your partner will never see these answers. They go only to our clinicians, and "
    "nothing you say here causes any message to your partner.",
    items=(
        Item(
            "feel_safe",
            "Do you feel safe with your partner?",
            (
                Option("yes", "Yes", 0),
                Option("not_always", "Not always", 1, flag=True),
                Option("no", "No", 1, flag=True),
            ),
        ),
        Item(
            "hurt_threatened_controlled",
            "In the past 12 months, has your partner hurt you, threatened you, frightened "
            "you, or tried to control you?",
            YES_NO_FLAG_YES,
        ),
        Item(
            "afraid_of_reaction",
            "Are you afraid of how your partner would react to you filling in this form?",
            YES_NO_FLAG_YES,
        ),
    ),
    is_positive=_any_flag,
    flag_effect=FlagEffect.URGENT,
    note="Clinicians only. Never shown to, or acted on towards, the other partner.",
)

# --- Ketamine medical screen (CLINICAL.md; sources listed there) ------------------------
KETAMINE_MEDICAL_ITEMS = (
    (
        "psychosis",
        "Have you ever had schizophrenia, any psychotic disorder, or psychosis? Or "
        "has a parent, brother, sister or child of yours had psychosis?",
    ),
    ("bipolar", "Have you ever had bipolar disorder or mania?"),
    ("blood_pressure", "Do you have high blood pressure that is not well controlled?"),
    (
        "heart_brain",
        "Have you had heart disease (an irregular heartbeat, heart failure or chest "
        "pain), a stroke, an aneurysm, or bleeding in the brain?",
    ),
    (
        "seizure_liver_thyroid",
        "Have you had seizures, severe liver disease, or thyroid disease that is not treated?",
    ),
    ("pregnancy", "Are you pregnant, trying to conceive, or breastfeeding?"),
    (
        "ketamine_or_sud",
        "Have you had problems with ketamine in the past, or do you have a "
        "substance use disorder now?",
    ),
    ("ketamine_allergy", "Have you had an allergy or a bad reaction to ketamine?"),
    (
        "medicines",
        "Do you take any of these medicines now: an MAOI, a benzodiazepine, an opioid "
        "or tramadol, a stimulant, or lamotrigine?",
    ),
)
KETAMINE_MEDICAL = Instrument(
    key="ketamine_medical",
    title="Medical questions",
    version="clinic-ketamine-medical v1",
    intro="A clinician reviews these before any medicine session. Answering “yes” or “not "
    "sure” does not rule you out — it means a clinician will talk it through with you.",
    items=tuple(Item(key, text, YES_NO_NOT_SURE_FLAGGED) for key, text in KETAMINE_MEDICAL_ITEMS),
    is_positive=_any_flag,
    flag_effect=FlagEffect.MEDICAL_REVIEW,
)

# The order a partner answers them in; suicide follow-up only when PHQ-9 item 9 > 0.
INSTRUMENTS: tuple[Instrument, ...] = (
    PHQ9,
    SUICIDE_FOLLOWUP,
    GAD7,
    PCPTSD5,
    AUDITC,
    DRUG_USE,
    CSI4,
    RELATIONSHIP_SAFETY,
    KETAMINE_MEDICAL,
)
BY_KEY: dict[str, Instrument] = {i.key: i for i in INSTRUMENTS}


def get(key: str) -> Instrument:
    return BY_KEY[key]


def sequence_for(answers_so_far: Mapping[str, Mapping]) -> list[Instrument]:
    """The instruments this partner is asked, in order, given what they have answered."""
    return [i for i in INSTRUMENTS if i.asked_when is None or i.asked_when(answers_so_far)]


def _is_shown(item: Item, answers: Mapping) -> bool:
    if item.shown_if is None:
        return True
    other, value = item.shown_if
    return str(answers.get(other, "")) == value


def clean_answers(instrument: Instrument, raw: Mapping) -> dict:
    """Validate raw answers against the instrument; drop items not shown. Raises InvalidAnswers."""
    errors: dict[str, str] = {}
    cleaned: dict = {}
    unknown = set(raw) - {i.key for i in instrument.items}
    for key in sorted(unknown):
        errors[key] = _("This is not a question in this section.")
    for item in instrument.items:
        if not _is_shown(item, raw):
            continue
        value = raw.get(item.key)
        if item.multiple:
            values = [] if value in (None, "") else list(value)
            if any(item.option(str(v)) is None for v in values):
                errors[item.key] = _("Choose from the options shown.")
            elif item.required and not values:
                errors[item.key] = _("Please choose at least one.")
            else:
                cleaned[item.key] = [str(v) for v in values]
            continue
        if value is None or (value == "" and item.option("") is None):
            if item.required:
                errors[item.key] = _("Please choose an answer.")
            continue
        if item.option(str(value)) is None:
            errors[item.key] = _("Choose one of the answers shown.")
            continue
        cleaned[item.key] = str(value)
    if errors:
        raise InvalidAnswers(errors)
    return cleaned


def score(instrument: Instrument, raw_answers: Mapping) -> Score:
    """Validate and score one instrument's answers."""
    answers = clean_answers(instrument, raw_answers)
    total = 0
    flagged: list[str] = []
    for item in instrument.items:
        if item.key not in answers:
            continue
        chosen = answers[item.key]
        options = [item.option(v) for v in (chosen if item.multiple else [chosen])]
        if item.scored:
            total += sum(o.score for o in options)
        if any(o.flag for o in options):
            flagged.append(item.key)
    final_total = total if instrument.has_total else None
    positive = instrument.is_positive(final_total, flagged, answers)
    return Score(
        instrument=instrument.key,
        version=instrument.version,
        answers=answers,
        total=final_total,
        band=instrument.band_for(final_total, positive),
        positive=positive,
        flagged_items=flagged,
    )


def urgent_flags_given(instrument: Instrument, raw: Mapping) -> list[str]:
    """The URGENT-flagged answers among `raw`, even when the section as a whole is invalid.

    A risk answer (PHQ-9 item 9 above 0, a follow-up "yes", feeling unsafe) must never be
    lost because another question was left blank: the caller shows the crisis panel and
    alerts staff from these. Only answers that are one of the item's own options count.
    """
    if instrument.flag_effect != FlagEffect.URGENT:
        return []
    flagged = []
    for item in instrument.items:
        value = raw.get(item.key)
        values = value if isinstance(value, (list, tuple)) else [value]
        options = [item.option(str(v)) for v in values if v not in (None, "")]
        if any(option is not None and option.flag for option in options):
            flagged.append(item.key)
    return flagged


def raises_urgent(instrument_key: str, flagged_items: Sequence[str]) -> bool:
    """True when these flags mean the person may be at risk now (crisis panel, URGENT)."""
    instrument = BY_KEY.get(instrument_key)
    return bool(instrument and instrument.flag_effect == FlagEffect.URGENT and flagged_items)


def raises_immediate_danger(instrument_key: str, flagged_items: Sequence[str]) -> bool:
    """True when a flagged answer means danger right now (thoughts of ending one's life now)."""
    instrument = BY_KEY.get(instrument_key)
    return bool(instrument and set(instrument.immediate_danger_items) & set(flagged_items))


def section_keys() -> list[str]:
    """The sections counted in "Section n of m": every instrument but follow-ups."""
    return [i.key for i in INSTRUMENTS if not i.part_of]


def raises_medical_review(instrument_key: str, flagged_items: Sequence[str]) -> bool:
    instrument = BY_KEY.get(instrument_key)
    return bool(
        instrument and instrument.flag_effect == FlagEffect.MEDICAL_REVIEW and flagged_items
    )
