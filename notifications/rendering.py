"""Render message templates: templates/sms/<key>.txt and
templates/emails/<key>/{subject.txt,body.txt,body.html}.

Text templates render without HTML escaping (a link's "&" stays "&"); the HTML body is
escaped as usual. Every template also sees `clinic` (the discreet short name) and
`clinic_phone` unless the caller's context sets them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.template.loader import get_template

from clinic_site.text_templates import render_text
from pages.models import SiteSettings

# Three GSM-7 segments: anything longer is a template mistake, not a message to send.
SMS_MAX_LENGTH = 459


@dataclass(frozen=True)
class RenderedEmail:
    subject: str
    text: str
    html: str


def base_context() -> dict:
    site = SiteSettings.load()
    return {"clinic": site.short_name, "clinic_phone": site.phone}


def sms_render(template_key: str, context: dict) -> str:
    """The text of an SMS, whitespace-trimmed; ValueError if empty or too long."""
    body = render_text(f"sms/{template_key}.txt", {**base_context(), **context}).strip()
    if not body:
        raise ValueError(f"SMS template {template_key!r} rendered empty")
    if len(body) > SMS_MAX_LENGTH:
        raise ValueError(f"SMS template {template_key!r} rendered {len(body)} characters")
    return body


def email_render(template_key: str, context: dict) -> RenderedEmail:
    """Subject (one line), text body and HTML body of an email."""
    full = {**base_context(), **context}
    subject = " ".join(render_text(f"emails/{template_key}/subject.txt", full).split())
    text = render_text(f"emails/{template_key}/body.txt", full).strip() + "\n"
    html = get_template(f"emails/{template_key}/body.html").render(full)
    if not subject:
        raise ValueError(f"email template {template_key!r} has an empty subject")
    return RenderedEmail(subject=subject, text=text, html=html)
