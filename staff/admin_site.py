"""The clinic's admin site: password, then (when required) a TOTP second factor.

`has_permission` also asks `request.user.is_verified()` (django-otp) whenever
settings.STAFF_REQUIRE_2FA is on, so no admin page opens on a password alone. A signed-in
but unverified staff member is sent to the second-factor page, or to enrolment if they
have no device yet.
"""

import datetime as dt
from functools import update_wrapper
from urllib.parse import urlencode

from django.contrib import admin
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect

from clinic_site import clock
from staff import views
from staff.charts import stacked_bar_svg
from staff.roles import SECURITY_APP_LABELS, shows_security_apps
from staff.selectors import OUTCOMES, dashboard
from staff.signals import address_turned_away
from staff.two_factor import two_factor_required


class ClinicAdminSite(admin.AdminSite):
    site_header = "Clinic staff"
    site_title = "Clinic staff"
    index_title = "Today"
    index_template = "admin/clinic_index.html"

    # --- access ----------------------------------------------------------------------
    def has_permission(self, request):
        if not super().has_permission(request):
            return False
        if two_factor_required():
            return _is_verified(request.user)
        return True

    def needs_second_factor(self, request) -> bool:
        user = request.user
        return (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and two_factor_required()
            and not _is_verified(user)
        )

    def login(self, request, extra_context=None):
        if request.method == "GET" and self.needs_second_factor(request):
            return self._redirect_to_second_factor(request)
        if request.method == "POST" and address_turned_away(request):
            return render(request, "staff/locked_out.html", {"address_locked": True}, status=429)
        response = super().login(request, extra_context)
        if request.method == "POST" and self.needs_second_factor(request):
            return self._redirect_to_second_factor(request)
        return response

    def _redirect_to_second_factor(self, request):
        target = reverse("admin:staff_two_factor", current_app=self.name)
        next_url = request.POST.get(REDIRECT_FIELD_NAME) or request.GET.get(REDIRECT_FIELD_NAME)
        if next_url and url_has_allowed_host_and_scheme(
            next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
        ):
            target += "?" + urlencode({REDIRECT_FIELD_NAME: next_url})
        return HttpResponseRedirect(target)

    def signed_in_view(self, view):
        """Wrap a view that needs a signed-in, active staff member (second factor or not)."""

        def inner(request, *args, **kwargs):
            user = request.user
            if not (user.is_authenticated and user.is_active and user.is_staff):
                login_url = reverse("admin:login", current_app=self.name)
                query = urlencode({REDIRECT_FIELD_NAME: request.get_full_path()})
                return HttpResponseRedirect(f"{login_url}?{query}")
            request.current_app = self.name
            return view(request, *args, **kwargs)

        return update_wrapper(never_cache(csrf_protect(inner)), view)

    def each_context(self, request):
        """Django's context, with the app list built only when a template reads it (the menu
        and the index): the queue, with no menu, skipped a permission walk over every model
        on each refresh."""
        script_name = request.META["SCRIPT_NAME"]
        return {
            "site_title": self.site_title,
            "site_header": self.site_header,
            "site_url": script_name if self.site_url == "/" and script_name else self.site_url,
            "has_permission": self.has_permission(request),
            "available_apps": SimpleLazyObject(lambda: self.get_app_list(request)),
            "is_popup": False,
            "is_nav_sidebar_enabled": self.enable_nav_sidebar,
            "log_entries": self.get_log_entries(request),
        }

    def get_app_list(self, request, app_label=None):
        """The apps in the index and the menu; sign-in security apps for clinic admins only."""
        apps = super().get_app_list(request, app_label)
        if any(a["app_label"] in SECURITY_APP_LABELS for a in apps) and not (
            shows_security_apps(request.user)
        ):
            apps = [a for a in apps if a["app_label"] not in SECURITY_APP_LABELS]
        return apps

    # --- pages -----------------------------------------------------------------------
    def get_urls(self):
        own = [
            path(
                "two-factor/",
                self.signed_in_view(views.two_factor_verify),
                name="staff_two_factor",
            ),
            path(
                "two-factor/setup/",
                self.signed_in_view(views.two_factor_setup),
                name="staff_two_factor_setup",
            ),
            path(
                "two-factor/backup-codes/",
                self.admin_view(views.backup_codes),
                name="staff_backup_codes",
            ),
        ]
        return own + super().get_urls()

    def index(self, request, extra_context=None):
        context = {"dashboard": self._dashboard(request)}
        context.update(extra_context or {})
        return super().index(request, context)

    def _dashboard(self, request) -> dict | None:
        """The home page's counts, chart and queue links, for staff who may see the queue."""
        if not request.user.has_perm("intake.view_inquiry"):
            return None
        data = dashboard(user=request.user)
        queue = reverse("admin:intake_inquiry_changelist", current_app=self.name)
        series = [(key, label) for key, label, _statuses in OUTCOMES]
        data["series"] = series
        data["chart_svg"] = stacked_bar_svg(
            weeks=data["weeks"], series=series, title="Inquiries per week, last 12 weeks"
        )
        data["links"] = {
            "queue": queue,
            "new_today": f"{queue}?received=today",
            "urgent_open": f"{queue}?priority__exact=urgent&state=open",
            "overdue": f"{queue}?overdue=yes",
            "mine_open": f"{queue}?assigned=me&state=open",
        }
        if request.user.has_perm("booking.view_appointment"):
            try:
                appointments = reverse(
                    "admin:booking_appointment_changelist", current_app=self.name
                )
            except NoReverseMatch:
                appointments = None
            if appointments:
                today = data["today"]
                monday = today - dt.timedelta(days=today.weekday())

                def between(first, days):
                    return f"{appointments}?" + urlencode(
                        {
                            "start__gte": clock.day_start(first).isoformat(),
                            "start__lt": clock.day_start(
                                first + dt.timedelta(days=days)
                            ).isoformat(),
                        }
                    )

                data["links"]["consultations_today"] = between(today, 1)
                data["links"]["agenda"] = reverse(
                    "admin:booking_appointment_agenda", current_app=self.name
                )
                data["links"]["consultations_this_week"] = between(monday, 7)
        return data


def _is_verified(user) -> bool:
    # OTPMiddleware adds is_verified(); a user just signed in by password in this very
    # request is a plain User without it, and is not verified.
    check = getattr(user, "is_verified", None)
    return bool(check and check())
