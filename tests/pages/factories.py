"""Small builders for pages tests (kept here so other apps' factories stay untouched)."""

import datetime
from itertools import count

from django.utils import timezone

from pages.models import (
    FAQEntry,
    Page,
    PageRelation,
    Resource,
    Section,
    Takeaway,
    TreatmentJourney,
)

_numbers = count(1)


def make_page(**fields) -> Page:
    n = next(_numbers)
    defaults = {
        "title": f"Topic {n}",
        "slug": f"topic-{n}",
        "lede": f"Plain words about topic {n}.",
        "meta_description": f"Description of topic {n}.",
        "status": Page.Status.PUBLISHED,
        "published_at": timezone.now() - datetime.timedelta(hours=1),
        "last_reviewed_on": datetime.date(2026, 11, 2),
        "reviewer_name": "Dana Reviewer",
        "reviewer_credentials": "MD, psychiatrist",
        "next_review_due": timezone.localdate() + datetime.timedelta(days=180),
    }
    defaults.update(fields)
    return Page.objects.create(**defaults)


def add_children(page: Page, *, each: int = 2) -> Page:
    """Give `page` `each` sections, FAQ entries, takeaways and resources."""
    for i in range(each):
        Section.objects.create(
            page=page, position=i, heading=f"Heading {i}", body_markdown=f"Body **{i}**."
        )
        FAQEntry.objects.create(
            page=page, position=i, question=f"Question {i}?", answer_markdown=f"Answer {i}."
        )
        Takeaway.objects.create(page=page, position=i, text=f"Takeaway {i}")
        Resource.objects.create(
            page=page,
            position=i,
            title=f"Source {i}",
            publisher="Journal",
            year=2020 + i,
            url=f"https://example.org/{i}",
        )
    return page


def relate(page: Page, other: Page, position: int = 0) -> PageRelation:
    return PageRelation.objects.create(page=page, related_page=other, position=position)


def add_journey(page: Page, **numbers) -> TreatmentJourney:
    return TreatmentJourney.objects.create(page=page, **numbers)
