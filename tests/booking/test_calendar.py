"""The booking calendar: whole weeks, Monday first, from the first open day to the last."""

from datetime import date

import pytest

from booking.display import calendar_weeks


def rows(*days: date) -> list[dict]:
    return [{"date": d, "iso": d.isoformat(), "count": 1, "first": "9:00 am"} for d in days]


@pytest.mark.parametrize(
    ("open_days", "weeks", "first_monday", "headings"),
    [
        ([], 0, None, []),
        ([date(2026, 3, 4)], 1, date(2026, 3, 2), ["Week of March 2"]),
        # Sunday then the next Monday: two weeks.
        ([date(2026, 3, 8), date(2026, 3, 9)], 2, date(2026, 3, 2),
         ["Week of March 2", "Week of March 9"]),
        # A week with nothing open in between is kept, so the calendar never jumps silently.
        ([date(2026, 3, 3), date(2026, 3, 17)], 3, date(2026, 3, 2),
         ["Week of March 2", "Week of March 9", "Week of March 16"]),
        # Across a month end.
        ([date(2026, 3, 31), date(2026, 4, 1)], 1, date(2026, 3, 30), ["Week of March 30"]),
    ],
)  # fmt: skip
def test_calendar_weeks(open_days, weeks, first_monday, headings):
    result = calendar_weeks(rows(*open_days))
    assert len(result) == weeks
    assert [w.heading for w in result] == headings
    if weeks:
        assert result[0].days[0].date == first_monday
        assert all(len(w.days) == 7 and w.days[0].date.weekday() == 0 for w in result)
        marked = [d.date for w in result for d in w.days if d.row]
        assert marked == sorted(open_days)


@pytest.mark.django_db
def test_the_day_page_shows_first_available_and_the_weeks(client, frozen_clock, clinicians):
    html = client.get("/book/couples-consultation/").content.decode()
    assert "First available:</strong> Tuesday, March 3, 2026, from 9:00 am Pacific time." in html
    assert 'href="/book/couples-consultation/2026-03-03/">See times on Tuesday, March 3' in html
    assert "Week of March 2" in html
    # Each open day is a link with its full date for screen readers; closed days are not links.
    assert "Tuesday, March 3, 2026: 15 open times, from 9:00 am" in html
    assert "Saturday, March 7, 2026: nothing open" in html
    assert 'class="avatar avatar-initials avatar-sm" aria-hidden="true">AR<' in html


def test_the_calendar_html_is_remembered_per_open_days_without_its_links():
    """booking_calendar_html renders the weeks once per set of open days and puts each
    request's link parts in afterwards: the same HTML as rendering the weeks directly, and a
    reschedule link's private URL is never part of what is remembered."""
    from django.template.loader import render_to_string

    from booking.templatetags.booking_calendar import _weeks_html, booking_calendar_html

    days = rows(date(2026, 3, 3), date(2026, 3, 17))
    _weeks_html.cache_clear()
    for base, query in [
        ("/book/couples-consultation/", "?clinician=3&x=<y>"),
        ("/book/manage/secret-token-1/reschedule/", ""),
        ("/book/manage/secret-token-2/reschedule/", ""),
    ]:
        direct = render_to_string(
            "booking/_calendar_weeks.html", {"days": days, "day_base": base, "query": query}
        )
        assert booking_calendar_html(days, base, query) == direct
        if query:  # escaped as the template escapes it
            assert "reschedule" not in direct and "/?clinician=3&amp;x=&lt;y&gt;" in direct
    info = _weeks_html.cache_info()
    assert (info.misses, info.hits) == (1, 2)  # rendered once, links filled in three times
    # Other open days (or counts) are another calendar.
    booking_calendar_html(rows(date(2026, 3, 3)), "/book/couples-consultation/", "")
    assert _weeks_html.cache_info().misses == 2
