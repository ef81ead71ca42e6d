"""Render a plain-text template (an SMS, an email subject or text body) without HTML escaping.

A link's "&" must stay "&" in a text message. Used by notifications.rendering for real
messages and by the site-settings admin to show staff how a message will read.
"""

from django.template import Context
from django.template.loader import get_template


def render_text(template_name: str, context: dict) -> str:
    template = get_template(template_name).template  # the engine's own Template
    return template.render(Context(context, autoescape=False))
