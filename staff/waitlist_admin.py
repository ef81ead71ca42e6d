"""Staff view of the waitlist: who is waiting for which type and clinician, their offers,
removing an entry, and offering a time by hand. Changes go through waitlist_services (so
holds, messages and passing on work as for automatic offers); every view is audited."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from booking import services, waitlist_services
from booking.display import when_text
from booking.forms import parse_start
from booking.models import Clinician, WaitlistEntry, WaitlistOffer
from booking.waitlist import windows_text
from staff.admin_mixins import CONTACT_DETAILS, CONTACT_FIELDS, AuditedAdminMixin
from staff.audit import audit_record


class WaitlistOfferInline(admin.TabularInline):
    model = WaitlistOffer
    extra = 0
    can_delete = False
    fields = ("when", "clinician", "status", "sent_at", "expires_at", "offered_by")
    readonly_fields = fields
    verbose_name_plural = "offers"

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="when (Pacific time)")
    def when(self, obj):
        return when_text(obj.start)


@admin.register(WaitlistEntry)
class WaitlistEntryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "arrived",
        "who",
        "consultation_type",
        "acceptable_clinicians",
        "days_and_times",
        "valid_until",
        "priority",
        "status",
    )
    list_filter = ("status", "consultation_type", "clinicians")
    list_select_related = ("consultation_type", "inquiry")
    search_fields = ("inquiry__reference_code",)
    search_help_text = "Reference code (KC-…)."
    actions = ("remove_selected",)
    inlines = (WaitlistOfferInline,)
    audit_redact_fields = CONTACT_DETAILS
    fields = (
        "who",
        "consultation_type",
        "acceptable_clinicians",
        "days_and_times",
        "valid_until",
        "status",
        "status_changed_at",
        "created_at",
        *CONTACT_FIELDS,
        "offer_link",
    )
    readonly_fields = tuple(f for f in fields if f != "valid_until")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("clinicians")

    def get_ordering(self, request):
        # Open entries first, urgent first, then arrival order: the order offers are made.
        open_first = Case(
            When(status__in=WaitlistEntry.OPEN_STATUSES, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        urgent_first = Case(
            When(inquiry__priority="urgent", then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (open_first.asc(), urgent_first.asc(), "created_at", "pk")

    def has_add_permission(self, request):
        return False  # couples join from the booking pages (staff can use them too)

    @admin.display(description="arrived", ordering="created_at")
    def arrived(self, obj):
        return when_text(obj.created_at)

    @admin.display(description="who")
    def who(self, obj):
        if obj.inquiry_id:
            url = reverse("admin:intake_inquiry_change", args=[obj.inquiry_id])
            return format_html('<a href="{}">{}</a>', url, obj.inquiry.reference_code)
        return "New visitor"

    @admin.display(description="clinicians")
    def acceptable_clinicians(self, obj):
        return ", ".join(c.display_name for c in obj.clinicians.all()) or "Any"

    @admin.display(description="days and times (Pacific)")
    def days_and_times(self, obj):
        return windows_text(obj.windows)

    @admin.display(description="priority")
    def priority(self, obj):
        if obj.inquiry_id and obj.inquiry.priority == "urgent":
            return format_html('<strong class="booking-flag">⚑ {}</strong>', "Urgent")
        return "—"

    @admin.display(description="offer a time")
    def offer_link(self, obj):
        if obj.status != WaitlistEntry.Status.WAITING:
            return "Only a waiting entry can be offered a time."
        url = reverse("admin:booking_waitlistentry_offer", args=[obj.pk])
        return format_html('<a class="button" href="{}">Offer a time by hand…</a>', url)

    @admin.action(description="Remove the selected entries (a held time passes on)")
    def remove_selected(self, request, queryset):
        removed = 0
        for entry in queryset:
            if waitlist_services.waitlist_entry_remove(entry=entry):
                audit_record(request=request, action="change", obj=entry, detail="removed")
                removed += 1
        messages.success(request, f"{removed} entr{'y' if removed == 1 else 'ies'} removed.")

    # --- offer by hand ------------------------------------------------------------------
    def get_urls(self):
        offer = self.admin_site.admin_view(self.offer_view)
        return [
            path("<int:pk>/offer/", offer, name="booking_waitlistentry_offer"),
            *super().get_urls(),
        ]

    def offer_view(self, request, pk: int):
        """Open times of the entry's type with its clinicians (those that suit its days and
        times first); POST offers the chosen one: held and sent as an automatic offer."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        entry = get_object_or_404(
            WaitlistEntry.objects.select_related("consultation_type", "inquiry"), pk=pk
        )
        change_url = reverse("admin:booking_waitlistentry_change", args=[entry.pk])
        if request.method == "POST":
            raw_clinician = request.POST.get("clinician", "")
            clinician = (
                Clinician.objects.filter(pk=int(raw_clinician)).first()
                if raw_clinician.isascii() and raw_clinician.isdigit()
                else None
            )
            try:
                start = parse_start(request.POST.get("start", ""))
            except ValidationError:
                start = None
            try:
                if clinician is None or start is None:
                    raise services.SlotUnavailable("Choose one of the times listed.")
                offer = waitlist_services.waitlist_offer_create(
                    entry=entry, clinician=clinician, start=start, offered_by=request.user
                )
            except services.BookingError as exc:
                messages.error(request, exc.message)
            else:
                audit_record(
                    request=request, action="change", obj=entry, detail=f"offered {offer.pk}"
                )
                sent = "sent" if offer.status == WaitlistOffer.Status.SENT else "queued for 8 am"
                messages.success(request, f"Offered {when_text(offer.start)} ({sent}).")
                return redirect(change_url)
        choices = [
            {
                "label": when_text(slot.start),
                "clinician": clinician,
                "start": slot.start.isoformat().replace("+00:00", "Z"),
                "suits": suits,
            }
            for slot, clinician, suits in waitlist_services.open_slot_choices(entry=entry)
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Offer a time by hand",
            "entry": entry,
            "windows": windows_text(entry.windows),
            "choices": choices,
            "change_url": change_url,
            "waiting": entry.status == WaitlistEntry.Status.WAITING,
        }
        return TemplateResponse(request, "booking/admin_waitlist_offer.html", context)
