"""The booking calendar, rendered once per set of open days and remembered.

The calendar (a few weeks × 7 squares, each with a date, a weekday, a count and a link) was
most of the day page's rendering time: ~300 template variables, each localized and escaped.
Its HTML depends only on the open days (date, count, first time), the language and the two
parts of each link (the day list's URL and its query string). `booking_calendar_html`
renders the weeks with placeholders for the link parts, remembers that HTML per open-days
key in this process (a pure function of its key: nothing can go stale), and puts the
escaped link parts in on each request, so a reschedule link's private URL is never kept.
"""

from functools import lru_cache

from django import template
from django.template.loader import get_template
from django.utils.autoreload import file_changed
from django.utils.html import conditional_escape, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from booking.display import calendar_weeks

register = template.Library()

_DAY_BASE = "__booking_day_base__"
_QUERY = "__booking_query__"


@register.simple_tag
def booking_calendar(day_rows):
    return calendar_weeks(day_rows)


@lru_cache(maxsize=256)
def _weeks_html(rows_key: tuple, language: str | None) -> str:
    rows = [dict(items) for items in rows_key]
    return get_template("booking/_calendar_weeks.html").render(
        {"days": rows, "day_base": _DAY_BASE, "query": _QUERY}
    )


@register.simple_tag
def booking_calendar_html(day_rows, day_base, query=""):
    """The calendar's weeks for these day rows, with links to `day_base` + day + `query`."""
    key = tuple(tuple(sorted(row.items())) for row in day_rows)
    html = _weeks_html(key, get_language())
    return mark_safe(
        html.replace(_DAY_BASE, str(conditional_escape(day_base))).replace(
            _QUERY, str(conditional_escape(query))
        )
    )


def _forget_on_template_change(sender, file_path, **kwargs):
    """The development server reloads changed templates without restarting: so must we."""
    if file_path.suffix != ".py":
        _weeks_html.cache_clear()


file_changed.connect(_forget_on_template_change, dispatch_uid="booking_calendar_html")


@register.simple_tag
def booking_time_buttons(times):
    """The time page's buttons (`<li>` each), joined once per set of times and language."""
    return _time_buttons_html(tuple((row["value"], row["label"]) for row in times))


@lru_cache(maxsize=1024)
def _time_buttons_html(times: tuple[tuple[str, str], ...]) -> str:
    # Values and labels are escaped by format_html: a pure function of its key.
    return format_html_join(
        "",
        '<li><button type="submit" name="start" value="{}" class="btn btn-outline-primary">'
        "{}</button></li>",
        times,
    )
