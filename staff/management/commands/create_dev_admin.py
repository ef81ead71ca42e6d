"""Create (or reset) the local development admin account and print its login."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

USERNAME = "admin"
PASSWORD = "dev-admin-password"  # noqa: S105 - development only; refused under DEBUG=False


class Command(BaseCommand):
    help = "Create a development superuser (only when DEBUG is on)."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("create_dev_admin only runs with DEBUG on (development).")
        User = get_user_model()
        user, _ = User.objects.get_or_create(
            username=USERNAME, defaults={"email": "admin@localhost"}
        )
        user.is_staff = True
        user.is_superuser = True
        user.set_password(PASSWORD)
        user.save()
        group = Group.objects.filter(name="Clinic admin").first()
        if group:
            user.groups.add(group)
        self.stdout.write(
            f"Development admin: {settings.SITE_URL}/{settings.ADMIN_URL_PATH}  "
            f"username '{USERNAME}'  password '{PASSWORD}'"
        )
