"""Words a message that leaves the clinic must never say (CLINICAL.md, "Messages that leave
the clinic"): no therapy type, medicine, diagnosis, screening or other health word.

The one list for the whole site. It is used
- by notifications.services.message_create, which blocks a rendered SMS or email that would
  say one of these words (the row is stored as failed with the reason, so staff see it);
- by pages.models.SiteSettings, whose discreet sender name goes into every SMS, email
  subject and calendar file, so it is checked when staff save it;
- by tests/notifications/test_discretion.py, which renders every SMS, email and .ics file.

Matching is by stem at the start of a word, so "therap" catches therapy, therapies,
therapist and therapeutic, and "counsel" catches counseling, counselling and counselor.
Accents are ignored, so the Spanish stems match with or without them ("médico", "medico").
Short acronyms and words whose stem would catch ordinary words ("gad" in "gadget", "crisis"
in "crisp") match only as whole words. Links are left out: their random tokens could spell
anything, and their paths are the site's own routes (checked by the template test).
"""

from __future__ import annotations

import re
import unicodedata

from django.core.exceptions import ValidationError

# A word starting with any of these is a health word.
HEALTH_STEMS = (
    # the treatment itself
    "ketamin",  # ketamine, ketamina
    "esketamin",
    "spravato",
    "psychedel",
    "psicodel",  # es: psicodélico
    "psilocyb",
    "therap",  # therapy, therapist, therapeutic
    "terap",  # es: terapia, terapeuta
    "psychother",
    "psicoter",
    "counsel",  # counseling, counselling, counselor
    "consejer",  # es: consejería, consejero
    "couple",  # couples
    "pareja",  # es: pareja(s)
    "marital",
    "marriage",
    "matrimoni",  # es: matrimonial
    "treat",  # treatment, treated
    "tratamient",  # es
    "medic",  # medicine, medication, medical, medicated; es: médico, medicamento, medicina
    "prescri",  # prescription, prescribed; es: prescripción
    "receta",  # es: receta médica
    "dose",
    "dosis",  # es
    "dosing",
    "overdos",
    "sobredosis",
    "infusion",
    "infusi",  # es: infusión
    # people and places of care
    "patient",
    "pacient",  # es
    "psychiatr",
    "psiquiatr",  # es
    "psycholog",
    "psicolog",  # es
    "clinic",  # clinic, clinical, clinician; es: clínica, clínico
    "doctor",
    "nurse",
    "rehab",  # rehab, rehabilitation; es: rehabilitación
    "health",  # health, healthcare, healthy
    "wellness",
    "mental",  # mental health; es: salud mental
    # conditions and screening
    "depress",  # depression, depressed
    "depresi",  # es: depresión
    "anxi",  # anxiety, anxious
    "ansie",  # es: ansiedad
    "ptsd",
    "tept",  # es: TEPT (trastorno de estrés postraumático)
    "trauma",  # trauma, traumatic, traumatised; es: trauma, traumático
    "postraum",
    "suicid",  # suicide, suicidal; es: suicidio, suicida
    "psychos",  # psychosis
    "psychot",  # psychotic
    "psicosis",
    "bipolar",
    "schizo",
    "esquizo",
    "diagnos",  # diagnosis, diagnosed; es: diagnóstico
    "disorder",
    "trastorno",  # es
    "screening",
    "screener",
    "questionnair",  # questionnaire(s)
    "cuestionari",  # es: cuestionario
    "encuesta",  # es
    "addict",  # addiction, addicted
    "adicci",  # es: adicción
    "adict",  # es: adicto
    "alcohol",  # alcohol, alcoholic, alcoholism; es: alcohol, alcohólico
    "sober",
    "sobriet",
    "sobriedad",
    "drug",  # drug, drugs
    "droga",  # es
    "substance",
    "sustancia",  # es
    "opioid",
    "opiode",  # es: opioide
    "opioide",
    "cannabis",
    "marijuana",
    "cocain",
    "abuse",  # abuse, abusive
    "abuso",  # es
    "abusiv",
    "maltrat",  # es: maltrato
)

# Whole words only: acronyms, and words whose stem would catch ordinary words.
HEALTH_WORDS = (
    "phq",
    "gad",
    "mdma",
    "lsd",
    "crisis",
    "crises",
    "salud",  # es: health ("saludos" is a greeting, so whole word only)
    "sud",  # substance use disorder
    "mania",
    "recovery",
    "intake",
)

# Several words that only say something together.
HEALTH_PHRASES = (
    ("self", "harm"),
    ("domestic", "violence"),
    ("violencia", "domestica"),
    ("substance", "use"),
    ("mental", "health"),
)

_URLS = re.compile(r"https?://\S+|www\.\S+", re.I)
_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(
        [r"[\s-]*".join(re.escape(w) for w in phrase) + r"\w*" for phrase in HEALTH_PHRASES]
        + [re.escape(stem) + r"\w*" for stem in HEALTH_STEMS]
        + [re.escape(word) + r"\b" for word in HEALTH_WORDS]
    )
    + r")",
    re.I,
)


def _folded(text: str) -> str:
    """Lower-case, without accents: "Médico" → "medico"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def health_words_in(text: str) -> list[str]:
    """The health words `text` says outside links: lower-cased, accents removed, in order."""
    without_links = _URLS.sub(" ", _folded(text or ""))
    # "self-harm" and "self harm" both count; normalise the joins inside a phrase only.
    return [" ".join(match.replace("-", " ").split()) for match in _PATTERN.findall(without_links)]


def validate_discreet(value: str) -> None:
    """A Django validator: the text must not say a health word (e.g. the sender name)."""
    found = list(dict.fromkeys(health_words_in(value)))
    if found:
        raise ValidationError(
            "This goes into text messages, email subjects and calendar entries that others "
            "may see, so it must not say anything about health or treatment. Please remove: "
            "%(words)s.",
            code="health_word",
            params={"words": ", ".join(f"“{w}”" for w in found)},
        )
