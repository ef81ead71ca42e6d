"""Writes for page content: revision snapshots and reverting to one; team photos."""

import hashlib
import io

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageOps, UnidentifiedImageError

from .models import (
    FAQEntry,
    FAQEntryTranslation,
    Page,
    PageRelation,
    PageRevision,
    PageTranslation,
    Resource,
    Section,
    SectionTranslation,
    Takeaway,
    TakeawayTranslation,
    TreatmentJourney,
)

# (snapshot key, model, label used in "what changed")
CHILDREN = (
    ("sections", Section, "sections"),
    ("faqs", FAQEntry, "FAQ entries"),
    ("takeaways", Takeaway, "key takeaways"),
    ("resources", Resource, "resources"),
    ("relations", PageRelation, "related pages"),
)
# The children with wording in other languages: (translation model, its link to the child).
# A snapshot keeps each child's translations in its row ("translations"), and the page's
# own translations (with their review) under "page_translations".
CHILD_TRANSLATIONS = {
    "sections": (SectionTranslation, "section"),
    "faqs": (FAQEntryTranslation, "faq"),
    "takeaways": (TakeawayTranslation, "takeaway"),
}
_SKIP_FIELDS = {"id", "page", "created_at", "updated_at"}


def _editable_fields(model):
    return [
        f
        for f in model._meta.concrete_fields
        if f.name not in _SKIP_FIELDS and f.editable and not f.primary_key
    ]


def _row(obj) -> dict:
    encoder = DjangoJSONEncoder()
    row = {}
    for f in _editable_fields(type(obj)):
        value = f.value_from_object(obj)
        row[f.attname] = (
            value if isinstance(value, str | int | bool | None) else encoder.default(value)
        )
    return row


def _restore(model, row: dict) -> dict:
    fields = {f.attname: f for f in _editable_fields(model)}
    return {name: fields[name].to_python(value) for name, value in row.items() if name in fields}


def page_snapshot(*, page: Page) -> dict:
    """Everything staff can edit on `page`, its translations included, as JSON-ready data."""
    snapshot = {"page": _row(page)}
    for key, model, _label in CHILDREN:
        children = list(model.objects.filter(page=page))
        rows = [_row(child) for child in children]
        if key in CHILD_TRANSLATIONS:
            translation_model, link = CHILD_TRANSLATIONS[key]
            by_child: dict[int, list[dict]] = {child.pk: [] for child in children}
            for translation in translation_model.objects.filter(page=page).order_by("language"):
                row = _row(translation)
                by_child[row.pop(f"{link}_id")].append(row)
            for row, child in zip(rows, children, strict=True):
                row["translations"] = by_child[child.pk]
        snapshot[key] = rows
    snapshot["page_translations"] = [
        _row(translation) for translation in page.translations.order_by("language")
    ]
    journey = TreatmentJourney.objects.filter(page=page).first()
    snapshot["journey"] = _row(journey) if journey else None
    return snapshot


def _without_translations(rows: list[dict]) -> list[dict]:
    return [{k: v for k, v in row.items() if k != "translations"} for row in rows]


def _translations_of(snapshot: dict) -> list | None:
    """All the snapshot's translated wording; None for a snapshot from before translations
    were recorded (nothing can be said about what changed in them)."""
    if "page_translations" not in snapshot:
        return None
    children = [
        [row.get("translations") for row in snapshot.get(key, [])] for key in CHILD_TRANSLATIONS
    ]
    return [snapshot["page_translations"], children]


def _describe_changes(old: dict | None, new: dict) -> str:
    if old is None:
        return "First recorded version."
    changed = [
        Page._meta.get_field(name.removesuffix("_id")).verbose_name
        for name in new["page"]
        if old.get("page", {}).get(name) != new["page"][name]
    ]
    changed += [
        label
        for key, _m, label in CHILDREN
        if _without_translations(old.get(key, [])) != _without_translations(new[key])
    ]
    if old.get("journey") != new["journey"]:
        changed.append("treatment journey")
    old_translations = _translations_of(old)
    if old_translations is not None and old_translations != _translations_of(new):
        changed.append("translations")
    return ("Changed: " + ", ".join(changed) + ".") if changed else "Saved with no changes."


def page_revision_create(*, page: Page, user=None, summary: str = "") -> PageRevision:
    """Record the page as it is now, saying what changed since the last revision."""
    snapshot = page_snapshot(page=page)
    previous = page.revisions.order_by("-created_at", "-id").first()
    return PageRevision.objects.create(
        page=page,
        user=user,
        snapshot=snapshot,
        summary=(summary or _describe_changes(previous.snapshot if previous else None, snapshot))[
            :500
        ],
    )


@transaction.atomic
def page_revert(*, revision: PageRevision, user=None) -> PageRevision:
    """Put the page and all its children back as they were in `revision`."""
    page = Page.objects.select_for_update().get(pk=revision.page_id)
    snapshot = revision.snapshot
    for name, value in _restore(Page, snapshot["page"]).items():
        setattr(page, name, value)
    page.full_clean()  # e.g. another page has taken the slug since: refuse, change nothing
    page.save()

    # Today's translations: a revision recorded before translations were snapshotted keeps
    # them (each child's by its position), rather than losing them with the deleted rows.
    today = page_snapshot(page=page)
    existing_ids = set(Page.objects.values_list("id", flat=True))
    for key, model, _label in CHILDREN:
        model.objects.filter(page=page).delete()
        kept = {row.get("position"): row.get("translations", []) for row in today[key]}
        for row in snapshot.get(key, []):
            values = _restore(model, row)
            if model is PageRelation and values.get("related_page_id") not in existing_ids:
                continue  # the linked page has since been deleted
            child = model(page=page, **values)
            child.save()
            if key in CHILD_TRANSLATIONS:
                translation_model, link = CHILD_TRANSLATIONS[key]
                for translated in row.get("translations", kept.get(row.get("position"), [])):
                    values = _restore(translation_model, translated)
                    translation_model(**{link: child}, **values).save()
    if "page_translations" in snapshot:
        # The page's wording in each language goes back with its review (date, reviewer):
        # a review belongs to the words that were reviewed.
        page.translations.all().delete()
        for row in snapshot["page_translations"]:
            PageTranslation(page=page, **_restore(PageTranslation, row)).save()

    TreatmentJourney.objects.filter(page=page).delete()
    if snapshot.get("journey"):
        TreatmentJourney(page=page, **_restore(TreatmentJourney, snapshot["journey"])).save()

    return page_revision_create(
        page=page,
        user=user,
        summary=f"Reverted to the version saved {revision.created_at:%Y-%m-%d %H:%M} UTC "
        f"(revision {revision.pk}).",
    )


@transaction.atomic
def starter_content_seed(*, pages: list[dict], resources: dict) -> list[str]:
    """Create the starter pages that were never created before; return their keys.

    A page is skipped when its key was seeded before (even if staff later edited or deleted
    it) or when a page with its slug (or a home page) already exists. Existing rows are never
    changed.
    """
    from .models import SeededItem

    created: dict[str, Page] = {}
    for spec in pages:
        if SeededItem.objects.filter(key=spec["key"]).exists():
            continue
        clash = Page.objects.filter(slug=spec["slug"])
        if spec["kind"] == Page.Kind.HOME:
            clash = clash | Page.objects.filter(kind=Page.Kind.HOME)
        if not clash.exists():
            created[spec["key"]] = _seed_page(spec, resources)
        SeededItem.objects.create(key=spec["key"])

    by_key = {spec["key"]: spec for spec in pages}
    for key, page in created.items():
        for position, related_key in enumerate(by_key[key].get("related", []), start=1):
            target = Page.objects.filter(slug=by_key[related_key]["slug"]).first()
            if target and target != page:
                PageRelation.objects.create(page=page, related_page=target, position=position)
        page_revision_create(page=page, summary="Starter content loaded.")
    return list(created)


def _seed_page(spec: dict, resources: dict) -> Page:
    page = Page.objects.create(
        kind=spec["kind"],
        slug=spec["slug"],
        title=spec["title"],
        nav_label=spec.get("nav_label", ""),
        nav_order=spec["nav_order"],
        show_in_nav=spec.get("show_in_nav", True),
        lede=spec.get("lede", ""),
        seo_title=spec.get("seo_title", ""),
        meta_description=spec.get("meta_description", ""),
        needs_medical_review=spec.get("needs_medical_review", True),
        effective_on=timezone.localdate() if spec.get("effective_on_seeding") else None,
        staff_note=spec.get("staff_note", ""),
        status=Page.Status.PUBLISHED,
    )
    for position, text in enumerate(spec.get("takeaways", []), start=1):
        Takeaway.objects.create(page=page, position=position, text=text)
    for position, (heading, body) in enumerate(spec.get("sections", []), start=1):
        Section.objects.create(page=page, position=position, heading=heading, body_markdown=body)
    for position, (question, answer) in enumerate(spec.get("faqs", []), start=1):
        FAQEntry.objects.create(
            page=page, position=position, question=question, answer_markdown=answer
        )
    for position, resource_key in enumerate(spec.get("resources", []), start=1):
        Resource.objects.create(page=page, position=position, **resources[resource_key])
    if spec.get("journey"):
        TreatmentJourney.objects.create(page=page)
    return page


PHOTO_MAX_PIXELS = 480
PHOTO_MAX_UPLOAD_BYTES = 8 * 1024 * 1024


class PhotoRejected(ValueError):
    """The upload is not a photo we can use; the message says why, for the form."""


def team_photo_prepare(upload) -> bytes:
    """A clinician's uploaded photo as a small JPEG without metadata (EXIF, GPS, comments).

    Square-cropped around the centre and scaled to at most 480 px, so every page loads a
    few kilobytes instead of a camera's megabytes.
    """
    if upload.size > PHOTO_MAX_UPLOAD_BYTES:
        raise PhotoRejected("The photo is larger than 8 MB. Please choose a smaller file.")
    try:
        with Image.open(upload) as original:
            original.load()
            image = ImageOps.exif_transpose(original).convert("RGB")
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as exc:
        raise PhotoRejected("This file is not a photo we can read (use JPEG or PNG).") from exc
    side = min(image.size)
    image = ImageOps.fit(image, (side, side), centering=(0.5, 0.4))
    image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82, optimize=True, progressive=True)
    return out.getvalue()


def team_photo_version(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:12]


def team_member_photo_clear(*, member) -> None:
    member.photo = None
    member.photo_version = ""


def starter_translations_seed(*, translations: dict[str, dict], language: str = "es") -> list[str]:
    """Load the starter pages' wording in `language` as UNREVIEWED translations (no
    reviewer, no date: the public keeps seeing the English until a clinician reviews them).
    Rows are matched by order to the page's takeaways and sections. Idempotent: a page whose
    translation was seeded before, or that has one, is skipped. Returns the keys loaded."""
    from .models import (
        FAQEntryTranslation,
        PageTranslation,
        SectionTranslation,
        SeededItem,
        TakeawayTranslation,
    )

    loaded = []
    for key, spec in translations.items():
        seeded_key = f"{key}:{language}"
        if SeededItem.objects.filter(key=seeded_key).exists():
            continue
        SeededItem.objects.create(key=seeded_key)
        item = key.removeprefix("page:")
        page = (
            Page.objects.filter(kind=Page.Kind.HOME).first()
            if item == "home"
            else Page.objects.filter(slug=item).first()
        )
        if page is None or page.translations.filter(language=language).exists():
            continue
        PageTranslation.objects.create(
            page=page,
            language=language,
            **{name: spec.get(name, "") for name in (
                "title", "nav_label", "lede", "seo_title", "meta_description")},
        )  # fmt: skip
        for takeaway, text in zip(page.takeaways.all(), spec.get("takeaways", []), strict=False):
            TakeawayTranslation.objects.create(takeaway=takeaway, language=language, text=text)
        sections = spec.get("sections", [])
        for section, (heading, body) in zip(page.sections.all(), sections, strict=False):
            SectionTranslation.objects.create(
                section=section, language=language, heading=heading, body_markdown=body
            )
        for faq, (question, answer) in zip(page.faqs.all(), spec.get("faqs", []), strict=False):
            FAQEntryTranslation.objects.create(
                faq=faq, language=language, question=question, answer_markdown=answer
            )
        loaded.append(key)
    return loaded
