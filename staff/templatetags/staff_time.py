"""Times for staff pages, always in clinic time and labelled: "Fri Nov 27, 3:29 AM Pacific".

Django's "P" format ends in "a.m." and a sentence's full stop after it read as "a.m..";
this format has no trailing period, so templates can end a sentence after it.
"""

import datetime as dt

from django import template
from django.utils import timezone

from clinic_site.clock import clinic_tz

register = template.Library()


def pacific_text(value: dt.datetime | None, *, with_zone: bool = True) -> str:
    """A clinic-time rendering of an aware datetime; empty for None."""
    if value is None:
        return ""
    local = timezone.localtime(value, clinic_tz())
    text = f"{local:%a %b %-d, %-I:%M %p}"
    return f"{text} Pacific" if with_zone else text


@register.filter
def pacific(value):
    """{{ when|pacific }} → "Fri Nov 27, 3:29 AM Pacific"."""
    return pacific_text(value)
