"""The ceiling for `make bench`: a bare one-file Django site that answers every request with
the exact bytes (and content headers) our topic page sent.

No middleware, no database, no cache, no templates: Django's request handling and nothing
else. bench/run.py saves the topic page's body and headers into BENCH_BARE_BODY /
BENCH_BARE_HEADERS and serves this module under the same gunicorn settings as the site
(clinic_site/gunicorn_conf.py: the same worker count and access log), so "× bare" says how
close a URL comes to Django itself on this machine.
"""

import json
import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-bare-view-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={},
    USE_I18N=False,
    # Bench runs set LOG_LEVEL=WARNING for the site; keep Django's default logging here.
)

with open(os.environ["BENCH_BARE_BODY"], "rb") as body_file:
    BODY = body_file.read()
with open(os.environ["BENCH_BARE_HEADERS"]) as headers_file:
    HEADERS = json.load(headers_file)


def page(request, rest=""):
    response = HttpResponse(BODY)
    for name, value in HEADERS.items():
        response[name] = value
    return response


urlpatterns = [path("", page), path("<path:rest>", page)]

application = get_wsgi_application()
