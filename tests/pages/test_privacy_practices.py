"""The Notice of Privacy Practices (45 CFR 164.520): its own page, seeded, linked everywhere."""

import datetime
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from pages.models import Page, SeededItem, SiteSettings
from pages.services import starter_content_seed
from pages.starter_content import PAGES, RESOURCES
from tests.factories import PageFactory

pytestmark = pytest.mark.django_db

NPP_URL = "/notice-of-privacy-practices/"
HEADER = (
    "THIS NOTICE DESCRIBES HOW MEDICAL INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED AND "
    "HOW YOU CAN GET ACCESS TO THIS INFORMATION. PLEASE REVIEW IT CAREFULLY."
)


def seed() -> None:
    call_command("seed_content", stdout=io.StringIO())


def text_of(response) -> str:
    assert response.status_code == 200, response.status_code
    html = response.content.decode()
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# Each required element of the notice, and words that show it is there.
REQUIRED_ELEMENTS = [
    ("header statement", HEADER),
    ("duty: privacy", "keep your protected health information private"),
    ("duty: follow the notice", "follow the terms of the notice that is currently in effect"),
    ("duty: breach", "tell you promptly if a breach occurs"),
    ("treatment", "Treatment."),
    ("payment", "Payment."),
    ("operations", "Health care operations."),
    ("required by law", "When the law requires it"),
    ("public health and safety", "Public health and safety"),
    ("family involved in care", "Family and friends."),
    ("California CMIA", "Confidentiality of Medical Information Act"),
    ("psychotherapy notes", "Psychotherapy notes."),
    ("42 CFR Part 2", "42 CFR Part 2"),
    ("authorization needed", "We must have your written authorization"),
    ("revoke", "You may take back (revoke) an authorization at any time"),
    ("right: access", "See and get a copy of your records."),
    ("right: amendment", "Ask us to correct your records."),
    ("right: accounting", "Get a list of disclosures."),
    ("right: restrictions", "Ask us to limit what we use or share."),
    ("right: confidential communications", "Ask for confidential communications."),
    ("right: paper copy", "Get a paper copy of this notice"),
    ("right: breach notification", "Be told about a breach."),
    ("complaint to HHS OCR", "Office for Civil Rights"),
    ("no retaliation", "We will not retaliate against you"),
    ("changes", "Changes to this notice"),
    ("contact", "contact the Privacy Officer at Moment of Clarity"),
]


@pytest.mark.parametrize(
    ("element", "words"), REQUIRED_ELEMENTS, ids=[e for e, _ in REQUIRED_ELEMENTS]
)
def test_the_seeded_notice_has_every_required_element(client, element, words):
    seed()
    assert words in text_of(client.get(NPP_URL)), element


def test_the_notice_is_published_with_its_effective_date_and_not_in_the_menu(client):
    seed()
    notice = Page.objects.get(slug="notice-of-privacy-practices")
    assert notice.kind == Page.Kind.PRIVACY_PRACTICES and notice.is_public
    assert notice.effective_on == timezone.localdate()
    assert not notice.show_in_nav and not notice.needs_medical_review
    html = client.get(NPP_URL).content.decode()
    assert f'Effective date: <time datetime="{notice.effective_on:%Y-%m-%d}">' in html
    menu = html[html.index('aria-label="Main"') : html.index("</nav>")]
    assert NPP_URL not in menu


def test_the_contact_comes_from_site_settings(client):
    seed()
    settings_row = SiteSettings.load()
    settings_row.phone = "714-555-0188"
    settings_row.save()
    html = client.get(NPP_URL).content.decode()
    contact = html[
        html.index('id="privacy-contact"') : html.index(
            "</section>", html.index('id="privacy-contact"')
        )
    ]
    assert 'href="tel:+17145550188">714-555-0188</a>' in contact


def test_the_header_statement_stays_when_staff_rewrite_the_lede(client):
    PageFactory(
        kind=Page.Kind.PRIVACY_PRACTICES,
        slug="npp",
        title="Notice",
        lede="Our own words.",
        effective_on=datetime.date(2026, 12, 1),
    )
    text = text_of(client.get("/npp/"))
    assert HEADER in text and "Our own words." in text
    assert "Effective date: December 1, 2026" in text


def test_the_counsel_note_is_for_staff_only(client, admin_client):
    seed()
    notice = Page.objects.get(slug="notice-of-privacy-practices")
    assert "counsel" in notice.staff_note.lower()
    assert "counsel" not in client.get(NPP_URL).content.decode().lower()
    change = admin_client.get(f"/admin/pages/page/{notice.pk}/change/").content.decode()
    assert "STARTER TEXT FOR COUNSEL REVIEW" in change
    preview = admin_client.get(f"/admin/pages/page/{notice.pk}/preview/").content.decode()
    assert "Note for staff (not shown to the public)" in preview
    assert "STARTER TEXT FOR COUNSEL REVIEW" in preview
    # The preview is not what the public gets, and the public copy is still note-free.
    assert "STARTER TEXT" not in client.get(NPP_URL).content.decode()


@pytest.mark.parametrize("path", ["/", "/what-it-is/", "/privacy/", NPP_URL])
def test_the_footer_link_goes_to_the_notice_itself(client, path):
    seed()
    html = client.get(path).content.decode()
    footer = html[html.index("<footer") :]
    assert f'<a href="{NPP_URL}">Notice of Privacy Practices</a>' in footer
    assert "#notice-of-privacy-practices" not in footer


def test_the_privacy_notice_stays_and_links_to_the_full_notice(client):
    seed()
    html = client.get("/privacy/").content.decode()
    assert 'id="notice-of-privacy-practices"' in html  # the summary section is still there
    box = html[html.index('class="npp-link-box"') :]
    assert f'<a href="{NPP_URL}">Notice of Privacy Practices</a>' in box[: box.index("</p>")]


def test_a_site_seeded_before_the_notice_existed_gets_it_on_the_next_run_untouched_otherwise():
    npp_key = "page:notice-of-privacy-practices"
    older = [
        {**spec, "related": [key for key in spec.get("related", []) if key != npp_key]}
        for spec in PAGES
        if spec["key"] != npp_key
    ]
    starter_content_seed(pages=older, resources=RESOURCES)
    privacy = Page.objects.get(slug="privacy")
    privacy.title = "Edited privacy notice"
    privacy.save()

    seed()
    assert Page.objects.filter(slug="notice-of-privacy-practices").exists()
    privacy.refresh_from_db()
    assert privacy.title == "Edited privacy notice"


def test_reseeding_never_overwrites_or_recreates_the_notice():
    seed()
    notice = Page.objects.get(slug="notice-of-privacy-practices")
    notice.staff_note = ""
    notice.effective_on = datetime.date(2027, 1, 1)
    notice.save()
    section = notice.sections.get(heading="Complaints")
    section.body_markdown = "Counsel's wording."
    section.save()
    seed()
    notice.refresh_from_db()
    assert notice.staff_note == "" and notice.effective_on == datetime.date(2027, 1, 1)
    assert notice.sections.get(heading="Complaints").body_markdown == "Counsel's wording."

    notice.delete()
    seed()
    assert not Page.objects.filter(slug="notice-of-privacy-practices").exists()
    assert SeededItem.objects.filter(key="page:notice-of-privacy-practices").exists()


def test_a_published_notice_needs_an_effective_date():
    notice = Page(
        kind=Page.Kind.PRIVACY_PRACTICES,
        slug="npp",
        title="Notice of Privacy Practices",
        status=Page.Status.PUBLISHED,
        needs_medical_review=False,
    )
    with pytest.raises(ValidationError) as error:
        notice.full_clean()
    assert "effective_on" in error.value.message_dict
    notice.status = Page.Status.DRAFT
    notice.full_clean()  # a draft may wait for counsel's date
