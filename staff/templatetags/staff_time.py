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


def _span_text(seconds: float) -> str:
    """'40 min', '2 h 5 min', '1 day 3 h', '3 days': two units at most, rounded down."""
    minutes = int(seconds // 60)
    days, minutes = divmod(minutes, 24 * 60)
    hours, minutes = divmod(minutes, 60)
    if days >= 2:  # past two days the hours are noise
        return f"{days} days"
    if days:
        return f"1 day {hours} h" if hours else "1 day"
    if hours:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    return f"{minutes} min"


def relative_due_text(due: dt.datetime | None, *, now: dt.datetime) -> str:
    """How far a response-due time is from now: 'in 40 min', 'due now', '2 h overdue'."""
    if due is None:
        return ""
    seconds = (due - now).total_seconds()
    if abs(seconds) < 60:
        return "due now"
    if seconds > 0:
        return f"in {_span_text(seconds)}"
    return f"{_span_text(-seconds)} overdue"


@register.simple_tag
def due_relative(due):
    """{% due_relative due %} → 'in 40 min' / '2 h overdue', against the current time."""
    return relative_due_text(due, now=timezone.now())


def ago_text(when: dt.datetime | None, *, now: dt.datetime) -> str:
    """'just now', '20 min ago', '3 h 5 min ago', '2 days ago' (cheaper than timesince)."""
    if when is None:
        return ""
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    return f"{_span_text(seconds)} ago"
