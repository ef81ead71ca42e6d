"""Content the clinic's staff edit in Django admin."""

from django.core.cache import cache
from django.db import models

DEFAULT_CRISIS_TEXT = (
    "In an emergency call 911. Thinking about suicide or in crisis? Call or text 988. "
    "Veterans: call 988 and press 1."
)


class SiteSettings(models.Model):
    """The one row of clinic-wide facts shown on every page (name, phone, crisis strip)."""

    clinic_name = models.CharField(max_length=120, default="Moment of Clarity")
    short_name = models.CharField(
        max_length=40,
        default="Moment of Clarity",
        help_text="Used in text messages, emails and calendar files: keep it discreet.",
    )
    phone = models.CharField(max_length=20, default="949-625-0564")
    area_served = models.CharField(max_length=120, default="Southern California")
    hours = models.CharField(max_length=200, default="Monday to Friday, 9 am to 5 pm Pacific")
    address = models.TextField(blank=True, default="Orange County, California")
    insurance_note = models.TextField(
        blank=True,
        default="We accept most PPO insurance plans, which may cover treatment in full.",
    )
    confidentiality_statement = models.TextField(
        blank=True, default="All calls and submitted forms are confidential."
    )
    crisis_strip_text = models.TextField(
        default=DEFAULT_CRISIS_TEXT,
        help_text="Shown at the top of every page. The crisis numbers are always shown too.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    CACHE_KEY = "site-settings:v1"

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    def delete(self, *args, **kwargs):
        raise RuntimeError("Site settings cannot be deleted")

    @classmethod
    def load(cls) -> "SiteSettings":
        obj = cache.get(cls.CACHE_KEY)
        if obj is None:
            obj, _ = cls.objects.get_or_create(pk=1)
            cache.set(cls.CACHE_KEY, obj, timeout=300)
        return obj
