"""The screening instruments in Spanish: which may be asked in Spanish, and in what words.

Scores are comparable only between validated versions of an instrument, so a translation is
used only where it is the instrument's own published version, word for word:

- PHQ-9 and GAD-7: the Spanish (USA) versions from the same public-domain source as the
  English (Pfizer's PHQ Screeners: "No permission required to reproduce, translate, display
  or distribute"), item for item.
- AUDIT-C: items 1 to 3 of the WHO's own Spanish AUDIT, self-report version, word for word:
  Babor, Higgins-Biddle, Saunders & Monteiro, "AUDIT. Cuestionario de Identificación de los
  Trastornos debidos al Consumo de Alcohol. Pautas para su utilización en Atención
  Primaria", OMS 2001, WHO/MSD/MSB/01.6a (Spanish edition, Generalitat Valenciana,
  Conselleria de Benestar Social). AUDIT-C is these same three items (Bush 1998) with the
  same 0-4 answers; item 2's fourth answer is the self-report form's "De 7 a 9" (the
  interview form says "7, 8, o 9"), matching our English "7 to 9"; item 3 is the WHO
  Spanish "6 o más bebidas alcohólicas en un solo día" (English: "six or more drinks on one
  occasion"). Copies checked (issue #16, 2026-12): the manual's self-report table as
  reproduced in es.scribd.com/document/792336444 ("AUDIT versión original", citing OMS
  2001) and in a public GitHub questionnaire file citing WHO/MSD/MSB/01.6a; the interview
  form's items 1-3, identical but for "7, 8, o 9", in jarturocastan/tamizajes-documentation
  files/AUDIT.docx.md and asociacionaralba.es/p/text-audit.html. The title, intro and the
  optional sex-at-birth question (asked only for the cut-off) are the clinic's own words.
  Terms: those copies give the WHO's as free reproduction "sin fines comerciales" (not
  for sale or commercial purposes); the attribution is shown on the page.
- PC-PTSD-5 and CSI-4: no published Spanish wording we could find and confirm word for
  word (searched 2026-12: no National Center for PTSD Spanish PC-PTSD-5 in any copy found;
  for the CSI only validations of other scales and an unverified machine translation), so
  the Spanish page says so and asks them in English (the version recorded stays the
  English one). Never a translation of our own presented as the instrument.
- The clinic's own questions (suicide-risk follow-up, drug use, relationship safety, the
  ketamine medical screen) are not standardised instruments: their Spanish is the clinic's
  own wording, written for this site, and recorded as its own version.

Scoring never changes: keys, values and scores are the English instrument's; only the words
on the page differ. The stored result records the language and the version asked.
"""

import dataclasses
from dataclasses import dataclass, field

from .instruments import Instrument

ENGLISH = "en"
SPANISH = "es"


@dataclass(frozen=True)
class Translation:
    """One instrument's words in one language. `items` maps item key -> text; `options`
    maps item key -> {value: label} (the key "*" applies to every item not listed)."""

    version: str
    title: str
    intro: str
    items: dict[str, str]
    options: dict[str, dict[str, str]] = field(default_factory=dict)
    help_texts: dict[str, str] = field(default_factory=dict)
    attribution: str = ""
    # True: the instrument's own published translation; False: the clinic's own questions.
    published: bool = False


PHQ_ATTRIBUTION_ES = (
    "Elaborado por los doctores Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke y "
    "colegas, mediante una subvención educativa otorgada por Pfizer Inc. No se requiere "
    "permiso para reproducir, traducir, presentar o distribuir."
)
# The WHO's Spanish AUDIT manual, whose items 1-3 are the AUDIT-C asked in Spanish.
AUDIT_ATTRIBUTION_ES = (
    "AUDIT-C: preguntas 1 a 3 del AUDIT en su versión en español de la Organización Mundial "
    "de la Salud: Babor TF, Higgins-Biddle JC, Saunders JB, Monteiro MG. AUDIT. Cuestionario "
    "de Identificación de los Trastornos debidos al Consumo de Alcohol. Pautas para su "
    "utilización en Atención Primaria. OMS, 2001 (WHO/MSD/MSB/01.6a). AUDIT-C: Bush K, et al. "
    "Arch Intern Med 1998;158:1789–1795."
)
# The published Spanish (USA) answer scale of the PHQ-9 and GAD-7.
FREQUENCY_ES = {
    "0": "Ningún día",
    "1": "Varios días",
    "2": "Más de la mitad de los días",
    "3": "Casi todos los días",
}
YES_NO_ES = {"yes": "Sí", "no": "No"}
YES_NO_NOT_SURE_ES = {"yes": "Sí", "no": "No", "not_sure": "No estoy seguro(a)"}
ONLY_IF_YES_ES = "Conteste solo si respondió que sí arriba."

SPANISH_TRANSLATIONS: dict[str, Translation] = {
    # PHQ-9, Spanish for the USA (Pfizer / PHQ Screeners), word for word.
    "phq9": Translation(
        version="PHQ-9 (2001) v1 es-US",
        published=True,
        title="Cómo se ha sentido (PHQ-9)",
        intro="Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a "
        "los siguientes problemas?",
        items={
            "q1": "Poco interés o placer en hacer cosas",
            "q2": "Se ha sentido decaído(a), deprimido(a) o sin esperanzas",
            "q3": "Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido "
            "demasiado",
            "q4": "Se ha sentido cansado(a) o con poca energía",
            "q5": "Sin apetito o ha comido en exceso",
            "q6": "Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado "
            "mal con usted mismo(a) o con su familia",
            "q7": "Ha tenido dificultad para concentrarse en ciertas actividades, tales como "
            "leer el periódico o ver la televisión",
            "q8": "¿Se ha movido o hablado tan lento que otras personas podrían haberlo "
            "notado? o lo contrario – muy inquieto(a) o agitado(a) que ha estado moviéndose "
            "mucho más de lo normal",
            "q9": "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
            "difficulty": "Si marcó cualquiera de los problemas, ¿qué tanta dificultad le han "
            "dado estos problemas para hacer su trabajo, encargarse de las tareas del hogar, o "
            "llevarse bien con otras personas?",
        },
        options={
            "*": FREQUENCY_ES,
            "difficulty": {
                "not_difficult": "No ha sido difícil",
                "somewhat": "Un poco difícil",
                "very": "Muy difícil",
                "extremely": "Extremadamente difícil",
            },
        },
        attribution=PHQ_ATTRIBUTION_ES,
    ),
    # GAD-7, Spanish for the USA (Pfizer / PHQ Screeners), word for word.
    "gad7": Translation(
        version="GAD-7 (2006) v1 es-US",
        published=True,
        title="Preocupación y ansiedad (GAD-7)",
        intro="Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a "
        "los siguientes problemas?",
        items={
            "q1": "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta",
            "q2": "No ha sido capaz de parar o controlar su preocupación",
            "q3": "Se ha preocupado demasiado por motivos diferentes",
            "q4": "Ha tenido dificultad para relajarse",
            "q5": "Se ha sentido tan inquieto(a) que no ha podido quedarse quieto(a)",
            "q6": "Se ha molestado o irritado fácilmente",
            "q7": "Ha tenido miedo de que algo terrible fuera a pasar",
        },
        options={"*": FREQUENCY_ES},
        attribution=PHQ_ATTRIBUTION_ES,
    ),
    # AUDIT-C: items 1-3 of the WHO Spanish AUDIT (OMS 2001, self-report form), word for
    # word; the title, intro and sex-at-birth question are the clinic's own.
    "auditc": Translation(
        version="AUDIT-C (1998) v1 OMS-2001 es",
        published=True,
        title="Alcohol (AUDIT-C)",
        intro="Estas preguntas son sobre su consumo de bebidas alcohólicas durante el último año.",
        items={
            "q1": "¿Con qué frecuencia consume alguna bebida alcohólica?",
            "q2": "¿Cuántas consumiciones de bebidas alcohólicas suele realizar en un día de "
            "consumo normal?",
            "q3": "¿Con qué frecuencia toma 6 o más bebidas alcohólicas en un solo día?",
            "sex_at_birth": "Sexo asignado al nacer (opcional)",
        },
        options={
            "q1": {
                "0": "Nunca",
                "1": "Una o menos veces al mes",
                "2": "De 2 a 4 veces al mes",
                "3": "De 2 a 3 veces a la semana",
                "4": "4 o más veces a la semana",
            },
            "q2": {"0": "1 o 2", "1": "3 o 4", "2": "5 o 6", "3": "De 7 a 9", "4": "10 o más"},
            "q3": {
                "0": "Nunca",
                "1": "Menos de una vez al mes",
                "2": "Mensualmente",
                "3": "Semanalmente",
                "4": "A diario o casi a diario",
            },
            "sex_at_birth": {"female": "Femenino", "male": "Masculino", "": "Prefiero no decirlo"},
        },
        help_texts={
            "sex_at_birth": "Se lo preguntamos solo porque el punto de corte de esta prueba "
            "sobre el alcohol es distinto según el sexo. Puede dejarlo en blanco.",
        },
        attribution=AUDIT_ATTRIBUTION_ES,
    ),
    # The clinic's own questions (not C-SSRS), in the clinic's own Spanish.
    "suicide_followup": Translation(
        version="clinic-suicide-followup v1 es",
        title="Unas preguntas más sobre su seguridad",
        intro="Nos contó que ha pensado que estaría mejor muerto(a) o en hacerse daño. "
        "Gracias por decírnoslo. Por favor, conteste estas preguntas para que podamos "
        "comunicarnos con usted de la manera adecuada.",
        items={
            "thoughts_now": "¿Está pensando en quitarse la vida en este momento?",
            "plan": "¿Ha pensado en cómo se quitaría la vida (un plan)?",
            "intent": "¿Tiene la intención de actuar según esos pensamientos?",
            "attempt_or_preparation": "En los últimos 3 meses, ¿ha intentado quitarse la "
            "vida, o ha hecho algo para prepararse (por ejemplo, juntar pastillas o escribir "
            "una nota)?",
        },
        options={"*": YES_NO_ES},
    ),
    "drug_use": Translation(
        version="clinic-drug-use v2 es",
        title="Otras drogas",
        intro="Sus respuestas sinceras nos ayudan a que el tratamiento sea seguro. Solo las "
        "ve el equipo clínico.",
        items={
            "any_use": "En los últimos 12 meses, ¿ha usado alguna droga que no le hayan "
            "recetado, o ha usado un medicamento recetado de una manera distinta a la "
            "indicada?",
            "kinds": "¿De qué tipo? (elija todas las que correspondan)",
            "ketamine_misuse": "¿Alguna vez ha tenido problemas con la ketamina, o la ha usado "
            "de una manera distinta a la que le indicó un profesional de la salud?",
            "treatment": "¿Alguna vez ha recibido tratamiento por el uso de sustancias?",
        },
        options={
            "any_use": YES_NO_ES,
            "ketamine_misuse": YES_NO_ES,
            "kinds": {
                "cannabis": "Cannabis (marihuana, comestibles, vapeadores)",
                "stimulants": "Estimulantes (cocaína, metanfetamina, medicamento para el TDAH "
                "de otra persona)",
                "opioids": "Opioides que no le recetaron (pastillas para el dolor, heroína, "
                "fentanilo)",
                "sedatives": "Sedantes o pastillas para dormir que no le recetaron",
                "psychedelics": "Psicodélicos (psilocibina, LSD, MDMA)",
                "ketamine": "Ketamina (que no le recetaron)",
                "other": "Otra cosa",
            },
            "treatment": {
                "never": "No, nunca",
                "past": "Sí, en el pasado, pero no ahora",
                "now_alcohol": "Sí, ahora, solo por el alcohol",
                "now_other": "Sí, ahora, por drogas que no son alcohol",
            },
        },
        help_texts={"kinds": ONLY_IF_YES_ES},
    ),
    "relationship_safety": Translation(
        version="clinic-relationship-safety v1 es",
        title="Sentirse seguro(a) en casa",
        intro="Su pareja nunca verá estas respuestas. Solo las leen nuestros clínicos, y "
        "nada de lo que diga aquí hará que le enviemos un mensaje a su pareja.",
        items={
            "feel_safe": "¿Se siente seguro(a) con su pareja?",
            "hurt_threatened_controlled": "En los últimos 12 meses, ¿su pareja le ha hecho "
            "daño, le ha amenazado, le ha dado miedo o ha intentado controlarle?",
            "afraid_of_reaction": "¿Tiene miedo de cómo reaccionaría su pareja si supiera que "
            "está llenando este formulario?",
        },
        options={
            "feel_safe": {"yes": "Sí", "not_always": "No siempre", "no": "No"},
            "*": YES_NO_ES,
        },
    ),
    "ketamine_medical": Translation(
        version="clinic-ketamine-medical v1 es",
        title="Preguntas médicas",
        intro="Un clínico revisa estas respuestas antes de cualquier sesión con medicamento. "
        "Contestar “sí” o “no estoy seguro(a)” no le descarta: significa que un clínico lo "
        "hablará con usted.",
        items={
            "psychosis": "¿Alguna vez ha tenido esquizofrenia, algún trastorno psicótico o "
            "psicosis? ¿O su madre, padre, hermano, hermana, hijo o hija ha tenido psicosis?",
            "bipolar": "¿Alguna vez ha tenido trastorno bipolar o manía?",
            "blood_pressure": "¿Tiene presión arterial alta que no está bien controlada?",
            "heart_brain": "¿Ha tenido alguna enfermedad del corazón (latidos irregulares, "
            "insuficiencia cardíaca o dolor en el pecho), un derrame cerebral, un aneurisma o "
            "un sangrado en el cerebro?",
            "seizure_liver_thyroid": "¿Ha tenido convulsiones, una enfermedad grave del "
            "hígado, o una enfermedad de la tiroides sin tratar?",
            "pregnancy": "¿Está embarazada, tratando de quedar embarazada o amamantando?",
            "ketamine_or_sud": "¿Ha tenido problemas con la ketamina en el pasado, o tiene "
            "ahora un trastorno por consumo de sustancias?",
            "ketamine_allergy": "¿Ha tenido una alergia o una mala reacción a la ketamina?",
            "medicines": "¿Toma ahora alguno de estos medicamentos: un IMAO, una "
            "benzodiazepina, un opioide o tramadol, un estimulante, o lamotrigina?",
        },
        options={"*": YES_NO_NOT_SURE_ES},
    ),
}

# Asked in English on the Spanish pages, with a note saying why (no validated Spanish
# wording we could find and confirm): PC-PTSD-5, CSI-4.
ENGLISH_ONLY_IN_SPANISH = ("pcptsd5", "csi4")


def has_translation(instrument_key: str, language: str) -> bool:
    """Whether the instrument is asked in `language` (English always is)."""
    return language == ENGLISH or (language == SPANISH and instrument_key in SPANISH_TRANSLATIONS)


def localized(instrument: Instrument, language: str) -> Instrument:
    """The instrument as asked in `language`: same keys, values and scores; the words and the
    recorded version of the translation, or the English instrument itself where there is no
    translation (then the page says it is in English)."""
    translation = SPANISH_TRANSLATIONS.get(instrument.key) if language == SPANISH else None
    if translation is None:
        return instrument
    items = []
    for item in instrument.items:
        labels = translation.options.get(item.key, translation.options.get("*", {}))
        options = tuple(
            dataclasses.replace(option, label=labels.get(option.value, option.label))
            for option in item.options
        )
        help_text = translation.help_texts.get(item.key, "")
        if not help_text and item.help_text:
            help_text = ONLY_IF_YES_ES if item.shown_if else item.help_text
        items.append(
            dataclasses.replace(
                item,
                text=translation.items.get(item.key, item.text),
                options=options,
                help_text=help_text,
            )
        )
    return dataclasses.replace(
        instrument,
        title=translation.title,
        intro=translation.intro,
        version=translation.version,
        items=tuple(items),
        attribution=translation.attribution or instrument.attribution,
    )


def missing_words(translation: Translation, instrument: Instrument) -> list[str]:
    """Items or option labels a translation lacks (a test keeps this empty)."""
    missing = [f"item {i.key}" for i in instrument.items if i.key not in translation.items]
    for item in instrument.items:
        labels = translation.options.get(item.key, translation.options.get("*", {}))
        missing += [f"{item.key}={o.value}" for o in item.options if o.value not in labels]
    return missing
