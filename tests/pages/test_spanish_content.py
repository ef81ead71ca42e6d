"""Pages in Spanish: a reviewed translation per content row, or the English with a clear
Spanish note; never unreviewed words shown as if reviewed; the same query budget."""

import datetime as dt
import re

import pytest
from django.core.cache import cache

from tests.factories import (
    FAQEntryTranslationFactory,
    PageFactory,
    PageTranslationFactory,
    SectionTranslationFactory,
    TakeawayTranslationFactory,
    page_with_children,
)

pytestmark = pytest.mark.django_db

NOTE = "Esta página aún no está disponible en español"


def html_of(client, path) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.content.decode()


def translated_page(**translation):
    page = page_with_children(PageFactory(slug="que-es", title="What it is"), each=2)
    PageTranslationFactory(page=page, title="Qué es", nav_label="Qué es", **translation)
    for section in page.sections.all():
        SectionTranslationFactory(section=section, heading=f"ES {section.heading}")
    for faq in page.faqs.all():
        FAQEntryTranslationFactory(faq=faq, question=f"¿ES {faq.question}")
    for takeaway in page.takeaways.all():
        TakeawayTranslationFactory(takeaway=takeaway, text=f"ES {takeaway.text}")
    return page


def test_a_reviewed_translation_is_the_spanish_page(client):
    translated_page()
    html = html_of(client, "/es/que-es/")
    assert "<h1>Qué es</h1>" in html and "What it is</h1>" not in html
    assert "ES Heading" in html and "¿ES Question" in html and "ES Takeaway" in html
    assert "Revisión médica: Dra. Ana Ruiz, MD, el" in html and "20 de noviembre de 2026" in html
    assert NOTE not in html and "<h1>Qué es</h1>" in html
    assert not re.search(r'<section class="content-section"[^>]*lang=', html)
    # The menu and the English page keep their own words.
    assert ">Qué es</a>" in html
    english = html_of(client, "/que-es/")
    assert "<h1>What it is</h1>" in english and "ES Heading" not in english


def test_an_unreviewed_translation_is_never_shown(client):
    translated_page(reviewed_on=None, reviewer_name="")
    html = html_of(client, "/es/que-es/")
    assert NOTE in html
    assert "What it is</h1>" in html and "Qué es" not in html and "ES Heading" not in html
    # The English words carry lang="en"; the Spanish frame around them does not.
    assert '<h1 lang="en">What it is</h1>' in html and 'class="content-section"' in html
    assert re.search(r'<section class="content-section"[^>]*lang="en"', html)
    assert '<h2 id="questions-and-answers">Preguntas y respuestas</h2>' in html


def test_a_page_without_a_translation_says_so_in_spanish(client):
    page_with_children(PageFactory(slug="solo-ingles", title="Only English"))
    html = html_of(client, "/es/solo-ingles/")
    assert NOTE in html and '<html lang="es">' in html and '<h1 lang="en">Only English</h1>' in html
    assert "Skip to main content" not in html  # the page's own frame is Spanish


def test_a_row_without_its_translation_stays_english_inside_a_translated_page(client):
    page = translated_page()
    extra = page.sections.create(heading="Untranslated", body_markdown="Plain.", position=99)
    html = html_of(client, "/es/que-es/")
    assert extra.heading in html and "ES Heading" in html


@pytest.mark.parametrize("path", ["/que-es/", "/es/que-es/"])
def test_an_uncached_spanish_page_keeps_the_english_query_budget(
    client, django_assert_max_num_queries, path
):
    translated_page()
    cache.clear()
    with django_assert_max_num_queries(4):  # as tests/pages/test_cache.py holds for English
        html_of(client, path)
    with django_assert_max_num_queries(0):
        html_of(client, path)


def test_saving_a_translation_refreshes_the_cached_spanish_page(client):
    page = translated_page()
    assert "Qué es" in html_of(client, "/es/que-es/")
    translation = page.translations.get()
    translation.title = "¿Qué es?"
    translation.reviewed_on = dt.date(2026, 11, 30)
    translation.save()
    assert "<h1>¿Qué es?</h1>" in html_of(client, "/es/que-es/")


def test_the_starter_content_brings_spanish_wording_waiting_for_review(client):
    import io

    from django.core.management import call_command

    from pages.models import (
        FAQEntryTranslation,
        Page,
        PageTranslation,
        SectionTranslation,
        TakeawayTranslation,
    )
    from pages.starter_content import PAGES

    call_command("seed_content", stdout=io.StringIO())
    counts = [m.objects.count() for m in (PageTranslation, SectionTranslation,
              FAQEntryTranslation, TakeawayTranslation)]  # fmt: skip
    call_command("seed_content", stdout=io.StringIO())  # idempotent: nothing twice
    assert counts == [m.objects.count() for m in (PageTranslation, SectionTranslation,
                      FAQEntryTranslation, TakeawayTranslation)]  # fmt: skip
    translations = PageTranslation.objects.select_related("page")
    assert {t.page.slug for t in translations} == {spec["slug"] for spec in PAGES}
    assert len(translations) == len(PAGES) == Page.objects.count()
    assert all(not t.is_reviewed for t in translations)
    assert all(t.title and t.lede and t.meta_description for t in translations)
    # Every section, FAQ entry and takeaway of every starter page has its Spanish row.
    for page in Page.objects.all():
        for rows in (page.sections, page.faqs, page.takeaways):
            assert rows.count() == rows.filter(translations__language="es").count(), page.slug
    # Until a clinician reviews it, /es/ shows the English page and says so.
    html = html_of(client, "/es/what-it-is/")
    assert NOTE in html and "La idea, en palabras sencillas" not in html
    what = PageTranslation.objects.get(page__slug="what-it-is")
    what.reviewed_on, what.reviewer_name = dt.date(2026, 12, 1), "Dra. Ana Ruiz"
    what.save()
    html = html_of(client, "/es/what-it-is/")
    assert NOTE not in html and "La idea, en palabras sencillas" in html


def test_staff_edit_the_spanish_version_in_the_page_admin(admin_client):
    page = translated_page()
    html = admin_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    for label in ("Spanish version", "Spanish sections", "Spanish FAQ entries",
                  "Spanish key takeaways"):  # fmt: skip
        assert label in html, label
    assert "translation reviewed on" in html.lower()


def test_the_starter_spanish_wording_waits_in_the_admin_for_a_clinicians_review(admin_client):
    import io

    from django.core.management import call_command

    from pages.models import Page

    call_command("seed_content", stdout=io.StringIO())
    page = Page.objects.get(slug="how-many-sessions")
    html = admin_client.get(f"/admin/pages/page/{page.pk}/change/").content.decode()
    for spanish in ("¿Cuántas sesiones vamos a necesitar?", "Cada plan es distinto",
                    "Antes de cada sesión con medicamento"):  # fmt: skip
        assert spanish in html, spanish
    # Loaded without a reviewer or a review date: the public still sees the English.
    translation = page.translations.get(language="es")
    assert translation.reviewed_on is None and not translation.reviewer_name
    public = admin_client.get("/es/how-many-sessions/").content.decode()
    assert NOTE in public and "Cada plan es distinto" not in public


def test_the_journey_reads_right_in_spanish_with_ranges_and_single_numbers(client):
    """The ranges are "de 6 a 8": the sentences around them must not say "de de"."""
    from tests.factories import TreatmentJourneyFactory

    journey = TreatmentJourneyFactory(page=translated_page())
    text = re.sub(r"<[^>]+>|\s+", " ", html_of(client, "/es/que-es/"))
    text = re.sub(r"\s+", " ", text)
    assert " de de " not in text
    assert "en un tratamiento que dura de 6 a 8 meses" in text
    journey.months_min = journey.months_max = 6
    journey.save()
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_of(client, "/es/que-es/")))
    assert "en un tratamiento que dura 6 meses" in text and " de de " not in text
