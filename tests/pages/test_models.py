import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from pages.models import Page, Section, SiteSettings, TreatmentJourney
from pages.models import Testimonial as CoupleTestimonial
from tests.factories import PageFactory, SectionFactory, TreatmentJourneyFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()


@pytest.mark.parametrize(
    ("status", "published_at", "visible"),
    [
        (Page.Status.PUBLISHED, NOW - datetime.timedelta(minutes=1), True),
        (Page.Status.PUBLISHED, NOW + datetime.timedelta(days=1), False),  # scheduled
        (Page.Status.DRAFT, NOW - datetime.timedelta(days=1), False),
        (Page.Status.DRAFT, None, False),
    ],
)
def test_published_shows_only_live_pages(status, published_at, visible):
    page = PageFactory(status=Page.Status.DRAFT, published_at=None)
    Page.objects.filter(pk=page.pk).update(status=status, published_at=published_at)
    assert Page.objects.published().filter(pk=page.pk).exists() is visible


def test_publishing_sets_the_publish_time_once():
    page = PageFactory(status=Page.Status.DRAFT, published_at=None)
    assert page.published_at is None
    page.status = Page.Status.PUBLISHED
    page.save()
    first = page.published_at
    assert first is not None
    page.save()
    assert page.published_at == first


TODAY = datetime.date(2026, 11, 27)


@pytest.mark.parametrize(
    ("fields", "overdue"),
    [
        ({"last_reviewed_on": None, "reviewer_name": "", "next_review_due": None}, True),
        ({"next_review_due": TODAY - datetime.timedelta(days=1)}, True),
        ({"next_review_due": None}, True),
        ({"next_review_due": TODAY}, False),
        ({"next_review_due": TODAY + datetime.timedelta(days=30)}, False),
        ({"needs_medical_review": False, "next_review_due": None}, False),
    ],
)
def test_review_overdue(fields, overdue):
    page = PageFactory(**fields)
    assert Page.objects.review_overdue(today=TODAY).filter(pk=page.pk).exists() is overdue


@pytest.mark.parametrize(
    ("fields", "field_in_error"),
    [
        ({"reviewer_name": "A", "last_reviewed_on": None}, "last_reviewed_on"),
        ({"reviewer_name": "", "last_reviewed_on": TODAY}, "reviewer_name"),
        (
            {"last_reviewed_on": TODAY, "next_review_due": TODAY - datetime.timedelta(days=1)},
            "next_review_due",
        ),
    ],
)
def test_review_fields_must_agree(fields, field_in_error):
    page = PageFactory()
    for name, value in fields.items():
        setattr(page, name, value)
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert field_in_error in error.value.message_dict


def test_only_one_home_page_can_exist():
    PageFactory(kind=Page.Kind.HOME)
    with pytest.raises(IntegrityError):
        PageFactory(kind=Page.Kind.HOME)


def test_section_anchors_come_from_headings_and_stay_unique_within_a_page():
    page = PageFactory()
    first = SectionFactory(page=page, heading="What it is", body_markdown="a")
    second = SectionFactory(page=page, heading="What it is", body_markdown="b")
    other_page = SectionFactory(page=PageFactory(), heading="What it is", body_markdown="c")
    assert (first.anchor, second.anchor, other_page.anchor) == (
        "what-it-is",
        "what-it-is-2",
        "what-it-is",
    )


def test_section_html_is_rendered_at_save():
    page = PageFactory()
    section = SectionFactory(page=page, heading="H", body_markdown="Hi <script>x</script>")
    assert section.body_html == "<p>Hi </p>"
    section.body_markdown = "**Changed**"
    section.save()
    assert Section.objects.get(pk=section.pk).body_html == "<p><strong>Changed</strong></p>"


def test_a_child_save_marks_the_page_as_changed():
    page = PageFactory()
    before = Page.objects.get(pk=page.pk).updated_at
    SectionFactory(page=page, heading="New", body_markdown="x")
    assert Page.objects.get(pk=page.pk).updated_at > before


@pytest.mark.parametrize(
    ("numbers", "bad_field"),
    [
        ({"preparation_min": 4, "preparation_max": 3}, "preparation_max"),
        ({"cycles_min": 9, "cycles_max": 8}, "cycles_max"),
        ({"months_min": 9, "months_max": 8}, "months_max"),
        ({"total_min": 21, "total_max": 20}, "total_max"),
    ],
)
def test_journey_ranges_must_run_low_to_high(numbers, bad_field):
    journey = TreatmentJourney(page=PageFactory(), **numbers)
    with pytest.raises(ValidationError) as error:
        journey.full_clean()
    assert bad_field in error.value.message_dict


def test_journey_summary_reads_from_the_numbers():
    journey = TreatmentJourneyFactory(
        page=PageFactory(), cycles_min=1, cycles_max=1, integration_min=2
    )
    assert "Most couples have 1 medicine session over" in journey.summary  # not "1 to 1"
    assert "at least 2 integration sessions" in journey.summary
    assert journey.preparation_dots == [True, True, False]
    assert journey.integration_dots == [True, True, False]


def test_a_testimonial_cannot_be_published_without_consent():
    testimonial = CoupleTestimonial(quote="Kind words", attribution="J.", is_published=True)
    with pytest.raises(ValidationError) as error:
        testimonial.full_clean()
    assert "consent_date" in error.value.message_dict
    with pytest.raises(IntegrityError):
        testimonial.save()


def test_site_settings_is_a_single_undeletable_row():
    first = SiteSettings.load()
    SiteSettings(clinic_name="Other").save()
    assert SiteSettings.objects.count() == 1
    assert SiteSettings.load().clinic_name == "Other"
    with pytest.raises(RuntimeError):
        first.delete()


@pytest.mark.parametrize(
    ("phone", "href"),
    [("949-625-0564", "tel:+19496250564"), ("+1 (949) 625-0564", "tel:+19496250564")],
)
def test_phone_href(phone, href):
    assert SiteSettings(phone=phone).phone_href == href
