"""Admin home: counts, the 12-week SVG chart and links into the filtered queue."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from intake.business_hours import (
    BusinessHours,
    add_business_hours,
    parse_clinic_hours,
    subtract_business_hours,
)
from tests.factories import AppointmentFactory, InquiryFactory, StaffUserFactory

PT = ZoneInfo("America/Los_Angeles")
NOW = dt.datetime(2026, 3, 4, 15, 0, tzinfo=PT)  # Wednesday 3 pm Pacific


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_dashboard_counts_and_links(client_for, front_desk):
    InquiryFactory(created_at=NOW - dt.timedelta(hours=1), priority="standard")  # new today
    InquiryFactory(created_at=NOW - dt.timedelta(hours=2), priority="urgent")  # overdue too
    InquiryFactory(
        created_at=NOW - dt.timedelta(days=3), priority="urgent", status="contacted"
    )  # urgent open, not overdue (contacted)
    InquiryFactory(created_at=NOW - dt.timedelta(days=3), priority="urgent", status="closed")
    InquiryFactory(created_at=NOW - dt.timedelta(days=20), status="accepted")
    AppointmentFactory(start=NOW + dt.timedelta(hours=1))  # today
    AppointmentFactory(start=NOW + dt.timedelta(days=2))  # Friday, this week
    AppointmentFactory(start=NOW + dt.timedelta(days=6))  # next week
    AppointmentFactory(start=NOW + dt.timedelta(hours=2), status="cancelled")

    page = client_for(front_desk).get(reverse("admin:index"))
    data = page.context["dashboard"]
    assert data["new_today"] == 2
    assert data["urgent_open"] == 2
    assert data["overdue"] == 1
    assert data["consultations_today"] == 1
    assert data["consultations_this_week"] == 2
    weeks = data["weeks"]
    assert len(weeks) == 12 and weeks[-1]["week_start"] == dt.date(2026, 3, 2)
    assert weeks[-1]["counts"] == {"open": 2, "accepted": 0, "referred_out": 0, "closed": 0}
    # Sunday Mar 1 belongs to the week that began Monday Feb 23.
    assert weeks[-2]["counts"] == {"open": 1, "accepted": 0, "referred_out": 0, "closed": 1}
    assert sum(w["counts"]["accepted"] for w in weeks) == 1
    html = page.content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and "<script" not in data["chart_svg"]
    assert "?overdue=yes" in html and "priority__exact=urgent&amp;state=open" in html
    # The links lead to the same numbers in the queue.
    client = client_for(front_desk)
    queue = reverse("admin:intake_inquiry_changelist")
    assert client.get(queue + "?overdue=yes").context["cl"].result_count == 1
    assert client.get(queue + "?priority__exact=urgent&state=open").context["cl"].result_count == 2
    assert client.get(queue + "?received=today").context["cl"].result_count == 2


@pytest.mark.django_db
def test_home_shows_no_queue_figures_to_staff_without_the_queue(client_for):
    page = client_for(StaffUserFactory(username="nobody")).get(reverse("admin:index"))
    assert page.status_code == 200 and page.context["dashboard"] is None


# --- business hours (pure) ----------------------------------------------------------------
SCHEDULE = BusinessHours(tz="America/Los_Angeles")


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (dt.datetime(2026, 3, 4, 10, 0, tzinfo=PT), 1, dt.datetime(2026, 3, 4, 11, 0, tzinfo=PT)),
        (dt.datetime(2026, 3, 4, 16, 30, tzinfo=PT), 1, dt.datetime(2026, 3, 5, 9, 30, tzinfo=PT)),
        (dt.datetime(2026, 3, 6, 16, 30, tzinfo=PT), 1, dt.datetime(2026, 3, 9, 9, 30, tzinfo=PT)),
        (dt.datetime(2026, 3, 7, 12, 0, tzinfo=PT), 8, dt.datetime(2026, 3, 9, 17, 0, tzinfo=PT)),
        (dt.datetime(2026, 3, 4, 6, 0, tzinfo=PT), 8, dt.datetime(2026, 3, 4, 17, 0, tzinfo=PT)),
        (dt.datetime(2026, 3, 4, 13, 0, tzinfo=PT), 8, dt.datetime(2026, 3, 5, 13, 0, tzinfo=PT)),
        # Across the spring-forward weekend (Mar 8, 2026): still 9 am Monday Pacific.
        (dt.datetime(2026, 3, 6, 17, 0, tzinfo=PT), 1, dt.datetime(2026, 3, 9, 10, 0, tzinfo=PT)),
    ],
)
def test_add_business_hours(start, hours, due):
    assert add_business_hours(start, hours, schedule=SCHEDULE) == due


@pytest.mark.parametrize("hours", [1, 8, 13])
@pytest.mark.parametrize("minutes_step", [37, 211, 1013])
def test_subtract_is_the_inverse_used_for_the_overdue_filter(hours, minutes_step):
    now = dt.datetime(2026, 3, 9, 10, 15, tzinfo=PT)
    cutoff = subtract_business_hours(now, hours, schedule=SCHEDULE)
    for i in range(0, 60 * 24 * 10, minutes_step):
        created = now - dt.timedelta(minutes=i)
        due = add_business_hours(created, hours, schedule=SCHEDULE)
        assert (due <= now) == (created <= cutoff), created


@pytest.mark.parametrize(
    ("text", "opens", "closes", "weekdays"),
    [
        ("Monday to Friday, 9 am to 5 pm Pacific", (9, 0), (17, 0), {0, 1, 2, 3, 4}),
        ("Mon–Sat 8:30am–6pm", (8, 30), (18, 0), {0, 1, 2, 3, 4, 5}),
        ("Tuesday through Saturday 10-7", (10, 0), (19, 0), {1, 2, 3, 4, 5}),
        ("Weekdays 9:00-17:00", None, None, None),
        ("By appointment", None, None, None),
    ],
)
def test_clinic_hours_are_read_from_site_settings_text(text, opens, closes, weekdays):
    parsed = parse_clinic_hours(text)
    if opens is None:
        assert parsed is None
    else:
        assert parsed.opens == dt.time(*opens) and parsed.closes == dt.time(*closes)
        assert parsed.weekdays == frozenset(weekdays)


@pytest.mark.django_db
def test_staff_pages_load_nothing_from_other_hosts(client_for, clinician, settings):
    import re

    settings.STAFF_REQUIRE_2FA = False
    inquiry = InquiryFactory()
    client = client_for(clinician)
    pages = [
        reverse("admin:index"),
        reverse("admin:intake_inquiry_changelist"),
        reverse("admin:intake_inquiry_change", args=[inquiry.pk]),
        reverse("admin:staff_two_factor_setup"),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        assert not re.search(r'(?:src|href|action)="(?:https?:)?//', html), url
        assert html.count("<h1") == 1, url


# --- relative due times (issue 14) -----------------------------------------------------------
@pytest.mark.parametrize(
    ("minutes_from_now", "text"),
    [
        (40, "in 40 min"),
        (40.9, "in 40 min"),
        (0.5, "due now"),
        (-0.5, "due now"),
        (60, "in 1 h"),
        (125, "in 2 h 5 min"),
        (-120, "2 h overdue"),
        (-150, "2 h 30 min overdue"),
        (-5, "5 min overdue"),
        (60 * 24, "in 1 day"),
        (60 * 27, "in 1 day 3 h"),
        (-60 * 24 * 3 - 30, "3 days overdue"),
    ],
)
def test_relative_due_text(minutes_from_now, text):
    import datetime as dt

    from staff.templatetags.staff_time import relative_due_text

    now = dt.datetime(2026, 3, 4, 17, 0, tzinfo=dt.UTC)
    due = now + dt.timedelta(minutes=minutes_from_now)
    assert relative_due_text(due, now=now) == text
    assert relative_due_text(None, now=now) == ""


# --- urgent response times (issue 14) --------------------------------------------------------
def _at(minutes):
    return NOW + dt.timedelta(minutes=minutes)


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([], {"received": 0, "reached_in_time": 0, "waiting": 0, "median_minutes": None}),
        (
            [(_at(0), _at(20)), (_at(0), _at(50)), (_at(0), _at(90))],
            {"received": 3, "reached_in_time": 2, "reached_late": 1, "median_minutes": 50},
        ),
        (
            [(_at(0), _at(10)), (_at(0), _at(30))],
            {"median_minutes": 20, "reached_in_time": 2},
        ),
        (
            [(_at(-30), None), (_at(-90), None), (_at(-120), _at(-100))],
            {"waiting": 2, "overdue_waiting": 1, "reached_in_time": 1, "median_minutes": 20},
        ),
        ([(_at(0), _at(60))], {"reached_in_time": 1, "reached_late": 0}),  # on the hour
    ],
)
def test_urgent_response_summary(rows, expected):
    from staff.selectors import urgent_response_summary

    summary = urgent_response_summary(rows, target=dt.timedelta(hours=1), now=NOW)
    assert {key: summary[key] for key in expected} == expected


@pytest.mark.django_db
@time_machine.travel(NOW, tick=False)
def test_dashboard_counts_urgent_response_times(client_for, front_desk):
    from staff.models import InquiryFirstContact

    reached = InquiryFactory(created_at=NOW - dt.timedelta(hours=5), priority="urgent")
    InquiryFirstContact.objects.create(
        inquiry=reached, contacted_at=NOW - dt.timedelta(hours=4, minutes=35)
    )  # 25 min
    late = InquiryFactory(created_at=NOW - dt.timedelta(days=2), priority="urgent")
    InquiryFirstContact.objects.create(
        inquiry=late, contacted_at=NOW - dt.timedelta(days=2) + dt.timedelta(hours=3)
    )
    InquiryFactory(created_at=NOW - dt.timedelta(hours=2), priority="urgent")  # waiting, late
    InquiryFactory(created_at=NOW - dt.timedelta(days=40), priority="urgent")  # too old
    InquiryFactory(created_at=NOW - dt.timedelta(hours=2), priority="standard")
    page = client_for(front_desk).get(reverse("admin:index"))
    urgent = page.context["dashboard"]["urgent_times"]
    assert urgent["received"] == 3
    assert (urgent["reached_in_time"], urgent["reached_late"]) == (1, 1)
    assert (urgent["waiting"], urgent["overdue_waiting"]) == (1, 1)
    assert urgent["median_minutes"] == round((25 + 180) / 2)
    html = page.content.decode()
    assert 'id="urgent-in-time">1<' in html and "past the hour" in html


# --- the chart (staff/charts.py computes, admin/includes/stacked_bar_chart.svg draws) ------
def test_the_chart_is_drawn_by_an_autoescaped_template():
    from staff.charts import stacked_bar_svg

    weeks = [
        {"week_start": dt.date(2026, 2, 23), "counts": {"open": 3, "closed": 1}, "total": 4},
        {"week_start": dt.date(2026, 3, 2), "counts": {"open": 1}, "total": 1},
    ]
    svg = stacked_bar_svg(
        weeks=weeks, series=[("open", "<script>x</script>"), ("closed", "Closed")], title="A & B"
    )
    assert svg.lstrip().startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    assert "<script>" not in svg and "&lt;script&gt;x&lt;/script&gt;" in svg
    assert '<title id="chart-title">A &amp; B</title>' in svg
    # One rectangle per non-zero count, plus one legend swatch per series.
    assert svg.count("<rect ") == 3 + 2
    assert "5 inquiries over 2 weeks" in svg
