"""The inquiry and each partner's screening in Spanish (/es/…): Spanish words, the published
Spanish versions of the PHQ-9, GAD-7 and AUDIT-C word for word, English (said so) where no
validated Spanish version exists, and results that record the language and version asked."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from intake import instrument_languages, instruments
from intake.instrument_languages import SPANISH_TRANSLATIONS, localized, missing_words
from intake.models import InstrumentResult
from intake.services import screening_link_token
from tests.factories import InquiryFactory, PartnerScreeningFactory

from .flow import CONCERNS, CONSENT, CONTACT, ELIGIBLE, INTEREST, calm_answers, post_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner():
    inquiry = InquiryFactory(contact_name="Dana Whitfield")
    PartnerScreeningFactory(inquiry=inquiry, role="submitter", name="Dana")
    return PartnerScreeningFactory(inquiry=inquiry, role="partner", name="Robin")


def spanish_url(screening) -> str:
    with translation.override("es"):
        return reverse("intake:screening", args=[screening_link_token(screening=screening)])


@pytest.mark.parametrize("key", sorted(SPANISH_TRANSLATIONS))
def test_each_spanish_version_words_every_item_and_answer(key):
    instrument = instruments.get(key)
    assert missing_words(SPANISH_TRANSLATIONS[key], instrument) == []
    spanish = localized(instrument, "es")
    # Same questions, same answers, same scores: only the words differ.
    assert [i.key for i in spanish.items] == [i.key for i in instrument.items]
    for ours, theirs in zip(spanish.items, instrument.items, strict=True):
        assert [(o.value, o.score, o.flag) for o in ours.options] == [
            (o.value, o.score, o.flag) for o in theirs.options
        ]
    assert spanish.version != instrument.version and spanish.version.endswith(("es", "es-US"))


def test_the_phq9_and_gad7_are_the_published_spanish_versions_word_for_word():
    phq9 = localized(instruments.PHQ9, "es")
    assert phq9.item("q1").text == "Poco interés o placer en hacer cosas"
    assert phq9.item("q9").text == (
        "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera"
    )
    assert [o.label for o in phq9.item("q1").options] == [
        "Ningún día", "Varios días", "Más de la mitad de los días", "Casi todos los días",
    ]  # fmt: skip
    gad7 = localized(instruments.GAD7, "es")
    assert gad7.item("q2").text == "No ha sido capaz de parar o controlar su preocupación"
    assert "No se requiere permiso para reproducir" in phq9.attribution


def test_the_auditc_is_the_who_spanish_audit_items_1_to_3_word_for_word():
    auditc = localized(instruments.AUDITC, "es")
    assert auditc.version == "AUDIT-C (1998) v1 OMS-2001 es"
    assert [auditc.item(k).text for k in ("q1", "q2", "q3")] == [
        "¿Con qué frecuencia consume alguna bebida alcohólica?",
        "¿Cuántas consumiciones de bebidas alcohólicas suele realizar en un día de consumo normal?",
        "¿Con qué frecuencia toma 6 o más bebidas alcohólicas en un solo día?",
    ]
    labels = {k: [o.label for o in auditc.item(k).options] for k in ("q1", "q2", "q3")}
    assert labels == {
        "q1": ["Nunca", "Una o menos veces al mes", "De 2 a 4 veces al mes",
               "De 2 a 3 veces a la semana", "4 o más veces a la semana"],
        "q2": ["1 o 2", "3 o 4", "5 o 6", "De 7 a 9", "10 o más"],
        "q3": ["Nunca", "Menos de una vez al mes", "Mensualmente", "Semanalmente",
               "A diario o casi a diario"],
    }  # fmt: skip
    assert "WHO/MSD/MSB/01.6a" in auditc.attribution and "Bush K" in auditc.attribution
    assert auditc.item("sex_at_birth").help_text.startswith("Se lo preguntamos solo")


@pytest.mark.parametrize("key", instrument_languages.ENGLISH_ONLY_IN_SPANISH)
def test_without_a_validated_spanish_version_the_instrument_stays_english(key):
    instrument = instruments.get(key)
    assert localized(instrument, "es") is instrument
    assert not instrument_languages.has_translation(key, "es")


def test_every_instrument_is_either_in_spanish_or_listed_as_english_only():
    translated = set(SPANISH_TRANSLATIONS)
    english_only = set(instrument_languages.ENGLISH_ONLY_IN_SPANISH)
    assert translated.isdisjoint(english_only)
    assert translated | english_only == set(instruments.BY_KEY)
    published = {k for k, t in SPANISH_TRANSLATIONS.items() if t.published}
    assert published == {"phq9", "gad7", "auditc"}


@pytest.mark.parametrize(
    ("instrument", "answers"),
    [
        (instruments.PHQ9, {f"q{n}": str(n % 4) for n in range(1, 10)}),
        (instruments.AUDITC, {"q1": "2", "q2": "1", "q3": "0", "sex_at_birth": "female"}),
        (instruments.AUDITC, {"q1": "2", "q2": "1", "q3": "0", "sex_at_birth": "male"}),
        (instruments.AUDITC, {"q1": "4", "q2": "4", "q3": "4", "sex_at_birth": ""}),
    ],
)
def test_scoring_a_spanish_version_is_the_same_as_the_english_one(instrument, answers):
    english = instruments.score(instrument, answers)
    spanish = instruments.score(localized(instrument, "es"), answers)
    assert (english.total, english.band, english.positive, english.flagged_items) == (
        spanish.total, spanish.band, spanish.positive, spanish.flagged_items,
    )  # fmt: skip
    assert spanish.version != english.version


def first_section(client, url):
    """The first questionnaire page (a partner confirms their own contact details first)."""
    page = client.get(url)
    if "instrument" not in page.context:
        assert "¿cómo podemos comunicarnos con usted?" in page.content.decode()
        response = client.post(
            url,
            {"preferred_contact": "phone", "phone": "949-555-0177", "sms_safe": "no",
             "voicemail_ok": "no"},
        )  # fmt: skip
        assert response.status_code == 302, response.content.decode()[:2000]
        page = client.get(url)
    return page


def test_a_partner_answers_the_phq9_in_spanish_and_the_result_records_it(client, partner):
    url = spanish_url(partner)
    assert url.startswith("/es/inquiry/s/")
    page = first_section(client, url)
    html = page.content.decode()
    assert '<html lang="es">' in html
    assert "Sección 1 de 8" in html and "Poco interés o placer en hacer cosas" in html
    assert "Casi todos los días" in html and "Guardar y continuar" in html
    assert "Little interest" not in html and "Save and continue" not in html
    response = post_section(client, url, "phq9", calm_answers("phq9"))
    assert response.status_code == 302
    result = InstrumentResult.objects.get(screening=partner, instrument="phq9")
    assert (result.language, result.version) == ("es", "PHQ-9 (2001) v1 es-US")
    assert result.total == 0


def test_an_english_only_section_says_so_in_spanish_and_records_english(client, partner):
    url = spanish_url(partner)
    first_section(client, url)
    for key in ("phq9", "gad7"):
        assert post_section(client, url, key, calm_answers(key)).status_code == 302
    page = client.get(url)
    assert page.context["instrument"].key == "pcptsd5"
    html = page.content.decode()
    assert "Esta sección está en inglés." in html
    assert re.search(r'<div class="question-list" lang="en">', html)
    post_section(client, url, "pcptsd5", calm_answers("pcptsd5"))
    result = InstrumentResult.objects.get(screening=partner, instrument="pcptsd5")
    assert (result.language, result.version) == ("en", instruments.PCPTSD5.version)


def test_the_auditc_is_asked_in_spanish_and_the_result_records_the_who_version(client, partner):
    url = spanish_url(partner)
    first_section(client, url)
    for key in ("phq9", "gad7", "pcptsd5"):
        assert post_section(client, url, key, calm_answers(key)).status_code == 302
    page = client.get(url)
    assert page.context["instrument"].key == "auditc"
    html = page.content.decode()
    assert "Esta sección está en inglés." not in html
    assert '<div class="question-list">' in html
    assert "¿Con qué frecuencia consume alguna bebida alcohólica?" in html
    assert "A diario o casi a diario" in html and "Prefiero no decirlo" in html
    assert "How often" not in html and "Daily or almost daily" not in html
    answers = {"q1": "2", "q2": "1", "q3": "0", "sex_at_birth": "female"}
    assert post_section(client, url, "auditc", answers).status_code == 302
    result = InstrumentResult.objects.get(screening=partner, instrument="auditc")
    assert (result.language, result.version) == ("es", "AUDIT-C (1998) v1 OMS-2001 es")
    assert (result.total, result.positive) == (3, True)  # women: positive at 3, as in English


def test_the_inquiry_steps_are_in_spanish(client):
    html = client.get("/es/inquiry/").content.decode()
    assert '<html lang="es">' in html
    spanish = (
        "Solicitud confidencial", "Paso 1 de 6: Sobre usted", "Su nombre", "Continuar",
        "¿Cómo debemos comunicarnos con usted?", "Llamada telefónica",
    )  # fmt: skip
    for words in spanish:
        assert words in html, words
    for english in ("Your name", "Step 1", "Continue</button>", "Phone call"):
        assert english not in html, english


def test_a_spanish_error_is_spanish(client):
    response = client.post("/es/inquiry/step/1/", {"next": "1"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Escriba su nombre." in html and "Por favor, revise estas" in html


def send_inquiry_in_spanish(client, *, partner: dict):
    steps = [CONTACT, partner, ELIGIBLE, CONCERNS, INTEREST]
    for number, data in enumerate(steps, start=1):
        response = client.post(f"/es/inquiry/step/{number}/", data)
        assert response.status_code == 302, response.content.decode()[:2000]
        assert response.url == f"/es/inquiry/step/{number + 1}/"
    token = client.get("/es/inquiry/step/6/").context["form"].initial["submission_token"]
    response = client.post("/es/inquiry/step/6/", {**CONSENT, "submission_token": token})
    assert response.status_code == 302 and response.url == "/es/inquiry/sent/"
    return client.get(response.url)


def test_a_spanish_inquiry_keeps_each_persons_language_and_writes_to_them_in_it(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from intake.models import Inquiry

    partner = {
        "partner_first_name": "Robin",
        "partner_email": "robin@example.com",
        "partner_email_consent": "on",
    }
    with django_capture_on_commit_callbacks(execute=True):
        done = send_inquiry_in_spanish(client, partner=partner)
    html = done.content.decode()
    assert "Gracias: su solicitud fue enviada" in html and "/es/inquiry/s/" in html
    assert "/es/book/?inquiry=" in html
    inquiry = Inquiry.objects.get()
    assert inquiry.language == "es"
    assert {s.role: s.language for s in inquiry.screenings.all()} == {
        "submitter": "es", "partner": "es",
    }  # fmt: skip
    assert "Leí el aviso de privacidad" in inquiry.privacy_notice_wording
    # Both links go by email (consented), in Spanish, opening the Spanish pages.
    assert len(mail.outbox) == 2
    for email in mail.outbox:
        assert "Hola:" in email.body and "/es/inquiry/s/" in email.body
        assert "Hello" not in email.body and "enlace privado" in email.subject


def test_a_partner_who_opens_their_link_in_english_gets_english_from_then_on(client):
    inquiry = InquiryFactory(language="es")
    PartnerScreeningFactory(inquiry=inquiry, role="submitter", language="es")
    partner = PartnerScreeningFactory(inquiry=inquiry, role="partner", language="es")
    english_url = reverse("intake:screening", args=[screening_link_token(screening=partner)])
    page = client.get(english_url)
    if "instrument" not in page.context:
        client.post(english_url, {"preferred_contact": "phone", "phone": "949-555-0177",
                                  "sms_safe": "no", "voicemail_ok": "no"})  # fmt: skip
    post_section(client, english_url, "phq9", calm_answers("phq9"))
    partner.refresh_from_db()
    assert partner.language == "en"
