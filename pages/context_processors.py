"""Template context every page needs: the clinic's settings (crisis strip, phone, name)."""

from django.conf import settings

from pages.models import SiteSettings


def site(request):
    return {
        "site_settings": SiteSettings.load(),
        "admin_url_path": settings.ADMIN_URL_PATH,
    }
