"""Django admin for the website content: pages with ordered children, previews, revisions."""

from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify

from clinic_site.admin_mixins import ViewOnlyAdminMixin
from clinic_site.text_templates import render_text

from .models import (
    FAQEntry,
    FAQEntryTranslation,
    Fee,
    Page,
    PageDueForReview,
    PageRelation,
    PageRevision,
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
from .services import (
    PhotoRejected,
    page_revert,
    page_revision_create,
    team_member_photo_clear,
    team_photo_prepare,
    team_photo_version,
)
from .views import preview_response

# What a sample message looks like, for the preview next to the sender name.
_SAMPLE_MESSAGE_CONTEXT = {
    "when": "Tuesday 9 December at 10:00 am Pacific time",
    "where": "by video",
    "manage_link": "https://…/book/manage/…",
}


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    fieldsets = (
        ("Clinic", {"fields": ("clinic_name", "short_name", "message_preview", "phone",
                               "area_served", "hours")}),
        ("Shown on every page", {"fields": ("address", "insurance_note",
                                            "confidentiality_statement", "crisis_strip_text")}),
        ("In Spanish (the /es/ pages; empty: the English is shown)", {"fields": (
            "area_served_es", "hours_es", "insurance_note_es", "confidentiality_statement_es",
            "crisis_strip_text_es")}),
    )  # fmt: skip

    readonly_fields = ("message_preview",)

    @admin.display(description="How a message reads (saved sender name)")
    def message_preview(self, obj):
        """A reminder text, an email subject and a calendar entry, as a housemate sees them."""
        context = {
            **_SAMPLE_MESSAGE_CONTEXT,
            "clinic": obj.short_name if obj else "",
            "clinic_phone": obj.phone if obj else "",
        }
        return format_html(
            '<div class="sender-preview"><p>Text message: <q>{}</q></p>'
            "<p>Email subject: <q>{}</q></p><p>Calendar entry: <q>{}</q></p>"
            "<p>Save to see a new name here.</p></div>",
            render_text("sms/booking_reminder.txt", context).strip(),
            " ".join(render_text("emails/booking_confirmed/subject.txt", context).split()),
            context["clinic"],
        )

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        settings_row = SiteSettings.load()
        return HttpResponseRedirect(
            reverse("admin:pages_sitesettings_change", args=[settings_row.pk])
        )


class SectionFormSet(BaseInlineFormSet):
    """Fills empty anchors from the headings before uniqueness is checked across the forms."""

    def clean(self):
        live = [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None) and not self._should_delete_form(form)
        ]
        taken = {form.cleaned_data["anchor"] for form in live if form.cleaned_data.get("anchor")}
        for form in live:
            if form.cleaned_data.get("anchor"):
                continue
            base = slugify(form.cleaned_data.get("heading", ""))[:70] or "section"
            anchor, n = base, 2
            while anchor in taken:
                anchor, n = f"{base}-{n}", n + 1
            taken.add(anchor)
            form.cleaned_data["anchor"] = form.instance.anchor = anchor
        super().clean()


class SectionInline(admin.StackedInline):
    model = Section
    formset = SectionFormSet
    extra = 0
    fields = ("position", "heading", "anchor", "body_markdown")


class FAQInline(admin.StackedInline):
    model = FAQEntry
    extra = 0
    fields = ("position", "question", "answer_markdown")


class TakeawayInline(admin.TabularInline):
    model = Takeaway
    extra = 0
    fields = ("position", "text")


class ResourceInline(admin.TabularInline):
    model = Resource
    extra = 0
    fields = ("position", "title", "publisher", "year", "url")


class RelationInline(admin.TabularInline):
    model = PageRelation
    fk_name = "page"
    extra = 0
    fields = ("position", "related_page")


class JourneyInline(admin.StackedInline):
    model = TreatmentJourney
    extra = 0
    max_num = 1
    fields = (
        ("preparation_min", "preparation_max"),
        "integration_min",
        ("cycles_min", "cycles_max"),
        ("months_min", "months_max"),
        ("total_min", "total_max"),
        "note",
        "note_es",
    )


class PageTranslationInline(admin.StackedInline):
    """The page's Spanish wording, with its own review: /es/ shows it only once reviewed."""

    model = PageTranslation
    extra = 0
    max_num = 1
    verbose_name = "Spanish version of the page"
    verbose_name_plural = "Spanish version (shown at /es/ only once a clinician has reviewed it)"
    fields = ("language", "title", "nav_label", "lede", ("seo_title", "meta_description"),
              ("reviewed_on", "reviewer_name", "reviewer_credentials"))  # fmt: skip


class ChildTranslationInline(admin.StackedInline):
    """A child's Spanish wording: each row names the English row it translates (only this
    page's rows are offered)."""

    extra = 0
    original_field = ""
    original_model = None

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == self.original_field:
            page_id = request.resolver_match.kwargs.get("object_id")
            kwargs["queryset"] = self.original_model.objects.filter(page_id=page_id or 0)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SectionTranslationInline(ChildTranslationInline):
    model = SectionTranslation
    original_field, original_model = "section", Section
    verbose_name_plural = "Spanish sections"
    fields = ("section", "language", "heading", "body_markdown")


class FAQTranslationInline(ChildTranslationInline):
    model = FAQEntryTranslation
    original_field, original_model = "faq", FAQEntry
    verbose_name_plural = "Spanish FAQ entries"
    fields = ("faq", "language", "question", "answer_markdown")


class TakeawayTranslationInline(ChildTranslationInline):
    model = TakeawayTranslation
    original_field, original_model = "takeaway", Takeaway
    verbose_name_plural = "Spanish key takeaways"
    fields = ("takeaway", "language", "text")


class MedicalReviewFilter(admin.SimpleListFilter):
    title = "medical review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return (
            ("overdue", "Overdue or never reviewed"),
            ("due_soon", "Due within 30 days"),
            ("current", "Up to date"),
        )

    def queryset(self, request, queryset):
        today = timezone.localdate()
        overdue = queryset.review_overdue(today=today)
        if self.value() == "overdue":
            return overdue
        if self.value() == "due_soon":
            return queryset.filter(
                needs_medical_review=True,
                next_review_due__gte=today,
                next_review_due__lte=today + timedelta(days=30),
            ).exclude(pk__in=overdue.values("pk"))
        if self.value() == "current":
            return queryset.filter(needs_medical_review=True).exclude(pk__in=overdue.values("pk"))
        return queryset


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "published_at", "nav_order", "review_state",
                    "next_review_due", "has_staff_note", "updated_at")  # fmt: skip
    list_filter = (MedicalReviewFilter, "status", "kind")
    search_fields = ("title", "slug")
    prepopulated_fields = {"slug": ("title",)}
    readonly_fields = ("staff_links", "created_at", "updated_at")
    inlines = (TakeawayInline, SectionInline, FAQInline, ResourceInline, RelationInline,
               JourneyInline, PageTranslationInline, TakeawayTranslationInline,
               SectionTranslationInline, FAQTranslationInline)  # fmt: skip
    actions = ("publish_pages", "unpublish_pages")
    change_list_template = "pages/admin/page_change_list.html"
    fieldsets = (
        ("Note for staff (never shown on the website)", {"fields": ("staff_note",)}),
        (None, {"fields": ("title", "slug", "kind", "lede", "effective_on", "staff_links")}),
        ("Publishing", {"fields": ("status", "published_at", "nav_label", "nav_order",
                                   "show_in_nav")}),
        ("Search engines and sharing", {"fields": ("seo_title", "meta_description")}),
        ("Medical review", {"fields": ("needs_medical_review", "last_reviewed_on",
                                       "reviewer_name", "reviewer_credentials",
                                       "next_review_due")}),
        ("Record", {"fields": ("created_at", "updated_at"), "classes": ("collapse",)}),
    )  # fmt: skip

    @admin.display(description="medical review")
    def review_state(self, page):
        if not page.needs_medical_review:
            return "not needed"
        if not page.is_reviewed:
            return "never reviewed"
        return "OVERDUE" if page.review_overdue else "up to date"

    @admin.display(description="staff note", boolean=True)
    def has_staff_note(self, page):
        return bool(page.staff_note)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is not None and not obj.staff_note:
            # Keep the note box for pages that have one (e.g. "counsel to review") at the top.
            note_box = {"fields": ("staff_note",), "classes": ("collapse",)}
            fieldsets = (*fieldsets[1:], ("Note for staff (never shown on the website)", note_box))
        return fieldsets

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "review_overdue_count": Page.objects.review_overdue().count(),
        }
        return super().changelist_view(request, extra_context)

    @admin.display(description="preview and history")
    def staff_links(self, page):
        if not page.pk:
            return "Save the page first."
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">Preview this version</a> · '
            '<a href="{}">Revision history</a>',
            reverse("admin:pages_page_preview", args=[page.pk]),
            reverse("admin:pages_page_revisions", args=[page.pk]),
        )

    def view_on_site(self, page):
        # Drafts have no public address yet: "view on site" opens the staff preview instead.
        if page.is_public:
            return page.get_absolute_url()
        return reverse("admin:pages_page_preview", args=[page.pk])

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:page_id>/preview/", wrap(self.preview_view), name="pages_page_preview"),
            path(
                "<int:page_id>/revisions/",
                wrap(self.revisions_view),
                name="pages_page_revisions",
            ),
            path(
                "<int:page_id>/revisions/<int:revision_id>/revert/",
                wrap(self.revert_view),
                name="pages_page_revert",
            ),
            *super().get_urls(),
        ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # After the inlines are saved, so the snapshot holds the whole page.
        page_revision_create(page=form.instance, user=request.user)

    @admin.action(description="Publish the selected pages")
    def publish_pages(self, request, queryset):
        for page in queryset:
            page.status = Page.Status.PUBLISHED
            page.save()
            page_revision_create(page=page, user=request.user, summary="Published.")
        self.message_user(request, f"Published {queryset.count()} page(s).")

    @admin.action(description="Unpublish the selected pages (back to draft)")
    def unpublish_pages(self, request, queryset):
        for page in queryset:
            page.status = Page.Status.DRAFT
            page.save()
            page_revision_create(page=page, user=request.user, summary="Unpublished.")
        self.message_user(request, f"Moved {queryset.count()} page(s) back to draft.")

    def _page_or_403(self, request, page_id):
        page = get_object_or_404(Page, pk=page_id)
        if not self.has_view_permission(request, page):
            raise PermissionDenied
        return page

    def preview_view(self, request, page_id):
        page = self._page_or_403(request, page_id)
        return preview_response(Page.objects.select_related("journey").get(pk=page.pk))

    def revisions_view(self, request, page_id):
        page = self._page_or_403(request, page_id)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "page_obj": page,
            "title": f"Revision history: {page}",
            "revisions": page.revisions.select_related("user"),
            "can_revert": self.has_change_permission(request, page),
        }
        return TemplateResponse(request, "pages/admin/revisions.html", context)

    def revert_view(self, request, page_id, revision_id):
        page = self._page_or_403(request, page_id)
        if not self.has_change_permission(request, page):
            raise PermissionDenied
        revision = get_object_or_404(PageRevision, pk=revision_id, page=page)
        if request.method == "POST":
            try:
                page_revert(revision=revision, user=request.user)
            except ValidationError as error:
                self.message_user(
                    request, "Could not revert: " + "; ".join(error.messages), messages.ERROR
                )
            else:
                self.message_user(request, "The page is back to the chosen version.")
            return HttpResponseRedirect(reverse("admin:pages_page_change", args=[page.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "page_obj": page,
            "revision": revision,
            "title": "Revert this page?",
        }
        return TemplateResponse(request, "pages/admin/revert_confirm.html", context)


@admin.register(PageDueForReview)
class PageDueForReviewAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    """The admin index entry "Pages due for medical review": opens the filtered page list."""

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("pages.view_page")

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:pages_page_changelist") + "?review=overdue")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return HttpResponseRedirect(reverse("admin:pages_page_change", args=[object_id]))


@admin.register(PageRevision)
class PageRevisionAdmin(ViewOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("page", "created_at", "user", "summary")
    list_filter = ("page",)
    readonly_fields = ("page", "created_at", "user", "summary", "snapshot")


@admin.register(Testimonial)
class TestimonialAdmin(admin.ModelAdmin):
    list_display = ("attribution", "short_quote", "consent_date", "is_published", "position")
    list_editable = ("is_published", "position")
    list_filter = ("is_published",)

    @admin.display(description="quote")
    def short_quote(self, testimonial):
        return testimonial.quote[:80]


class TeamMemberForm(forms.ModelForm):
    photo_upload = forms.ImageField(
        label="Photo",
        required=False,
        help_text="JPEG or PNG. It is cropped square and made small; its hidden data (such as "
        "where it was taken) is removed.",
    )
    photo_remove = forms.BooleanField(label="Remove the photo", required=False)

    class Meta:
        model = TeamMember
        fields = (
            "name", "role", "role_es", "credentials", "languages", "bio", "bio_es",
            "licence_type", "licence_number", "photo_alt", "is_published", "position",
        )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("photo_upload")
        has_photo = (upload or self.instance.photo_version) and not cleaned.get("photo_remove")
        if has_photo and not (cleaned.get("photo_alt") or "").strip():
            self.add_error("photo_alt", "Describe the photo for people who cannot see it.")
        if upload:
            try:
                self.prepared_photo = team_photo_prepare(upload)
            except PhotoRejected as exc:
                self.add_error("photo_upload", str(exc))
        return cleaned


@admin.register(TeamMember)
class TeamMemberAdmin(admin.ModelAdmin):
    form = TeamMemberForm
    list_display = ("name", "role", "licence_type", "licence_number", "has_photo", "is_published")
    list_editable = ("is_published",)
    fieldsets = (
        (None, {"fields": ("name", "role", "credentials", "languages", "bio")}),
        ("In Spanish (the /es/ pages)", {"fields": ("role_es", "bio_es")}),
        ("California licence", {"fields": ("licence_type", "licence_number")}),
        ("Photo", {"fields": ("photo_preview", "photo_upload", "photo_alt", "photo_remove")}),
        ("On the website", {"fields": ("is_published", "position")}),
    )
    readonly_fields = ("photo_preview",)

    @admin.display(boolean=True, description="photo")
    def has_photo(self, obj):
        return bool(obj.photo_version)

    @admin.display(description="Current photo")
    def photo_preview(self, obj):
        if not obj.photo_version:
            return f"None yet: the site shows the initials {obj.initials or '…'}."
        return format_html(
            '<img src="{}" alt="{}" width="96" height="96">', obj.photo_url, obj.photo_alt
        )

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("photo_remove"):
            team_member_photo_clear(member=obj)
        elif getattr(form, "prepared_photo", None):
            obj.photo = form.prepared_photo
            obj.photo_version = team_photo_version(form.prepared_photo)
        super().save_model(request, obj, form, change)


@admin.register(Fee)
class FeeAdmin(admin.ModelAdmin):
    list_display = ("name", "amount", "note", "position", "is_published")
    list_editable = ("amount", "position", "is_published")
