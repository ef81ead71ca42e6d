"""Any change to public content makes every cached public page stale (see `pages.cache`)."""

from django.db.models.signals import post_delete, post_save

from clinic_site.outage import service_recovered

from .cache import content_changed
from .models import (
    FAQEntry,
    FAQEntryTranslation,
    Fee,
    Page,
    PageRelation,
    PageTranslation,
    Resource,
    Section,
    SectionTranslation,
    SiteSettings,
    Takeaway,
    TakeawayTranslation,
    TeamMember,
    Testimonial,
    TreatmentJourney,
)

CONTENT_MODELS = (
    Page,
    PageTranslation,
    SectionTranslation,
    FAQEntryTranslation,
    TakeawayTranslation,
    Section,
    FAQEntry,
    Takeaway,
    Resource,
    PageRelation,
    TreatmentJourney,
    Testimonial,
    SiteSettings,
    TeamMember,
    Fee,
)


def _content_saved_or_deleted(sender, **kwargs):
    content_changed()


def _cache_back_after_outage(sender, name, **kwargs):
    """Edits made while Redis was unreachable could not bump the generation; a Redis that
    comes back with its old data would serve stale pages, menu and SiteSettings (all kept
    per generation)."""
    if name == "cache":
        content_changed()


def connect() -> None:
    service_recovered.connect(_cache_back_after_outage, dispatch_uid="pages-cache-recovered")
    for model in CONTENT_MODELS:
        post_save.connect(_content_saved_or_deleted, sender=model, dispatch_uid=f"pages-{model}")
        post_delete.connect(
            _content_saved_or_deleted, sender=model, dispatch_uid=f"pages-del-{model}"
        )
