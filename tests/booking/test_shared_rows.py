"""Day and time rows (and the time buttons) are kept per set of days/times and language:
they must equal a fresh rendering, follow the language and the clinic's time zone."""

from datetime import UTC, date, datetime

from django.template import Context, Template
from django.utils import translation

from booking.availability import OpenDay
from booking.slots import Slot
from booking.templatetags.booking_calendar import booking_time_buttons
from booking.views.common import day_rows, slot_rows

STARTS = [datetime(2026, 3, 10, 17, 0, tzinfo=UTC), datetime(2026, 3, 10, 21, 30, tzinfo=UTC)]
SLOTS = [Slot(start=s, end=s) for s in STARTS]
DAYS = [OpenDay(date(2026, 3, 10), 2, STARTS[0])]

OLD_LOOP = Template(
    '{% for time in times %}<li><button type="submit" name="start" value="{{ time.value }}" '
    'class="btn btn-outline-primary">{{ time.label }}</button></li>{% endfor %}'
)


def test_rows_follow_the_language_and_zone(settings):
    with translation.override("en"):
        assert [r["label"] for r in slot_rows(SLOTS)] == ["10:00 am", "2:30 pm"]
        assert day_rows(DAYS)[0]["label"] == "Tuesday, March 10, 2026"
        assert day_rows(DAYS)[0]["first"] == "10:00 am"
    with translation.override("es"):
        assert slot_rows(SLOTS)[0]["label"] != "10:00 am"
        assert "marzo" in day_rows(DAYS)[0]["label"]
    settings.CLINIC_TIME_ZONE = "America/New_York"
    with translation.override("en"):
        assert [r["label"] for r in slot_rows(SLOTS)] == ["1:00 pm", "5:30 pm"]
        assert day_rows(DAYS)[0]["first"] == "1:00 pm"


def test_time_buttons_equal_the_template_loop_and_are_escaped():
    for language in ("en", "es"):
        with translation.override(language):
            rows = slot_rows(SLOTS)
            assert booking_time_buttons(rows) == OLD_LOOP.render(Context({"times": rows}))
    odd = [{"value": 'x"><script>', "label": "<b>"}]
    html = booking_time_buttons(odd)
    assert "<script>" not in html and "<b>" not in html
    assert html == OLD_LOOP.render(Context({"times": odd}))
