"""Content the clinic's staff edit in Django admin.

A `Page` owns ordered children (sections, FAQ entries, key takeaways, resources, links to
related pages) and, on the "how many sessions" page, a `TreatmentJourney`. Markdown is turned
into sanitized HTML once, when it is saved, never per request. Every save of anything on this
module bumps the public page cache generation (see `pages.cache`).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext, ngettext

from clinic_site.discretion import validate_discreet
from clinic_site.i18n import active_language

from .cache import generation_value
from .markdown_render import render_markdown

# The numbers themselves are always printed after this text (includes/crisis_strip.html).
DEFAULT_CRISIS_TEXT = (
    "In crisis or thinking about suicide? Help is available any time, day or night."
)


DEFAULT_CRISIS_TEXT_ES = (
    "¿Está en crisis o pensando en el suicidio? Hay ayuda a cualquier hora, de día o de noche."
)
DEFAULT_AREA_ES = "Sur de California"
DEFAULT_HOURS_ES = "De lunes a viernes, de 9\u00a0a.\u00a0m. a 5\u00a0p.\u00a0m., hora del Pacífico"
DEFAULT_CONFIDENTIALITY_ES = (
    "Todas las llamadas y los formularios que nos envían son confidenciales."
)


# The sender name in texts, email subjects and calendar entries: neutral on purpose. The
# clinic's own name is a search away from what it treats (issue 12).
DEFAULT_SENDER_NAME = "MC Office"
# Accurate for an off-label treatment: insurance pays part, rarely all (issue 12).
DEFAULT_INSURANCE_NOTE = (
    "We accept most PPO plans. Plans often pay part of the cost of therapy and medical "
    "visits, sometimes as out-of-network benefits (we give you a superbill to claim); "
    "ketamine itself is prescribed off-label and is usually not covered."
)
DEFAULT_INSURANCE_NOTE_ES = (
    "Aceptamos la mayoría de los planes PPO. Los seguros suelen cubrir parte del costo de la "
    "terapia y de las consultas médicas, a veces como beneficio fuera de la red (les damos un "
    "recibo detallado para presentar el reclamo); la ketamina en sí se receta para un uso no "
    "aprobado oficialmente (off-label) y por lo general el seguro no la cubre."
)


def tel_href(phone: str) -> str:
    """A phone number as a `tel:` link target (digits and a leading +1)."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if digits else ""


class SiteSettings(models.Model):
    """The one row of clinic-wide facts shown on every page (name, phone, crisis strip)."""

    clinic_name = models.CharField(max_length=120, default="Moment of Clarity")
    short_name = models.CharField(
        "sender name in messages",
        max_length=40,
        default=DEFAULT_SENDER_NAME,
        validators=[validate_discreet],
        help_text="Starts every text message, email subject and calendar entry, which "
        "housemates, family or an employer may see. Use a neutral name that says nothing "
        "about health or treatment, and not the clinic's full name (anyone can look it up).",
    )
    phone = models.CharField(max_length=20, default="949-625-0564")
    area_served = models.CharField(max_length=120, default="Southern California")
    hours = models.CharField(max_length=200, default="Monday to Friday, 9 am to 5 pm Pacific")
    address = models.TextField(blank=True, default="Orange County, California")
    insurance_note = models.TextField(blank=True, default=DEFAULT_INSURANCE_NOTE)
    confidentiality_statement = models.TextField(
        blank=True, default="All calls and submitted forms are confidential."
    )
    crisis_strip_text = models.TextField(
        default=DEFAULT_CRISIS_TEXT,
        help_text="Shown at the top of every page. The crisis numbers are always shown too.",
    )
    # Spanish wording of the text fields above, for /es/ pages (empty: the English is shown).
    area_served_es = models.CharField(
        "area served (Spanish)", max_length=120, blank=True, default=DEFAULT_AREA_ES
    )
    hours_es = models.CharField(
        "hours (Spanish)", max_length=200, blank=True, default=DEFAULT_HOURS_ES
    )
    insurance_note_es = models.TextField(
        "insurance note (Spanish)", blank=True, default=DEFAULT_INSURANCE_NOTE_ES
    )
    confidentiality_statement_es = models.TextField(
        "confidentiality statement (Spanish)", blank=True, default=DEFAULT_CONFIDENTIALITY_ES
    )
    crisis_strip_text_es = models.TextField(
        "crisis strip text (Spanish)", blank=True, default=DEFAULT_CRISIS_TEXT_ES
    )
    updated_at = models.DateTimeField(auto_now=True)

    TRANSLATED_FIELDS = (
        "area_served",
        "hours",
        "insurance_note",
        "confidentiality_statement",
        "crisis_strip_text",
    )

    class Meta:
        verbose_name = "site settings"
        verbose_name_plural = "site settings"

    def __str__(self):
        return "Site settings"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)  # post_save starts a new content generation

    def delete(self, *args, **kwargs):
        raise RuntimeError("Site settings cannot be deleted")

    def clean(self):
        super().clean()
        if (
            self.short_name
            and self.clinic_name
            and (self.short_name.casefold().strip() == self.clinic_name.casefold().strip())
        ):
            raise ValidationError(
                {
                    "short_name": "Use a neutral sender name, not the clinic's full name: "
                    "anyone who sees the message can look the name up."
                }
            )

    @classmethod
    def load(cls) -> "SiteSettings":
        """The row, kept for the current content generation (pages.cache): every page shows
        it, and saving it starts a new generation (pages.signals)."""
        return generation_value("site-settings", cls._load_row)

    @classmethod
    def _load_row(cls) -> "SiteSettings":
        return cls.objects.get_or_create(pk=1)[0]

    @property
    def phone_href(self) -> str:
        """The phone number as a `tel:` link target (digits and a leading +1)."""
        return tel_href(self.phone)

    @property
    def localized(self) -> dict[str, str]:
        """The text fields in the active language (`site_settings.localized.hours`): the
        Spanish wording on /es/ pages where staff gave one, else the English."""
        language = active_language()
        values = {}
        for name in self.TRANSLATED_FIELDS:
            translated = getattr(self, f"{name}_{language}", "") if language != "en" else ""
            values[name] = translated or getattr(self, name)
        return values


class PageQuerySet(models.QuerySet):
    def published(self):
        """Pages the public may see: published, with a publish time that has arrived."""
        return self.filter(status=Page.Status.PUBLISHED, published_at__lte=timezone.now())

    def review_overdue(self, *, today=None):
        """Pages that need a medical review and were never reviewed or are past due."""
        today = today or timezone.localdate()
        return self.filter(needs_medical_review=True).filter(
            Q(last_reviewed_on__isnull=True)
            | Q(next_review_due__isnull=True)
            | Q(next_review_due__lt=today)
        )


class Page(models.Model):
    """One public page of educational content: the home page, a topic, or the privacy notice."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    class Kind(models.TextChoices):
        HOME = "home", "Home page"
        TOPIC = "topic", "Topic page"
        PRIVACY = "privacy", "Privacy notice"
        PRIVACY_PRACTICES = "privacy_practices", "Notice of Privacy Practices"
        COST = "cost", "Cost and insurance (shows the fees)"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.TOPIC)
    title = models.CharField(max_length=160, help_text="The page's main heading (its h1).")
    slug = models.SlugField(
        max_length=80,
        unique=True,
        help_text="The web address: /<slug>/. The home page is always served at /.",
    )
    nav_label = models.CharField(
        max_length=40, blank=True, help_text="Short name for the menu; the title if empty."
    )
    lede = models.TextField(
        blank=True, help_text="One or two plain sentences shown under the heading."
    )
    nav_order = models.PositiveIntegerField(default=100, help_text="Lower numbers come first.")
    show_in_nav = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="Set automatically when first published; a future time schedules it.",
    )
    seo_title = models.CharField(
        max_length=70, blank=True, help_text="For search results; the title if empty."
    )
    meta_description = models.CharField(
        max_length=170, blank=True, help_text="One sentence for search results and sharing."
    )
    needs_medical_review = models.BooleanField(
        default=True, help_text="Clinical content must be reviewed by a licensed clinician."
    )
    last_reviewed_on = models.DateField("last medically reviewed", null=True, blank=True)
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_credentials = models.CharField(
        max_length=120, blank=True, help_text="For example: MD, board-certified psychiatrist."
    )
    next_review_due = models.DateField(null=True, blank=True)
    effective_on = models.DateField(
        "effective date",
        null=True,
        blank=True,
        help_text="Notice of Privacy Practices only: the date this version of the notice takes "
        "effect. Change it whenever the notice is revised.",
    )
    staff_note = models.TextField(
        "note for staff",
        blank=True,
        help_text="Only staff see this, here and in previews. It is never shown on the website.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PageQuerySet.as_manager()

    class Meta:
        ordering = ["nav_order", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(kind="home"), name="pages_one_home_page"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        if self.kind == self.Kind.HOME:
            return reverse("pages:home")
        return reverse("pages:detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = {}
        if self.reviewer_name and not self.last_reviewed_on:
            errors["last_reviewed_on"] = "Give the date of the review."
        if self.last_reviewed_on and not self.reviewer_name:
            errors["reviewer_name"] = "Give the name of the clinician who reviewed the page."
        if (
            self.last_reviewed_on
            and self.next_review_due
            and self.next_review_due < self.last_reviewed_on
        ):
            errors["next_review_due"] = "The next review must come after the last one."
        if (
            self.kind == self.Kind.PRIVACY_PRACTICES
            and self.status == self.Status.PUBLISHED
            and not self.effective_on
        ):
            errors["effective_on"] = "A published Notice of Privacy Practices needs its date."
        if errors:
            raise ValidationError(errors)

    @property
    def menu_label(self) -> str:
        return self.nav_label or self.title

    @property
    def is_public(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_reviewed(self) -> bool:
        return bool(self.last_reviewed_on and self.reviewer_name)

    @property
    def review_overdue(self) -> bool:
        if not self.needs_medical_review:
            return False
        return (
            not self.is_reviewed
            or self.next_review_due is None
            or self.next_review_due < timezone.localdate()
        )

    def touch(self) -> None:
        """Mark the page as changed when one of its children changes (lastmod, ETag)."""
        Page.objects.filter(pk=self.pk).update(updated_at=timezone.now())


class PageDueForReview(Page):
    """The same pages, listed on the admin index as "Pages due for medical review".

    Only a way in for staff: its admin page forwards to the page list filtered to overdue
    reviews, so every edit still goes through `Page` (and its cache signals).
    """

    class Meta:
        proxy = True
        verbose_name = "page due for medical review"
        verbose_name_plural = "pages due for medical review"


class PageChild(models.Model):
    """Common parts of everything ordered inside a page."""

    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        abstract = True
        ordering = ["position", "id"]

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Page(pk=self.page_id).touch()

    def delete(self, *args, **kwargs):
        page_id = self.page_id
        result = super().delete(*args, **kwargs)
        Page(pk=page_id).touch()
        return result


class Section(PageChild):
    """A headed block of a page. Its heading becomes an entry in the table of contents."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="sections")
    heading = models.CharField(max_length=160)
    anchor = models.SlugField(
        max_length=80,
        blank=True,
        help_text="The #link for the table of contents; made from the heading if empty.",
    )
    body_markdown = models.TextField(
        "body", help_text="Markdown: **bold**, *italic*, - lists, [links](https://...)."
    )
    body_html = models.TextField(editable=False, blank=True)

    class Meta(PageChild.Meta):
        constraints = [
            models.UniqueConstraint(
                fields=["page", "anchor"], name="pages_section_unique_anchor_per_page"
            )
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        if not self.anchor:
            self.anchor = self._free_anchor(slugify(self.heading)[:70] or "section")
        self.body_html = render_markdown(self.body_markdown)
        super().save(*args, **kwargs)

    def _free_anchor(self, base: str) -> str:
        taken = set(
            Section.objects.filter(page_id=self.page_id)
            .exclude(pk=self.pk)
            .values_list("anchor", flat=True)
        )
        anchor, n = base, 2
        while anchor in taken:
            anchor, n = f"{base}-{n}", n + 1
        return anchor


class FAQEntry(PageChild):
    """A question and its answer; a page with entries also publishes FAQPage structured data."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField(max_length=200)
    answer_markdown = models.TextField("answer")
    answer_html = models.TextField(editable=False, blank=True)

    class Meta(PageChild.Meta):
        verbose_name = "FAQ entry"
        verbose_name_plural = "FAQ entries"

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer_markdown)
        super().save(*args, **kwargs)


class Takeaway(PageChild):
    """One short key point, shown as a list near the top of a page."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="takeaways")
    text = models.CharField(max_length=300)

    class Meta(PageChild.Meta):
        verbose_name = "key takeaway"

    def __str__(self):
        return self.text


class Resource(PageChild):
    """A citation or helpful link. Only real, checkable sources belong here."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="resources")
    title = models.CharField(max_length=300)
    publisher = models.CharField("publisher or journal", max_length=200, blank=True)
    year = models.PositiveIntegerField(
        null=True, blank=True, validators=[MinValueValidator(1900), MaxValueValidator(2100)]
    )
    url = models.URLField(max_length=500, blank=True)

    class Meta(PageChild.Meta):
        verbose_name = "resource or citation"
        verbose_name_plural = "resources and citations"

    def __str__(self):
        return self.title


TRANSLATION_LANGUAGES = [("es", "Spanish")]


class PageTranslation(models.Model):
    """A page's wording in another language, with its own medical review.

    Shown on the /es/ page only once a named clinician has reviewed it (reviewed_on and
    reviewer); until then the page shows its English, saying so. Its sections, FAQ entries
    and takeaways are translated row by row (SectionTranslation and the others); a row
    without a translation is shown in English inside the translated page.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="translations")
    language = models.CharField(max_length=8, choices=TRANSLATION_LANGUAGES, default="es")
    title = models.CharField(max_length=160)
    nav_label = models.CharField(max_length=40, blank=True)
    lede = models.TextField(blank=True)
    seo_title = models.CharField(max_length=70, blank=True)
    meta_description = models.CharField(max_length=170, blank=True)
    reviewed_on = models.DateField(
        "translation reviewed on",
        null=True,
        blank=True,
        help_text="Shown to the public only once a clinician has reviewed this translation.",
    )
    reviewer_name = models.CharField("translation reviewed by", max_length=120, blank=True)
    reviewer_credentials = models.CharField(max_length=120, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "translation"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="pages_one_translation_per_language"
            )
        ]

    def __str__(self):
        return f"{self.get_language_display()}: {self.title}"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Page(pk=self.page_id).touch()

    def clean(self):
        if bool(self.reviewed_on) != bool(self.reviewer_name):
            raise ValidationError(
                "Give both the date of the translation's review and who reviewed it."
            )

    @property
    def is_reviewed(self) -> bool:
        return bool(self.reviewed_on and self.reviewer_name)


class ChildTranslation(models.Model):
    """Common parts of a section's, FAQ entry's or takeaway's wording in another language."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="%(class)ss")
    language = models.CharField(max_length=8, choices=TRANSLATION_LANGUAGES, default="es")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.page_id = self.original.page_id
        super().save(*args, **kwargs)
        Page(pk=self.page_id).touch()


class SectionTranslation(ChildTranslation):
    """One section in another language (the anchor stays the English one's)."""

    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="translations")
    heading = models.CharField(max_length=160)
    body_markdown = models.TextField("body", help_text="Markdown, as in the English section.")
    body_html = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = "section translation"
        constraints = [
            models.UniqueConstraint(
                fields=["section", "language"], name="pages_one_section_translation"
            )
        ]

    def __str__(self):
        return self.heading

    def save(self, *args, **kwargs):
        self.body_html = render_markdown(self.body_markdown)
        super().save(*args, **kwargs)

    @property
    def original(self):
        return self.section


class FAQEntryTranslation(ChildTranslation):
    """One question and answer in another language."""

    faq = models.ForeignKey(FAQEntry, on_delete=models.CASCADE, related_name="translations")
    question = models.CharField(max_length=200)
    answer_markdown = models.TextField("answer")
    answer_html = models.TextField(editable=False, blank=True)

    class Meta:
        verbose_name = "FAQ entry translation"
        constraints = [
            models.UniqueConstraint(fields=["faq", "language"], name="pages_one_faq_translation")
        ]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = render_markdown(self.answer_markdown)
        super().save(*args, **kwargs)

    @property
    def original(self):
        return self.faq


class TakeawayTranslation(ChildTranslation):
    """One key takeaway in another language."""

    takeaway = models.ForeignKey(Takeaway, on_delete=models.CASCADE, related_name="translations")
    text = models.CharField(max_length=300)

    class Meta:
        verbose_name = "key takeaway translation"
        constraints = [
            models.UniqueConstraint(
                fields=["takeaway", "language"], name="pages_one_takeaway_translation"
            )
        ]

    def __str__(self):
        return self.text

    @property
    def original(self):
        return self.takeaway


class PageRelation(PageChild):
    """A link from one page to another under "Related pages"."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="relations")
    related_page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+")

    class Meta(PageChild.Meta):
        verbose_name = "related page"
        constraints = [
            models.UniqueConstraint(
                fields=["page", "related_page"], name="pages_relation_unique_pair"
            ),
            models.CheckConstraint(
                condition=~Q(page=models.F("related_page")), name="pages_relation_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.page_id} → {self.related_page_id}"


class TreatmentJourney(models.Model):
    """The numbers behind the treatment-journey picture on the "how many sessions" page."""

    page = models.OneToOneField(Page, on_delete=models.CASCADE, related_name="journey")
    preparation_min = models.PositiveSmallIntegerField(default=2)
    preparation_max = models.PositiveSmallIntegerField(default=3)
    integration_min = models.PositiveSmallIntegerField(
        default=1, help_text="Integration sessions after each medicine session, at least."
    )
    cycles_min = models.PositiveSmallIntegerField(
        "medicine sessions (fewest)", default=2, validators=[MinValueValidator(1)]
    )
    cycles_max = models.PositiveSmallIntegerField("medicine sessions (most)", default=8)
    months_min = models.PositiveSmallIntegerField(default=6)
    months_max = models.PositiveSmallIntegerField(default=8)
    total_min = models.PositiveSmallIntegerField("appointments in all (fewest)", default=5)
    total_max = models.PositiveSmallIntegerField("appointments in all (most)", default=20)
    note = models.CharField(
        max_length=300,
        blank=True,
        default="Every plan is personal and is reviewed with you as you go.",
    )
    note_es = models.CharField(
        "note (Spanish)",
        max_length=300,
        blank=True,
        default="Cada plan es personal y lo revisamos con ustedes a medida que avanzan.",
    )

    def __str__(self):
        return "Treatment journey"

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        Page(pk=self.page_id).touch()

    def clean(self):
        errors = {}
        for low, high in (
            ("preparation_min", "preparation_max"),
            ("cycles_min", "cycles_max"),
            ("months_min", "months_max"),
            ("total_min", "total_max"),
        ):
            low_value, high_value = getattr(self, low), getattr(self, high)
            if None not in (low_value, high_value) and low_value > high_value:
                errors[high] = "Must be at least the smallest number."
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def span(low: int, high: int) -> str:
        """ "2 to 3" or "1" when both ends agree."""
        if low == high:
            return str(low)
        return gettext("{low} to {high}").format(low=low, high=high)

    @property
    def preparation_span(self) -> str:
        return self.span(self.preparation_min, self.preparation_max)

    @property
    def cycles_span(self) -> str:
        return self.span(self.cycles_min, self.cycles_max)

    @property
    def months_span(self) -> str:
        return self.span(self.months_min, self.months_max)

    @property
    def total_span(self) -> str:
        return self.span(self.total_min, self.total_max)

    @property
    def preparation_dots(self) -> list[bool]:
        """One entry per possible preparation session; False marks the optional ones."""
        return [i < self.preparation_min for i in range(self.preparation_max)]

    @property
    def integration_dots(self) -> list[bool]:
        """The required integration sessions, then one optional extra."""
        return [True] * self.integration_min + [False]

    @property
    def localized_note(self) -> str:
        return (active_language() == "es" and self.note_es) or self.note

    @property
    def summary(self) -> str:
        """The whole picture in one sentence (its text equivalent), in the active language."""
        rounds = gettext(
            "Each round has {span} preparation sessions, then one medicine session,"
        ).format(span=self.preparation_span)
        integration = ngettext(
            "then at least {n} integration session.",
            "then at least {n} integration sessions.",
            self.integration_min,
        ).format(n=self.integration_min)
        cycles = ngettext(
            "Most couples have {span} medicine session over {months} months: {total} "
            "appointments in all.",
            "Most couples have {span} medicine sessions over {months} months: {total} "
            "appointments in all.",
            self.cycles_max,
        ).format(span=self.cycles_span, months=self.months_span, total=self.total_span)
        return f"{rounds} {integration} {cycles}"


class Testimonial(models.Model):
    """A couple's words, shown only with recorded consent and only when published."""

    quote = models.TextField()
    attribution = models.CharField(
        max_length=60, help_text="Initials or a first name only, never a full name."
    )
    consent_date = models.DateField(
        null=True, blank=True, help_text="When the couple agreed in writing to be quoted."
    )
    is_published = models.BooleanField("published", default=False)
    position = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(consent_date__isnull=False),
                name="pages_testimonial_published_needs_consent",
            )
        ]

    def __str__(self):
        return f"{self.attribution}: {self.quote[:40]}"

    def clean(self):
        if self.is_published and not self.consent_date:
            raise ValidationError(
                {"consent_date": "Record the date of consent before publishing a testimonial."}
            )


class PageRevision(models.Model):
    """A snapshot of a page and its children after a save in admin: who, when, what changed."""

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="revisions")
    created_at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    summary = models.CharField(max_length=500, help_text="What changed, in words.")
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.page} at {self.created_at:%Y-%m-%d %H:%M}"


class SeededItem(models.Model):
    """Remembers which starter content was created, so a re-run never recreates or edits it."""

    key = models.CharField(max_length=100, unique=True)
    seeded_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class TeamMember(models.Model):
    """A clinician shown on the "Our team" page, the home page and next to their bookings.

    The photo is stored re-encoded (JPEG, at most 480 px, metadata such as GPS removed) in
    the database and served by the site itself, so it works on any host without a media
    server and never carries the original file's EXIF data.
    """

    class LicenceType(models.TextChoices):
        MD = "MD", "Physician and surgeon (MD)"
        DO = "DO", "Osteopathic physician (DO)"
        NP = "NP", "Nurse practitioner (NP)"
        RN = "RN", "Registered nurse (RN)"
        PSYCHOLOGIST = "PSY", "Psychologist (PSY)"
        LMFT = "LMFT", "Licensed marriage and family therapist (LMFT)"
        LCSW = "LCSW", "Licensed clinical social worker (LCSW)"
        LPCC = "LPCC", "Licensed professional clinical counselor (LPCC)"

    name = models.CharField(
        max_length=120, help_text="As patients will see it, e.g. Dr. Alex Rivera."
    )
    role = models.CharField(max_length=120, help_text="e.g. Psychiatrist, Couples therapist.")
    role_es = models.CharField(
        "role (Spanish)", max_length=120, blank=True, help_text="Shown on the Spanish pages."
    )
    credentials = models.CharField(max_length=120, blank=True, help_text="e.g. PsyD, LMFT")
    licence_type = models.CharField(
        "California licence type", max_length=8, choices=LicenceType.choices, blank=True
    )
    licence_number = models.CharField(
        "California licence number",
        max_length=30,
        blank=True,
        help_text="Patients can check it with the California licensing board.",
    )
    languages = models.CharField(
        max_length=200, default="English", help_text="Comma-separated, e.g. English, Spanish."
    )
    bio = models.TextField(max_length=700, blank=True, help_text="Two or three plain sentences.")
    bio_es = models.TextField("bio (Spanish)", max_length=700, blank=True)
    photo = models.BinaryField(null=True, blank=True, editable=False)
    photo_alt = models.CharField(
        "photo description",
        max_length=200,
        blank=True,
        help_text="What the photo shows, for people who cannot see it, e.g. "
        "“Alex Rivera smiling, in a blue shirt”.",
    )
    photo_version = models.CharField(max_length=16, blank=True, editable=False)
    is_published = models.BooleanField("shown on the website", default=True)
    position = models.PositiveIntegerField(default=0, help_text="Lower numbers come first.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    @property
    def localized_role(self) -> str:
        """The role in the active language (the Spanish one on /es/ pages, if given)."""
        return (active_language() == "es" and self.role_es) or self.role

    @property
    def localized_bio(self) -> str:
        return (active_language() == "es" and self.bio_es) or self.bio

    def clean(self):
        if self.licence_number and not self.licence_type:
            raise ValidationError({"licence_type": "Choose the type of this licence."})

    @property
    def initials(self) -> str:
        words = [w for w in self.name.replace("Dr.", "").split() if w[:1].isalpha()]
        return "".join(w[0].upper() for w in (words[:1] + words[-1:] if len(words) > 1 else words))

    @property
    def photo_url(self) -> str:
        if not self.photo_version:
            return ""
        return reverse(
            "pages:team_photo", kwargs={"member_id": self.pk, "version": self.photo_version}
        )

    @property
    def language_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    @property
    def localized_language_list(self) -> list[str]:
        """The languages named in the active language ("English" -> "inglés" on /es/ pages,
        from Django's own catalogue of language names; others as staff typed them)."""
        return [gettext(name) for name in self.language_list]

    @property
    def licence_label(self) -> str:
        if not self.licence_number:
            return ""
        return (
            gettext("California {kind} licence {number}")
            .format(kind=self.licence_type, number=self.licence_number)
            .replace("  ", " ")
        )


class Fee(models.Model):
    """A price the clinic charges, listed on the "Cost and insurance" page as staff set it."""

    name = models.CharField(max_length=120, help_text="e.g. Consultation with a psychiatrist")
    amount = models.CharField(
        max_length=40, help_text="As it should read, e.g. $250 or Free or $400 to $650."
    )
    note = models.CharField(max_length=240, blank=True, help_text="e.g. 60 minutes, per couple")
    name_es = models.CharField("name (Spanish)", max_length=120, blank=True)
    note_es = models.CharField("note (Spanish)", max_length=240, blank=True)
    amount_es = models.CharField("amount (Spanish)", max_length=40, blank=True)
    position = models.PositiveIntegerField(default=0)
    is_published = models.BooleanField("shown on the website", default=True)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return f"{self.name}: {self.amount}"

    @property
    def localized_name(self) -> str:
        return (active_language() == "es" and self.name_es) or self.name

    @property
    def localized_note(self) -> str:
        return (active_language() == "es" and self.note_es) or self.note

    @property
    def localized_amount(self) -> str:
        return (active_language() == "es" and self.amount_es) or self.amount
