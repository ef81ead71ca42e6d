import io

import pytest
from django.core.management import call_command

from pages.models import FAQEntry, Page, PageRelation, Resource, Section, Takeaway
from pages.starter_content import PAGES, RESOURCES

pytestmark = pytest.mark.django_db


def seed() -> str:
    out = io.StringIO()
    call_command("seed_content", stdout=out)
    return out.getvalue()


def counts() -> dict:
    return {
        model.__name__: model.objects.count()
        for model in (Page, Section, FAQEntry, Takeaway, Resource, PageRelation)
    }


def test_seeding_twice_creates_everything_once():
    assert f"created {len(PAGES)} page(s)" in seed()
    first = counts()
    assert "nothing to do" in seed()
    assert counts() == first
    assert first["Page"] == len(PAGES)


def test_reseeding_keeps_staff_edits_and_deletions():
    seed()
    page = Page.objects.get(slug="what-it-is")
    page.title = "Edited by staff"
    page.save()
    section = page.sections.first()
    section.body_markdown = "Staff words."
    section.save()
    Page.objects.get(slug="how-it-differs").delete()

    seed()
    page.refresh_from_db()
    assert page.title == "Edited by staff"
    assert page.sections.first().body_markdown == "Staff words."
    assert not Page.objects.filter(slug="how-it-differs").exists()


def test_a_page_staff_made_first_is_left_alone():
    Page.objects.create(slug="privacy", title="Our own privacy page", kind=Page.Kind.PRIVACY)
    seed()
    assert Page.objects.get(slug="privacy").title == "Our own privacy page"
    assert not Page.objects.get(slug="privacy").sections.exists()


def test_starter_content_covers_every_topic_in_the_brief(client):
    seed()
    slugs = set(Page.objects.published().values_list("slug", flat=True))
    assert {
        "who-can-benefit",
        "what-it-is",
        "how-it-differs",
        "depression-and-anxiety",
        "how-many-sessions",
        "key-takeaways-and-faq",
        "privacy",
    } <= slugs
    faq_page = Page.objects.get(slug="key-takeaways-and-faq")
    assert faq_page.takeaways.count() == 5 and faq_page.faqs.count() >= 5
    assert Page.objects.get(slug="how-many-sessions").journey.total_max == 20
    for page in Page.objects.published():
        assert client.get(page.get_absolute_url()).status_code == 200, page.slug
    off_label = client.get("/depression-and-anxiety/").content.decode()
    assert "not FDA-approved" in off_label and "off-label" in off_label
    privacy = client.get("/privacy/").content.decode()
    assert 'id="notice-of-privacy-practices"' in privacy


def test_starter_content_makes_no_review_claim_and_no_testimonials():
    seed()
    assert not Page.objects.exclude(reviewer_name="").exists()
    from pages.models import Testimonial as CoupleTestimonial

    assert not CoupleTestimonial.objects.exists()


@pytest.mark.parametrize("key", sorted(RESOURCES))
def test_every_starter_resource_is_a_complete_https_reference(key):
    resource = RESOURCES[key]
    assert resource["url"].startswith("https://")
    assert resource["title"] and resource["publisher"]
    assert " " not in resource["url"]


def test_crisis_numbers_in_starter_copy_are_current():
    text = str(PAGES)
    assert "press 3" not in text  # the 988 LGBTQ+ option ended on 17 July 2025
    assert "988 and press 1" in text


def test_the_insurance_lines_are_accurate_for_an_off_label_treatment(client):
    """Issue 12: "may cover treatment in full" overpromised. Part, not all; how; what not."""
    seed()
    html = client.get("/").content.decode()
    answer = FAQEntry.objects.get(question="Will insurance pay for it?").answer_html
    footer = html[html.index("<footer") :]
    for text in (answer, footer):
        assert "in full" not in text
        assert "out-of-network" in text and "superbill" in text
        assert "off-label" in text and "usually not covered" in text
    assert "Usually for part of it, rarely for all of it." in answer
    assert "couples sessions on their own may not be covered" in answer
