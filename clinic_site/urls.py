from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from clinic_site.health import healthz, readyz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("readyz", readyz, name="readyz"),
    # The staff side is English only and never prefixed.
    path(settings.ADMIN_URL_PATH, admin.site.urls),
    path("notifications/", include("notifications.urls")),
]

# The patient side: English at /…, Spanish at /es/… (the language comes from the path alone;
# clinic_site.middleware.PathLanguageMiddleware).
urlpatterns += i18n_patterns(
    path("inquiry/", include("intake.urls")),
    path("book/", include("booking.urls")),
    path("", include("pages.urls")),
    prefix_default_language=False,
)

# The 500 page needs the clinic's phone without trusting the database (pages.views).
handler500 = "pages.views.server_error"
