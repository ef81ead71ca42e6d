"""The triage queue: inquiries in Django admin (the staff workspace composes it).

- Ordered by priority (urgent, medical review, standard, not eligible), then oldest first.
- Columns: reference, name, received, priority badge (with a short reason: clinical for
  clinicians, plain words for everyone else), status, partners screened (n/2), preferred
  channel, next appointment, assigned to, response due (overdue rows stand out). A constant
  number of queries however many rows the page shows.
- The response clock runs until a staff member records a first contact; a couple booking
  their own consultation does not stop it.
- Search by reference code, or exact email / phone through the keyed lookup hashes.
- Status changes go through staff.workflow: the rules are intake.services'
  (`inquiry_status_change`), the first-contact record and the audit are staff's.
- Detail: contact preferences above contact details, both partners side by side (clinical
  parts only for clinicians), a timeline of messages and appointments, append-only notes.
"""

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.admin.views.main import ChangeList
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from booking.selectors import next_appointment_start
from clinic_site import clock
from clinic_site.crypto import lookup_hash
from clinic_site.i18n import languages_text
from clinic_site.pagination import EstimatedCountPaginator
from clinic_site.phones import display_phone, normalize_phone
from intake.contact_instructions import ContactInstruction, contact_instructions
from intake.models import Inquiry, PartnerScreening, priority_rank
from intake.selectors import (
    CLINICAL_PERMISSION,
    OPEN_STATUSES,
    clinic_business_hours,
    inquiry_partner_panels,
    inquiry_staff_alerts,
    is_awaiting_response,
    priority_plain_label,
    response_due_at,
    short_triage_reason,
    visible_triage_reasons,
)
from intake.services import TransitionNotAllowed, transition_problem
from notifications.voicemail import voicemail_script
from pages.models import SiteSettings
from staff.admin_mixins import AuditedAdminMixin
from staff.models import InquiryFirstContact
from staff.selectors import awaiting_response_q, inquiry_timeline, overdue_q
from staff.templatetags.staff_time import ago_text, relative_due_text
from staff.workflow import (
    inquiry_assign,
    inquiry_note_add,
    inquiry_record_first_contact,
    inquiry_transition,
)


def _ids_by_hash(kind: str, value: str) -> list[int]:
    """Inquiries whose own or either partner's email/phone hashes to the same value.

    Two indexed lookups, resolved to ids first: an OR across the two tables in one WHERE
    would make PostgreSQL scan every inquiry.
    """
    digest = lookup_hash(kind, value)
    field = f"{kind}_hash"
    own = Inquiry.objects.filter(**{field: digest}).values_list("pk", flat=True)
    partners = PartnerScreening.objects.filter(**{field: digest}).values_list(
        "inquiry_id", flat=True
    )
    return sorted(set(own) | set(partners))


# --- filters -----------------------------------------------------------------------------
class StateFilter(admin.SimpleListFilter):
    title = "open or finished"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("open", "Open"),
            ("awaiting", "Waiting for a first response"),
            ("finished", "Accepted, referred out or closed"),
        ]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        if self.value() == "awaiting":
            return queryset.filter(awaiting_response_q())
        if self.value() == "finished":
            return queryset.exclude(status__in=OPEN_STATUSES)
        return queryset


class AssignedFilter(admin.SimpleListFilter):
    title = "assigned to"
    parameter_name = "assigned"

    def lookups(self, request, model_admin):
        return [("me", "Me"), ("nobody", "Nobody")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.filter(assigned_to=request.user)
        if self.value() == "nobody":
            return queryset.filter(assigned_to__isnull=True)
        return queryset


class OverdueFilter(admin.SimpleListFilter):
    title = "response"
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return [("yes", "Overdue")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(overdue_q(now=timezone.now(), schedule=clinic_business_hours()))
        return queryset


class ReceivedFilter(admin.SimpleListFilter):
    title = "received"
    parameter_name = "received"

    def lookups(self, request, model_admin):
        return [("today", "Today"), ("7d", "Last 7 days")]

    def queryset(self, request, queryset):
        today = clock.today()
        if self.value() == "today":
            return queryset.filter(created_at__gte=clock.day_start(today))
        if self.value() == "7d":
            return queryset.filter(created_at__gte=clock.day_start(today - dt.timedelta(days=6)))
        return queryset


class ChannelFilter(admin.SimpleListFilter):
    title = "contact channel"
    parameter_name = "channel"

    def lookups(self, request, model_admin):
        return Inquiry._meta.get_field("preferred_contact").choices

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(preferred_contact=self.value())
        return queryset


def _annotated_inquiries(model):
    """Inquiries with what the queue shows beside each: its priority rank (the sort), the
    partner's language, how many partners finished screening, and the first contact time."""
    completed = (
        PartnerScreening.objects.filter(inquiry=OuterRef("pk"), completed_at__isnull=False)
        .order_by()
        .values("inquiry")
        .annotate(n=Count("pk"))
        .values("n")
    )
    # A subquery, not a join: the paginator's bounded count then reads the inquiry index
    # alone instead of joining a thousand rows to first contacts.
    first_contacted_at = InquiryFirstContact.objects.filter(inquiry=OuterRef("pk")).values(
        "contacted_at"
    )
    partner_language = PartnerScreening.objects.filter(
        inquiry=OuterRef("pk"), role=PartnerScreening.Role.PARTNER
    ).values("language")[:1]
    return model._default_manager.get_queryset().annotate(
        priority_rank=priority_rank(),
        partner_language=Subquery(partner_language),
        screened=Coalesce(Subquery(completed, output_field=IntegerField()), 0),
        first_contacted_at=Subquery(first_contacted_at),
    )


# --- changelist that fills the per-row extras in a fixed number of queries ---------------
class TriageChangeList(ChangeList):
    def get_queryset(self, request, exclude_parameters=None):
        # Only the columns the queue shows: every other one (the encrypted free text, a
        # dozen timestamps) would be fetched, converted and, if encrypted, decrypted for
        # nothing. Clinicians' short reason needs the triage reasons. The next appointment
        # is a column of the page's query (worked out for its 50 rows), not a query of its own.
        shown = _QUEUE_FIELDS
        if request.user.has_perm(CLINICAL_PERMISSION):
            shown = (*shown, "triage_reasons")
        return (
            super()
            .get_queryset(request, exclude_parameters)
            .only(*shown)
            .annotate(next_appointment_start=next_appointment_start(now=timezone.now()))
        )

    def get_results(self, request):
        super().get_results(request)
        rows = list(self.result_list)  # evaluates and caches the page's queryset
        schedule = clinic_business_hours()
        now = timezone.now()
        clinical = request.user.has_perm(CLINICAL_PERMISSION)
        for row in rows:
            row.queue_now = now  # one "now" for every row's relative times
            row.response_due = response_due_at(
                created_at=row.created_at, priority=row.priority, schedule=schedule
            )
            row.awaiting_response = is_awaiting_response(
                status=row.status, first_contacted=row.first_contacted_at is not None
            )
            row.is_overdue = row.awaiting_response and row.response_due <= now
            row.priority_reason = (
                short_triage_reason(
                    visible_triage_reasons(reasons=row.triage_reasons, user=request.user)
                )
                if clinical
                else priority_plain_label(row.priority)
            )


# --- forms -------------------------------------------------------------------------------
class InquiryStatusForm(forms.ModelForm):
    """Status, close reason and assignee; the workflow's rules shown next to the field."""

    close_reason = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed when closing. Seen by staff only.",
    )
    new_note = forms.CharField(
        required=False,
        label="Add an internal note",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Notes cannot be edited or removed later; add a new note to correct one.",
    )
    record_contact = forms.BooleanField(
        required=False,
        label="We have reached them",
        help_text="Stops the response clock without changing the status (for example after "
        "calling a couple who booked their own consultation). Moving the status to "
        "“contacted” records it too.",
    )

    class Meta:
        model = Inquiry
        fields = ("status", "close_reason", "assigned_to")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "assigned_to" in self.fields:
            self.fields["assigned_to"].queryset = self.fields["assigned_to"].queryset.filter(
                is_staff=True, is_active=True
            )

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "status" in cleaned:
            problem = transition_problem(
                from_status=self.initial.get("status", self.instance.status),
                to_status=cleaned["status"],
                reason=cleaned.get("close_reason", ""),
            )
            if problem:
                field = "close_reason" if "reason" in problem else "status"
                self.add_error(field, problem)
        return cleaned


class CloseWithReasonForm(forms.Form):
    reason = forms.CharField(
        label="Reason for closing", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


# --- the admin ---------------------------------------------------------------------------
@admin.register(Inquiry)
class InquiryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    form = InquiryStatusForm
    change_form_template = "admin/intake/inquiry/change_form.html"
    list_display = (
        "reference",
        "name",
        "received",
        "priority_badge",
        "status",
        "partners_screened",
        "contact_channel",
        "next_appointment",
        "assigned_to",
        "response_due",
    )
    list_display_links = ("reference",)
    list_filter = (
        "priority",
        StateFilter,
        "status",
        AssignedFilter,
        OverdueFilter,
        ChannelFilter,
        ReceivedFilter,
    )
    list_select_related = ("assigned_to",)
    list_per_page = 50
    empty_value_display = "—"
    # No COUNT(*) over every inquiry on a page view: no full count beside a search, no
    # facet counts, and an estimated total past 1,000 rows (clinic_site.pagination).
    show_full_result_count = False
    show_facets = admin.ShowFacets.NEVER
    paginator = EstimatedCountPaginator
    search_fields = ("reference_code",)
    search_help_text = "A reference code (KC-7Q4M2), or an exact email address or phone number."
    actions = ("assign_to_me", "mark_contacted", "close_with_reason")
    fields = ("status", "close_reason", "assigned_to", "record_contact", "new_note")
    export_fields = (
        "reference_code",
        "created_at",
        "priority",
        "status",
        "assigned_to",
        "preferred_contact",
    )
    audit_redact_fields = ("close_reason", "triage_reasons")

    # --- permissions: inquiries arrive from the public form and leave only by retention --
    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    # --- queue ---------------------------------------------------------------------------
    def get_queryset(self, request):
        # The annotated query is the same for every request and resolving its expressions
        # (the priority CASE, three subqueries) was about a tenth of a queue page's time:
        # it is built once and cloned (`.all()`), never evaluated itself.
        if self._queue_queryset is None:
            self._queue_queryset = _annotated_inquiries(self.model).order_by(
                *self.get_ordering(request)
            )
        return self._queue_queryset.all()

    _queue_queryset = None

    def get_ordering(self, request):
        # The columns of intake_inq_rank_idx, in its order: the first page is read from it.
        # With "pk" in it Django adds no "-pk" tie-break the index could not serve.
        return ("priority_rank", "created_at", "pk")

    def changelist_view(self, request, extra_context=None):
        # The queue needs the width: ten columns fit a 1280 px window without the app menu.
        extra = {"is_nav_sidebar_enabled": False, "title": "Inquiry queue", **(extra_context or {})}
        return super().changelist_view(request, extra)

    def get_changelist(self, request, **kwargs):
        return TriageChangeList

    def get_search_results(self, request, queryset, search_term):
        term = (search_term or "").strip()
        if not term:
            return queryset, False
        if "@" in term:
            return queryset.filter(pk__in=_ids_by_hash("email", term)), False
        phone = normalize_phone(term)
        code = term.upper()
        if not code.startswith("KC-") and len(code) == 5 and code.isalnum():
            code = "KC-" + code
        if phone and not code.startswith("KC-"):
            return queryset.filter(pk__in=_ids_by_hash("phone", phone)), False
        # Codes are made upper-case (intake.models.new_reference_code) and the term is
        # upper-cased: an exact match reads the unique index (`iexact`, UPPER() on both
        # sides, read every inquiry: about 60 ms a search at 100,000).
        return queryset.filter(reference_code=code), False

    def action_checkbox(self, obj):
        # Django renders this through a form widget's template on every row: the queue's
        # single biggest rendering cost. The same markup, written directly.
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" '
            'aria-label="Select this object for an action - {}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            obj.reference_code,
        )

    @admin.display(description="reference", ordering="reference_code")
    def reference(self, obj):
        return obj.reference_code

    @admin.display(description="name and phone")
    def name(self, obj):
        phone = obj.contact_phone
        if not phone:
            return obj.contact_name
        return format_html(
            '{}<br><span class="staff-phone"><a href="tel:{}">{}</a></span>',
            obj.contact_name,
            phone,
            display_phone(phone) or phone,
        )

    @admin.display(description="prefers · language", ordering="preferred_contact")
    def contact_channel(self, obj):
        """How to reach them, and the language each person uses with us (their messages and
        pages are in it): "Email · Spanish", or "Email · English, partner Spanish"."""
        return format_html(
            '{}<br><span class="staff-language">{}</span>',
            obj.get_preferred_contact_display(),
            languages_text(obj.language, getattr(obj, "partner_language", None)),
        )

    @admin.display(description="received", ordering="created_at")
    def received(self, obj):
        local = clock.local(obj.created_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            obj.created_at.isoformat(),
            f"{local:%a %b %-d, %-I:%M %p} Pacific",
            ago_text(obj.created_at, now=getattr(obj, "queue_now", None) or timezone.now()),
        )

    @admin.display(description="priority", ordering="priority_rank")
    def priority_badge(self, obj):
        reason = getattr(obj, "priority_reason", "")
        return format_html(
            '<span class="staff-badge staff-badge-{}">{}</span>{}',
            obj.priority,
            obj.get_priority_display(),
            format_html('<span class="staff-reason">{}</span>', reason) if reason else "",
        )

    @admin.display(description="partners screened")
    def partners_screened(self, obj):
        return f"{getattr(obj, 'screened', 0)}/2"

    @admin.display(description="next appointment (Pacific)")
    def next_appointment(self, obj):
        start = getattr(obj, "next_appointment_start", None)
        if start is None:
            return "—"
        local = clock.local(start)
        return f"{local:%a %b %-d, %-I:%M %p}"

    @admin.display(description="response due (Pacific)")
    def response_due(self, obj):
        due = getattr(obj, "response_due", None)
        if due is None or not getattr(obj, "awaiting_response", False):
            return "—"
        local = clock.local(due)
        text = f"{local:%a %b %-d, %-I:%M %p}"
        relative = relative_due_text(due, now=getattr(obj, "queue_now", None) or timezone.now())
        if getattr(obj, "is_overdue", False):
            return format_html(
                '<strong class="staff-overdue"><span class="staff-overdue-label">{}</span> '
                "{}</strong>",
                relative,
                text,
            )
        return format_html('<span class="staff-due-relative">{}</span><br>{}', relative, text)

    # --- actions -------------------------------------------------------------------------
    @admin.action(description="Assign to me", permissions=["change"])
    def assign_to_me(self, request, queryset):
        changed = sum(
            inquiry_assign(inquiry=i, assignee=request.user, actor=request.user, request=request)
            for i in queryset
        )
        self.message_user(request, f"{changed} inquir{'y' if changed == 1 else 'ies'} assigned.")

    @admin.action(description="Mark contacted", permissions=["change"])
    def mark_contacted(self, request, queryset):
        """Move to "contacted"; a booked inquiry keeps its status and records the contact."""
        done, refused = 0, []
        for inquiry in queryset:
            if inquiry.status == Inquiry.Status.CONSULTATION_BOOKED:
                inquiry_record_first_contact(inquiry=inquiry, actor=request.user, request=request)
                done += 1
                continue
            try:
                inquiry_transition(
                    inquiry=inquiry,
                    to_status=Inquiry.Status.CONTACTED,
                    actor=request.user,
                    request=request,
                )
                done += 1
            except TransitionNotAllowed:
                refused.append(inquiry.reference_code)
        self.message_user(request, f"{done} marked contacted.")
        if refused:
            self.message_user(
                request,
                f"Not changed (their status does not allow it): {', '.join(refused)}",
                level=messages.WARNING,
            )

    @admin.action(description="Close with a reason…", permissions=["change"])
    def close_with_reason(self, request, queryset):
        form = CloseWithReasonForm(request.POST if "apply" in request.POST else None)
        if form.is_bound and form.is_valid():
            done, refused = 0, []
            for inquiry in queryset:
                try:
                    inquiry_transition(
                        inquiry=inquiry,
                        to_status=Inquiry.Status.CLOSED,
                        reason=form.cleaned_data["reason"],
                        actor=request.user,
                        request=request,
                    )
                    done += 1
                except TransitionNotAllowed:
                    refused.append(inquiry.reference_code)
            self.message_user(request, f"{done} closed.")
            if refused:
                self.message_user(
                    request, f"Not closed: {', '.join(refused)}", level=messages.WARNING
                )
            return None
        return TemplateResponse(
            request,
            "admin/intake/inquiry/close_with_reason.html",
            {
                **self.admin_site.each_context(request),
                "title": "Close inquiries",
                "opts": self.model._meta,
                "form": form,
                "inquiries": queryset,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            },
        )

    # --- detail --------------------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra = dict(extra_context or {})
        if obj is not None:
            first_contacted_at = getattr(obj, "first_contacted_at", None)
            schedule = clinic_business_hours()
            partners = inquiry_partner_panels(inquiry=obj, user=request.user)
            for panel in partners:
                screening = panel["screening"]
                if screening is not None:  # each partner's own preferences, one line each
                    panel["instructions"] = contact_instructions(
                        phone=screening.phone,
                        email=screening.email,
                        sms_safe=screening.sms_safe,
                        sms_consent_at=screening.sms_consent_at,
                        voicemail_ok=screening.voicemail_ok,
                        email_consent_at=screening.email_consent_at,
                    )
                    if getattr(screening, "needs_contact_confirmation", False):
                        panel["instructions"]["text"] = ContactInstruction(
                            False,
                            "Do not text: not yet confirmed by them on their own link.",
                        )
            site = SiteSettings.load()
            partner = next((p["screening"] for p in partners if p["role"] == "partner"), None)
            extra.update(
                # What to say on a shared line, next to each person's contact preferences.
                voicemail_script=voicemail_script(
                    first_name=obj.contact_name,
                    sender_name=site.short_name,
                    phone=site.phone,
                    voicemail_ok=obj.voicemail_ok,
                ),
                partner_voicemail_script=voicemail_script(
                    first_name=partner.name,
                    sender_name=site.short_name,
                    phone=site.phone,
                    voicemail_ok=partner.voicemail_ok,
                )
                if partner is not None
                else None,
                partners=partners,
                timeline=inquiry_timeline(inquiry=obj),
                notes=obj.notes.select_related("author"),
                show_clinical=request.user.has_perm("staff.view_clinical"),
                contact_phone_display=display_phone(obj.contact_phone) or obj.contact_phone,
                response_due_at=response_due_at(
                    created_at=obj.created_at,
                    priority=obj.priority,
                    schedule=schedule,
                ),
                awaiting_response=is_awaiting_response(
                    status=obj.status, first_contacted=first_contacted_at is not None
                ),
                first_contacted_at=first_contacted_at,
                triage_reasons=visible_triage_reasons(
                    reasons=obj.triage_reasons, user=request.user
                ),
                priority_plain_label=priority_plain_label(obj.priority),
                audit_trail_url=_audit_trail_url(obj),
                # The page says what it is, with the reference code once (not the stock
                # "Change inquiry" title plus the code again as a subtitle).
                title=f"Inquiry {obj.reference_code}",
                subtitle=None,
                instructions=contact_instructions(
                    phone=obj.contact_phone,
                    email=obj.contact_email,
                    sms_safe=obj.sms_safe,
                    sms_consent_at=obj.sms_consent_at,
                    voicemail_ok=obj.voicemail_ok,
                    email_consent_at=obj.email_consent_at,
                ),
                staff_alerts=inquiry_staff_alerts(inquiry=obj),
                out_of_hours=not schedule.is_open_at(timezone.now()),
                can_change=self.has_change_permission(request, obj),
            )
        return super().change_view(request, object_id, form_url, extra)

    # --- the detail page's action bar: one POST each, back to the page -------------------
    def get_urls(self):
        quick = self.admin_site.admin_view(require_POST(self.quick_action_view))
        return [
            path(
                "<path:object_id>/do/<slug:action>/",
                quick,
                name="intake_inquiry_quick_action",
            ),
            *super().get_urls(),
        ]

    def quick_action_view(self, request, object_id, action):
        """Mark reached or Assign to me from the action bar (POST only; audited by the services)."""
        inquiry = self.get_object(request, object_id)
        if inquiry is None:
            raise Http404
        if not self.has_change_permission(request, inquiry):
            raise PermissionDenied
        if action == "reached":
            recorded = inquiry_record_first_contact(
                inquiry=inquiry, actor=request.user, request=request
            )
            self.message_user(
                request,
                "Recorded: they have been reached. The response clock has stopped."
                if recorded
                else "They were already marked as reached.",
            )
        elif action == "assign-to-me":
            changed = inquiry_assign(
                inquiry=inquiry, assignee=request.user, actor=request.user, request=request
            )
            self.message_user(
                request, "Assigned to you." if changed else "It was already assigned to you."
            )
        else:
            raise Http404
        return HttpResponseRedirect(
            reverse(
                "admin:intake_inquiry_change", args=[inquiry.pk], current_app=self.admin_site.name
            )
        )

    def save_model(self, request, obj, form, change):
        """Status goes through the workflow service; the assignee through its own service."""
        target_status = obj.status
        reason = form.cleaned_data.get("close_reason", "")
        assignee = form.cleaned_data.get("assigned_to")
        if "assigned_to" in form.changed_data:
            inquiry_assign(inquiry=obj, assignee=assignee, actor=request.user, request=request)
        if "status" in form.changed_data:
            obj.status = form.initial["status"]
            try:
                inquiry_transition(
                    inquiry=obj,
                    to_status=target_status,
                    reason=reason,
                    actor=request.user,
                    request=request,
                )
            except TransitionNotAllowed as exc:
                # The form checked first; a concurrent change can still land here.
                self.message_user(request, str(exc), level=messages.ERROR)
        if form.cleaned_data.get("record_contact"):
            inquiry_record_first_contact(inquiry=obj, actor=request.user, request=request)
        note = form.cleaned_data.get("new_note", "").strip()
        if note:
            inquiry_note_add(inquiry=obj, author=request.user, body=note, request=request)
        obj.refresh_from_db()

    def log_change(self, request, obj, message):
        # Changes were audited field by field by the workflow services above.
        return admin.ModelAdmin.log_change(self, request, obj, message)


def _audit_trail_url(obj) -> str:
    ct = ContentType.objects.get_for_model(obj)
    return (
        reverse("admin:staff_auditentry_changelist")
        + f"?content_type__id__exact={ct.pk}&object_id={obj.pk}"
    )


# What a queue row shows (its name column decrypts the name and phone), and the assignee's
# name (str() of a user is the username).
_QUEUE_FIELDS = (
    "reference_code",
    "priority",
    "status",
    "created_at",
    "preferred_contact",
    "language",
    "contact_name",
    "contact_phone",
    "assigned_to",
    "assigned_to__username",
)
