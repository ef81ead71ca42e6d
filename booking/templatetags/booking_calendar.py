"""The booking calendar's layout, built in the template from the day rows a view gives."""

from django import template

from booking.display import calendar_weeks

register = template.Library()


@register.simple_tag
def booking_calendar(day_rows):
    return calendar_weeks(day_rows)
