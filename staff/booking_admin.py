"""Staff views of booking: set-up (types, clinicians with their hours inline), the
appointments list with its actions, and an agenda by day or week per clinician.

Status changes go through booking.services so the person gets the right message and
reminders are kept in step; the appointment's time and clinician are read-only here.
"""

from datetime import date, timedelta

from django.contrib import admin, messages
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from booking import selectors, services
from booking.display import day_text, time_text, when_text
from booking.models import (
    Appointment,
    AvailabilityException,
    AvailabilityRule,
    Clinician,
    ConsultationType,
)
from booking.slots import local_day_bounds
from clinic_site import clock
from clinic_site.crypto import lookup_hash
from clinic_site.phones import display_phone
from intake.contact_instructions import contact_instructions
from staff.admin_mixins import CONTACT_DETAILS, CONTACT_FIELDS, AuditedAdminMixin
from staff.message_admin import MessageTimelineInline

Status = Appointment.Status


@admin.register(ConsultationType)
class ConsultationTypeAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "duration_minutes",
        "ways_to_meet",
        "confirmation",
        "minimum_notice_hours",
        "horizon_days",
        "is_active",
    )
    list_filter = ("is_active", "confirmation")
    prepopulated_fields = {"slug": ("name",)}
    fieldsets = (
        (None, {"fields": ("name", "slug", "summary", "is_active", "position")}),
        (
            "In Spanish (the /es/ pages; empty: the English is shown)",
            {"fields": ("name_es", "summary_es")},
        ),
        ("How", {"fields": ("offers_phone", "offers_video", "offers_in_person", "confirmation")}),
        (
            "Timing",
            {
                "fields": (
                    "duration_minutes",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "slot_step_minutes",
                    "minimum_notice_hours",
                    "horizon_days",
                )
            },
        ),
    )

    @admin.display(description="ways to meet")
    def ways_to_meet(self, obj):
        return ", ".join(obj.mode_labels)


class AvailabilityRuleInline(admin.TabularInline):
    model = AvailabilityRule
    extra = 0
    verbose_name = "weekly hours (Pacific time)"
    verbose_name_plural = "weekly hours (Pacific time)"


class AvailabilityExceptionInline(admin.TabularInline):
    model = AvailabilityException
    extra = 0
    verbose_name = "time off or extra hours (Pacific time)"
    verbose_name_plural = "time off and extra hours (Pacific time)"


@admin.register(Clinician)
class ClinicianAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = ("display_name", "credentials", "is_active", "agenda_link")
    list_filter = ("is_active", "consultation_types")
    filter_horizontal = ("consultation_types",)
    inlines = (AvailabilityRuleInline, AvailabilityExceptionInline)

    @admin.display(description="agenda")
    def agenda_link(self, obj):
        url = reverse("admin:booking_appointment_agenda")
        return format_html('<a href="{}?clinician={}&span=week">This week</a>', url, obj.pk)


class NeedsConfirmingFilter(admin.SimpleListFilter):
    title = "front desk"
    parameter_name = "needs"

    def lookups(self, request, model_admin):
        return [("confirming", "Requested — needs confirming")]

    def queryset(self, request, queryset):
        if self.value() == "confirming":
            return queryset.filter(status=Status.REQUESTED)
        return queryset


class WhenFilter(admin.SimpleListFilter):
    title = "date"
    parameter_name = "when"

    def lookups(self, request, model_admin):
        return [
            ("today", "Today"),
            ("tomorrow", "Tomorrow"),
            ("week", "Next 7 days"),
            ("upcoming", "Upcoming"),
            ("past", "Past"),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        today = clock.today(now)
        value = self.value()
        if value in ("today", "tomorrow"):
            day = today if value == "today" else today + timedelta(days=1)
            bounds = local_day_bounds(day)
            return queryset.filter(start__gte=bounds.start, start__lt=bounds.end)
        if value == "week":
            end = local_day_bounds(today + timedelta(days=6)).end
            return queryset.filter(start__gte=local_day_bounds(today).start, start__lt=end)
        if value == "upcoming":
            return queryset.filter(start__gte=now)
        if value == "past":
            return queryset.filter(start__lt=now)
        return queryset


@admin.register(Appointment)
class AppointmentAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_display = (
        "when",
        "clinician",
        "consultation_type",
        "status_flag",
        "mode",
        "inquiry",
    )
    list_filter = (
        NeedsConfirmingFilter,
        "status",
        WhenFilter,
        ("start", admin.DateFieldListFilter),
        "clinician",
        "consultation_type",
    )
    list_select_related = ("clinician", "consultation_type", "inquiry")
    date_hierarchy = "start"
    ordering = ("start",)
    search_fields = ("inquiry__reference_code",)
    search_help_text = "Reference code (KC-…), or an exact email address or phone number."
    actions = ("confirm_requested", "cancel_selected", "mark_no_show", "mark_completed")
    inlines = (MessageTimelineInline,)
    change_list_template = "booking/admin_change_list.html"
    audit_redact_fields = CONTACT_DETAILS
    readonly_fields = (
        "when",
        "consultation_type",
        "clinician",
        "mode",
        "start",
        "end",
        "buffer_before_minutes",
        "buffer_after_minutes",
        "status",
        "hold_expires_at",
        "confirmed_at",
        "cancelled_by",
        "cancelled_at",
        "inquiry",
        *CONTACT_FIELDS,
        "ics_uid",
        "sequence",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("when", "consultation_type", "clinician", "mode", "status", "inquiry")},
        ),
        (
            "Contact (encrypted at rest)",
            {"fields": CONTACT_FIELDS},
        ),
        (
            "Record",
            {
                "classes": ("collapse",),
                "fields": (
                    "start",
                    "end",
                    "buffer_before_minutes",
                    "buffer_after_minutes",
                    "hold_expires_at",
                    "confirmed_at",
                    "cancelled_by",
                    "cancelled_at",
                    "ics_uid",
                    "sequence",
                    "created_at",
                    "updated_at",
                ),
            },
        ),
    )

    def has_add_permission(self, request):
        # Bookings are made through the booking pages (staff can use them too), so every
        # booking gets the same checks, constraint and messages.
        return False

    @admin.display(description="when (Pacific time)", ordering="start")
    def when(self, obj):
        return when_text(obj.start)

    @admin.display(description="status", ordering="status")
    def status_flag(self, obj):
        if obj.status == Status.REQUESTED:
            return format_html(
                '<strong class="booking-flag">⚑ {}</strong>', obj.get_status_display()
            )
        return obj.get_status_display()

    def get_search_results(self, request, queryset, search_term):
        results, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        term = search_term.strip()
        if term:
            hashes = {lookup_hash("email", term), lookup_hash("phone", term)}
            results |= queryset.filter(email_hash__in=hashes) | queryset.filter(
                phone_hash__in=hashes
            )
        return results, may_have_duplicates

    # --- actions ------------------------------------------------------------------------
    def _apply(self, request, queryset, change, done_label):
        changed = 0
        for appointment in queryset:
            with transaction.atomic():
                if change(appointment):
                    changed += 1
        self.message_user(request, f"{changed} appointment(s) {done_label}.", messages.SUCCESS)
        skipped = len(queryset) - changed
        if skipped:
            self.message_user(
                request, f"{skipped} skipped (not in a state that allows it).", messages.WARNING
            )

    @admin.action(description="Confirm selected requests", permissions=["change"])
    def confirm_requested(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda a: services.appointment_staff_confirm(appointment=a),
            "confirmed",
        )

    @admin.action(description="Cancel selected appointments", permissions=["change"])
    def cancel_selected(self, request, queryset):
        def cancel(appointment):
            if appointment.status not in Appointment.ACTIVE_STATUSES:
                return False
            services.appointment_cancel(
                appointment=appointment,
                by=Appointment.CancelledBy.STAFF,
                enforce_cutoff=False,
            )
            return True

        self._apply(request, queryset, cancel, "cancelled")

    @admin.action(description="Mark selected as no-show", permissions=["change"])
    def mark_no_show(self, request, queryset):
        self._apply(
            request,
            queryset.filter(start__lte=timezone.now()),
            lambda a: services.appointment_mark_outcome(appointment=a, status=Status.NO_SHOW),
            "marked no-show",
        )

    @admin.action(description="Mark selected as completed", permissions=["change"])
    def mark_completed(self, request, queryset):
        self._apply(
            request,
            queryset.filter(start__lte=timezone.now()),
            lambda a: services.appointment_mark_outcome(appointment=a, status=Status.COMPLETED),
            "marked completed",
        )

    # --- agenda -------------------------------------------------------------------------
    def get_urls(self):
        agenda = self.admin_site.admin_view(self.agenda_view)
        return [path("agenda/", agenda, name="booking_appointment_agenda"), *super().get_urls()]

    def agenda_view(self, request):
        """Appointments by day (or a week of days) per clinician, in Pacific time."""
        if not self.has_view_permission(request):
            from django.core.exceptions import PermissionDenied

            raise PermissionDenied
        today = clock.today()
        try:
            first = (
                date.fromisoformat(request.GET.get("date", ""))
                if request.GET.get("date")
                else today
            )
        except ValueError:
            first = today
        span = 7 if request.GET.get("span") == "week" else 1
        if span == 7:
            first = first - timedelta(days=first.weekday())
        raw_clinician = request.GET.get("clinician", "")
        clinician_id = (
            int(raw_clinician) if raw_clinician.isascii() and raw_clinician.isdigit() else None
        )
        start = local_day_bounds(first).start
        end = local_day_bounds(first + timedelta(days=span - 1)).end
        appointments = selectors.appointments_for_agenda(
            start=start, end=end, clinician_id=clinician_id
        )
        days = []
        for offset in range(span):
            day = first + timedelta(days=offset)
            bounds = local_day_bounds(day)
            rows = [a for a in appointments if bounds.start <= a.start < bounds.end]
            by_clinician: dict[str, list] = {}
            for appointment in rows:
                by_clinician.setdefault(str(appointment.clinician), []).append(
                    {
                        "appointment": appointment,
                        "time": f"{time_text(appointment.start)}–{time_text(appointment.end)}",
                        "url": reverse("admin:booking_appointment_change", args=[appointment.pk]),
                        "flag": appointment.status == Status.REQUESTED,
                        **_agenda_contact(appointment),
                    }
                )
            days.append({"label": day_text(day), "by_clinician": by_clinician})
        step = timedelta(days=span)
        base = reverse("admin:booking_appointment_agenda")
        keep = f"&span={'week' if span == 7 else 'day'}" + (
            f"&clinician={clinician_id}" if clinician_id else ""
        )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Day agenda (Pacific time)" if span == 1 else "Week agenda (Pacific time)",
            "days": days,
            "span": "week" if span == 7 else "day",
            "clinicians": Clinician.objects.filter(is_active=True),
            "clinician_id": clinician_id,
            "date_value": first.isoformat(),
            "previous_url": f"{base}?date={(first - step).isoformat()}{keep}",
            "next_url": f"{base}?date={(first + step).isoformat()}{keep}",
        }
        return TemplateResponse(request, "booking/admin_agenda.html", context)


def _agenda_contact(appointment) -> dict:
    """How to reach the person who booked: their own preferences, one instruction each."""
    inquiry = appointment.inquiry
    phone = appointment.contact_phone
    return {
        "contact_name": appointment.contact_name,
        "phone": phone,
        "phone_display": display_phone(phone) or phone,
        "email": appointment.contact_email,
        "instructions": contact_instructions(
            phone=phone,
            email=appointment.contact_email,
            sms_safe=appointment.sms_ok,
            sms_consent_at=appointment.sms_consent_at,
            voicemail_ok=appointment.voicemail_ok,
            email_consent_at=appointment.email_consent_at if appointment.email_ok else None,
        ),
        "prefers": inquiry.get_preferred_contact_display() if inquiry else "",
        "inquiry_url": (
            reverse("admin:intake_inquiry_change", args=[inquiry.pk]) if inquiry else ""
        ),
    }
