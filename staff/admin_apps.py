"""Makes `staff.admin_site.ClinicAdminSite` the project's `admin.site`.

INSTALLED_APPS lists this instead of "django.contrib.admin", so every app's
`@admin.register(...)` lands on the clinic's site (two-factor check, dashboard).
"""

from django.contrib.admin.apps import AdminConfig


class ClinicAdminConfig(AdminConfig):
    default_site = "staff.admin_site.ClinicAdminSite"
