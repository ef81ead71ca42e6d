"""Private-link tokens never reach the logs (Django's request log, gunicorn's access log)."""

import logging
from datetime import timedelta
from types import SimpleNamespace

import pytest

from clinic_site.log_redaction import RedactPrivateLinksFilter, redact_private_links

TOKEN = "eyJzIjo0Mn0:1vXyZa:Qm9ndXNTaWduYXR1cmVWYWx1ZQ"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Not Found: /inquiry/s/{TOKEN}/", "Not Found: /inquiry/s/[redacted]/"),
        (
            f'"GET /book/manage/{TOKEN}/cancel/ HTTP/1.1" 403',
            '"GET /book/manage/[redacted]/cancel/ HTTP/1.1" 403',
        ),
        (f"/book/manage/{TOKEN}/calendar.ics", "/book/manage/[redacted]/calendar.ics"),
        ("/book/couples-consultation/2026-03-09/", "/book/couples-consultation/2026-03-09/"),
        ("/inquiry/step/2/", "/inquiry/step/2/"),
    ],
)
def test_redact_private_links(text, expected):
    assert redact_private_links(text) == expected


@pytest.mark.django_db
def test_a_404_on_a_screening_link_logs_no_token(client, caplog):
    handler_filter = RedactPrivateLinksFilter()
    caplog.handler.addFilter(handler_filter)
    try:
        with caplog.at_level(logging.WARNING, logger="django.request"):
            client.get(f"/book/manage/{TOKEN}/")
            client.get(f"/inquiry/s/{TOKEN}/")
    finally:
        caplog.handler.removeFilter(handler_filter)
    assert caplog.records, "expected the 4xx responses to be logged"
    assert TOKEN not in caplog.text
    assert "[redacted]" in caplog.text


def test_the_console_handler_carries_the_redaction_filter(settings):
    handler = settings.LOGGING["handlers"]["console"]
    assert "redact_private_links" in handler["filters"]
    for name in ("django.request", "django.server"):
        assert settings.LOGGING["loggers"][name]["handlers"] == ["console"]


def test_gunicorn_access_log_redacts_tokens():
    from gunicorn.config import Config

    from clinic_site.gunicorn_conf import RedactingLogger

    path = f"/inquiry/s/{TOKEN}/"
    referer = f"http://clinic.example/book/manage/{TOKEN}/"
    req = SimpleNamespace(headers=[("REFERER", referer)])
    resp = SimpleNamespace(status="200 OK", headers=[], sent=10)
    environ = {
        "REMOTE_ADDR": "127.0.0.1",
        "REQUEST_METHOD": "GET",
        "RAW_URI": path,
        "PATH_INFO": path,
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_REFERER": referer,
    }
    atoms = RedactingLogger(Config()).atoms(resp, req, environ, timedelta(milliseconds=5))
    assert atoms["U"] == "/inquiry/s/[redacted]/"
    assert TOKEN not in repr(atoms)
