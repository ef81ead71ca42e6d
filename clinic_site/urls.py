from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from clinic_site.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path("inquiry/", include("intake.urls")),
    path("book/", include("booking.urls")),
    path("notifications/", include("notifications.urls")),
    path("", include("pages.urls")),
]

# The 500 page needs the clinic's phone without trusting the database (pages.views).
handler500 = "pages.views.server_error"
