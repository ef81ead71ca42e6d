"""Email delivery through Django's mailer API, with one error type like notifications.sms."""

from __future__ import annotations

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives


class EmailError(Exception):
    """Sending failed. permanent=True: retrying cannot help (address refused by the server)."""

    def __init__(self, message: str, *, permanent: bool):
        super().__init__(message)
        self.permanent = permanent


def email_send(*, to: str, subject: str, text: str, html: str = "") -> None:
    """Send one email (text with an optional HTML alternative) through the default mailer."""
    message = EmailMultiAlternatives(
        subject=subject, body=text, from_email=settings.DEFAULT_FROM_EMAIL, to=[to]
    )
    if html:
        message.attach_alternative(html, "text/html")
    try:
        message.send(using="default")
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [code for code, _ in exc.recipients.values()]
        permanent = bool(codes) and all(500 <= code < 600 for code in codes)
        raise EmailError(f"recipient refused (SMTP {codes})", permanent=permanent) from exc
    except smtplib.SMTPResponseException as exc:
        # 4xx: temporary (greylisting, mailbox busy); 5xx: permanent, except authentication
        # failures, which are about our account rather than this message.
        permanent = 500 <= exc.smtp_code < 600 and exc.smtp_code not in (530, 534, 535)
        raise EmailError(f"SMTP {exc.smtp_code}", permanent=permanent) from exc
    except (smtplib.SMTPException, OSError) as exc:
        raise EmailError(f"mail server unavailable: {type(exc).__name__}", permanent=False) from exc
