"""The triage queue: ordering, overdue marking (frozen time), filters, search, actions."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from intake.models import Inquiry
from staff.models import AuditEntry
from tests.factories import AppointmentFactory, InquiryFactory, PartnerScreeningFactory

PT = ZoneInfo("America/Los_Angeles")
QUEUE = "admin:intake_inquiry_changelist"


def pacific(*args):
    return dt.datetime(*args, tzinfo=PT)


def codes(response):
    return [row.reference_code for row in response.context["cl"].result_list]


@pytest.mark.django_db
@time_machine.travel(pacific(2026, 3, 4, 15, 0), tick=False)  # a Wednesday, 3 pm
def test_queue_orders_by_priority_then_oldest_first(client_for, front_desk):
    now = timezone.now()
    made = {}
    for code, priority, hours_ago in [
        ("KC-STD01", "standard", 5),
        ("KC-URG02", "urgent", 1),
        ("KC-NEL03", "not_eligible", 30),
        ("KC-MED04", "medical_review", 2),
        ("KC-URG05", "urgent", 3),
        ("KC-STD06", "standard", 50),
    ]:
        made[code] = InquiryFactory(
            reference_code=code, priority=priority, created_at=now - dt.timedelta(hours=hours_ago)
        )
    response = client_for(front_desk).get(reverse(QUEUE))
    assert response.status_code == 200
    assert codes(response) == [
        "KC-URG05",
        "KC-URG02",
        "KC-MED04",
        "KC-STD06",
        "KC-STD01",
        "KC-NEL03",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("received", "priority", "status", "now", "overdue"),
    [
        # urgent: 1 business hour
        (pacific(2026, 3, 4, 10, 0), "urgent", "new", pacific(2026, 3, 4, 10, 59), False),
        (pacific(2026, 3, 4, 10, 0), "urgent", "new", pacific(2026, 3, 4, 11, 0), True),
        (pacific(2026, 3, 4, 10, 0), "urgent", "contacted", pacific(2026, 3, 4, 16, 0), False),
        # urgent runs around the clock (on call): 4:10 pm is due 5:10 pm, not next morning
        (pacific(2026, 3, 4, 16, 10), "urgent", "new", pacific(2026, 3, 4, 17, 9), False),
        (pacific(2026, 3, 4, 16, 10), "urgent", "new", pacific(2026, 3, 4, 17, 11), True),
        # arrives Friday 4:30 pm: due 5:30 pm Friday, overdue that evening
        (pacific(2026, 3, 6, 16, 30), "urgent", "in_review", pacific(2026, 3, 6, 17, 31), True),
        # arrives Saturday night: due an hour later, not on Monday
        (pacific(2026, 3, 7, 22, 0), "urgent", "new", pacific(2026, 3, 7, 22, 59), False),
        (pacific(2026, 3, 7, 22, 0), "urgent", "new", pacific(2026, 3, 7, 23, 1), True),
        # medical review still counts business hours: Friday 4:30 pm + 8 h = Monday 4:30 pm
        (pacific(2026, 3, 6, 16, 30), "medical_review", "new", pacific(2026, 3, 9, 16, 29), False),
        (pacific(2026, 3, 6, 16, 30), "medical_review", "new", pacific(2026, 3, 9, 16, 31), True),
        # standard: one business day (8 h)
        (pacific(2026, 3, 4, 13, 0), "standard", "new", pacific(2026, 3, 5, 12, 59), False),
        (pacific(2026, 3, 4, 13, 0), "standard", "new", pacific(2026, 3, 5, 13, 1), True),
        (pacific(2026, 3, 4, 13, 0), "standard", "closed", pacific(2026, 3, 9, 13, 0), False),
    ],
)
def test_overdue_is_marked_and_filtered_with_frozen_time(
    client_for, front_desk, received, priority, status, now, overdue
):
    inquiry = InquiryFactory(priority=priority, status=status, created_at=received)
    client = client_for(front_desk)
    with time_machine.travel(now, tick=False):
        page = client.get(reverse(QUEUE))
        row = page.context["cl"].result_list[0]
        assert row.is_overdue is overdue
        assert ("staff-overdue" in page.content.decode()) is overdue
        filtered = client.get(reverse(QUEUE), {"overdue": "yes"})
        assert codes(filtered) == ([inquiry.reference_code] if overdue else [])


@pytest.mark.django_db
def test_columns_show_partners_screened_and_next_appointment(client_for, front_desk):
    inquiry = InquiryFactory()
    PartnerScreeningFactory(inquiry=inquiry, role="submitter", completed_at=timezone.now())
    PartnerScreeningFactory(inquiry=inquiry, role="partner", completed_at=None)
    start = timezone.now() + dt.timedelta(days=2)
    AppointmentFactory(inquiry=inquiry, start=start)
    page = client_for(front_desk).get(reverse(QUEUE))
    html = page.content.decode()
    assert "1/2" in html
    local = timezone.localtime(start, PT)
    assert f"{local:%a %b %-d, %-I:%M %p}" in html


@pytest.mark.django_db
@pytest.mark.parametrize("rows", [5, 50])
def test_queue_query_count_does_not_grow_with_rows(
    client_for, front_desk, django_assert_max_num_queries, rows
):
    for _ in range(rows):
        inquiry = InquiryFactory(assigned_to=front_desk)
        PartnerScreeningFactory(inquiry=inquiry, completed_at=timezone.now())
        AppointmentFactory(inquiry=inquiry, start=timezone.now() + dt.timedelta(days=1))
    client = client_for(front_desk)
    client.get(reverse(QUEUE))  # warm the site-settings cache
    with django_assert_max_num_queries(12):
        page = client.get(reverse(QUEUE))
    assert len(page.context["cl"].result_list) == rows


@pytest.mark.django_db
def test_search_by_reference_code_email_and_phone(client_for, front_desk):
    target = InquiryFactory(
        reference_code="KC-7Q4M2", contact_email="Pat@Example.com", contact_phone="+19495550123"
    )
    InquiryFactory()
    partner_match = InquiryFactory()
    PartnerScreeningFactory(inquiry=partner_match, role="partner", email="sam@example.org")
    client = client_for(front_desk)
    for term, expected in [
        ("KC-7Q4M2", [target]),
        ("kc-7q4m2", [target]),
        ("7Q4M2", [target]),
        ("pat@example.com", [target]),
        ("(949) 555-0123", [target]),
        ("sam@example.org", [partner_match]),
        ("pat@example", []),
        ("949555", []),
    ]:
        page = client.get(reverse(QUEUE), {"q": term})
        assert codes(page) == [i.reference_code for i in expected], term


@pytest.mark.django_db
def test_filters_assigned_to_me_channel_and_priority(client_for, front_desk, clinician):
    mine = InquiryFactory(assigned_to=front_desk, preferred_contact="sms", priority="urgent")
    InquiryFactory(assigned_to=clinician, preferred_contact="email")
    client = client_for(front_desk)
    assert codes(client.get(reverse(QUEUE), {"assigned": "me"})) == [mine.reference_code]
    assert codes(client.get(reverse(QUEUE), {"channel": "sms"})) == [mine.reference_code]
    assert codes(client.get(reverse(QUEUE), {"priority__exact": "urgent"})) == [mine.reference_code]


@pytest.mark.django_db
def test_actions_assign_to_me_and_mark_contacted_go_through_the_workflow(client_for, front_desk):
    new = InquiryFactory(status="new")
    closed = InquiryFactory(status="closed")
    client = client_for(front_desk)
    ids = [new.pk, closed.pk]
    client.post(reverse(QUEUE), {"action": "assign_to_me", "_selected_action": ids})
    assert Inquiry.objects.filter(assigned_to=front_desk).count() == 2
    response = client.post(
        reverse(QUEUE), {"action": "mark_contacted", "_selected_action": ids}, follow=True
    )
    new.refresh_from_db()
    closed.refresh_from_db()
    assert new.status == "contacted" and closed.status == "closed"
    assert closed.reference_code in response.content.decode()  # reported as not changed
    entry = AuditEntry.objects.filter(object_id=str(new.pk), action="change").first()
    assert entry.changes == {"status": ["new", "contacted"]}


@pytest.mark.django_db
def test_close_with_reason_asks_for_a_reason_first(client_for, front_desk):
    inquiry = InquiryFactory(status="contacted")
    client = client_for(front_desk)
    data = {"action": "close_with_reason", "_selected_action": [inquiry.pk]}
    page = client.post(reverse(QUEUE), data)
    assert page.status_code == 200 and "Reason for closing" in page.content.decode()
    page = client.post(reverse(QUEUE), {**data, "apply": "1", "reason": "  "})
    assert "This field is required" in page.content.decode()
    inquiry.refresh_from_db()
    assert inquiry.status == "contacted"
    client.post(reverse(QUEUE), {**data, "apply": "1", "reason": "Chose another clinic"})
    inquiry.refresh_from_db()
    assert inquiry.status == "closed" and inquiry.close_reason == "Chose another clinic"
