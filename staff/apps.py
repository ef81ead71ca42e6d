from django.apps import AppConfig
from django.db.models.signals import post_migrate


class StaffConfig(AppConfig):
    name = "staff"
    verbose_name = "Staff workspace"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in, user_login_failed

        from staff import roles, signals

        post_migrate.connect(roles.on_post_migrate, dispatch_uid="staff-role-permissions")
        user_logged_in.connect(signals.record_login, dispatch_uid="staff-audit-login")
        user_login_failed.connect(signals.count_login_failure, dispatch_uid="staff-login-failed")
