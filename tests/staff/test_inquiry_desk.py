"""The queue and an inquiry as the front desk works them (issue 14): words, phone links, the
action bar, relative due times, urgent inquiries out of hours and the on-call alert."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message
from staff.models import AuditEntry, InquiryFirstContact
from tests.factories import InquiryFactory, PartnerScreeningFactory

PT = ZoneInfo("America/Los_Angeles")
QUEUE = "admin:intake_inquiry_changelist"


def pacific(*args):
    return dt.datetime(*args, tzinfo=PT)


def change_url(inquiry):
    return reverse("admin:intake_inquiry_change", args=[inquiry.pk])


def quick_url(inquiry, action):
    return reverse("admin:intake_inquiry_quick_action", args=[inquiry.pk, action])


# --- words and layout -------------------------------------------------------------------------
@pytest.mark.django_db
def test_titles_say_what_the_page_is_and_the_code_appears_once(client_for, front_desk):
    inquiry = InquiryFactory(reference_code="KC-7Q4M2")
    client = client_for(front_desk)
    queue = client.get(reverse(QUEUE)).content.decode()
    assert "<title>Inquiry queue" in queue and "<h1>Inquiry queue</h1>" in queue
    assert "Select inquiry to change" not in queue
    page = client.get(change_url(inquiry)).content.decode()
    assert "<h1>Inquiry KC-7Q4M2</h1>" in page
    assert "Change inquiry" not in page
    content = page[page.index('<div id="content"') :]
    assert content.count("KC-7Q4M2") == 1


@pytest.mark.django_db
@time_machine.travel(pacific(2026, 3, 4, 10, 0), tick=False)  # Wednesday 10 am
def test_queue_has_phone_links_and_relative_due_times(client_for, front_desk):
    InquiryFactory(
        contact_phone="+19495550123",
        priority="standard",
        created_at=pacific(2026, 3, 4, 9, 20),  # due Thursday 9:20 am
    )
    InquiryFactory(priority="urgent", created_at=pacific(2026, 3, 4, 7, 0))  # due 8 am
    html = client_for(front_desk).get(reverse(QUEUE)).content.decode()
    assert '<a href="tel:+19495550123">(949) 555-0123</a>' in html
    assert "2 h overdue" in html
    assert "in 23 h 20 min" in html and "Thu Mar 5, 9:20 AM" in html


@pytest.mark.django_db
@time_machine.travel(pacific(2026, 3, 4, 10, 0), tick=False)
def test_detail_shows_relative_due_time_and_phone_link(client_for, front_desk):
    inquiry = InquiryFactory(
        priority="medical_review",
        contact_phone="+19495550123",
        created_at=pacific(2026, 3, 4, 9, 0),
    )
    PartnerScreeningFactory(inquiry=inquiry, role="partner", name="Sam", phone="+19495550188")
    html = client_for(front_desk).get(change_url(inquiry)).content.decode()
    assert "Response due <strong>in 7 h</strong> (Wed Mar 4, 5:00 PM Pacific)" in html
    assert 'href="tel:+19495550123"' in html and 'href="tel:+19495550188"' in html


# --- the action bar ---------------------------------------------------------------------------
@pytest.mark.django_db
def test_action_bar_marks_reached_and_assigns_with_a_post(client_for, front_desk):
    inquiry = InquiryFactory(contact_phone="+19495550123")
    client = client_for(front_desk)
    page = client.get(change_url(inquiry)).content.decode()
    bar = page[page.index('class="staff-actionbar"') : page.index("content-main")]
    for label in ("Call (949) 555-0123", "Mark reached", "Assign to me", "Add note"):
        assert label in bar
    assert 'href="tel:+19495550123"' in bar and 'href="#id_new_note"' in bar

    # A GET never changes anything.
    assert client.get(quick_url(inquiry, "reached")).status_code == 405
    assert not InquiryFirstContact.objects.filter(inquiry=inquiry).exists()

    response = client.post(quick_url(inquiry, "reached"))
    assert response.status_code == 302 and response["Location"] == change_url(inquiry)
    assert InquiryFirstContact.objects.get(inquiry=inquiry).contacted_by == front_desk
    client.post(quick_url(inquiry, "assign-to-me"))
    inquiry.refresh_from_db()
    assert inquiry.assigned_to == front_desk
    assert AuditEntry.objects.for_object(inquiry).filter(action="change").count() == 2

    page = client.get(change_url(inquiry)).content.decode()
    bar = page[page.index('class="staff-actionbar"') : page.index("content-main")]
    assert "Mark reached" not in bar and "Assign to me" not in bar
    assert client.post(quick_url(inquiry, "delete-everything")).status_code == 404


@pytest.mark.django_db
def test_action_bar_needs_change_permission(client_for):
    from tests.factories import InquiryFactory, StaffUserFactory

    viewer = StaffUserFactory(username="viewer")
    from django.contrib.auth.models import Permission

    viewer.user_permissions.add(Permission.objects.get(codename="view_inquiry"))
    inquiry = InquiryFactory()
    client = client_for(viewer)
    page = client.get(change_url(inquiry)).content.decode()
    assert "Mark reached" not in page
    assert client.post(quick_url(inquiry, "reached")).status_code == 403
    assert not InquiryFirstContact.objects.filter(inquiry=inquiry).exists()


# --- urgent out of hours ----------------------------------------------------------------------
@pytest.mark.django_db
@time_machine.travel(pacific(2026, 3, 4, 16, 20), tick=False)  # Wednesday 4:20 pm
def test_an_urgent_inquiry_at_4_10_pm_is_due_at_5_10_pm(client_for, front_desk):
    inquiry = InquiryFactory(priority="urgent", created_at=pacific(2026, 3, 4, 16, 10))
    html = client_for(front_desk).get(change_url(inquiry)).content.decode()
    assert "Response due <strong>in 50 min</strong> (Wed Mar 4, 5:10 PM Pacific)" in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("now", "heading"),
    [
        (pacific(2026, 3, 4, 22, 30), "Out of hours: you are on call for this urgent inquiry"),
        (pacific(2026, 3, 7, 11, 0), "Out of hours: you are on call for this urgent inquiry"),
        (pacific(2026, 3, 4, 11, 0), "Urgent inquiry: what to do now"),
    ],
)
def test_urgent_inquiry_has_the_on_call_checklist(client_for, front_desk, now, heading):
    with time_machine.travel(now, tick=False):
        inquiry = InquiryFactory(
            priority="urgent", contact_phone="+19495550123", created_at=now, voicemail_ok=False
        )
        html = client_for(front_desk).get(change_url(inquiry)).content.decode()
    assert heading in html
    for text in (
        '<a href="tel:911">911</a>',
        'call or text <a href="tel:988">988</a>',
        "Spanish: 988 then 2",
        "988 then press 1",
        "<strong>838255</strong>",
        "text <strong>HOME</strong> to <strong>741741</strong>",
        "1-800-799-7233",
        "TTY 1-800-787-3224",
        "text <strong>START</strong> to <strong>88788</strong>",
        "1-800-662-4357",
        "Do not leave a voicemail.",
        "Record what happened",
    ):
        assert text in html, text
    assert "press 3" not in html


@pytest.mark.django_db
def test_checklist_is_for_urgent_inquiries_still_waiting(client_for, front_desk):
    standard = InquiryFactory(priority="standard")
    reached = InquiryFactory(priority="urgent", status="contacted")
    InquiryFirstContact.objects.create(inquiry=reached)
    client = client_for(front_desk)
    assert "checklist-heading" not in client.get(change_url(standard)).content.decode()
    assert "checklist-heading" not in client.get(change_url(reached)).content.decode()


@pytest.mark.django_db
def test_the_inquiry_shows_who_was_alerted_when_and_whether_it_arrived(
    client_for, front_desk, settings
):
    from notifications.services import staff_alert_send

    settings.STAFF_ALERT_EMAILS = ["oncall@clinic.test"]
    settings.STAFF_ALERT_PHONES = ["+19495550100"]
    inquiry = InquiryFactory(priority="urgent")
    email, text = sorted(
        staff_alert_send(reference_code=inquiry.reference_code, related=inquiry),
        key=lambda m: m.channel,
    )
    now = timezone.now()
    Message.objects.filter(pk=email.pk).update(status="delivered", sent_at=now, delivered_at=now)
    Message.objects.filter(pk=text.pk).update(
        status="failed", failed_at=now, last_error="21610 unsubscribed recipient"
    )
    html = client_for(front_desk).get(change_url(inquiry)).content.decode()
    section = html[html.index('id="alerts-heading"') :]
    assert "Email to <strong>oncall@clinic.test</strong>" in section
    assert "Text to <strong>+19495550100</strong>" in section
    assert "delivered" in section
    assert "NOT delivered (21610 unsubscribed recipient)" in section
    assert "Phone the on-call person now" in section


@pytest.mark.django_db
def test_an_urgent_inquiry_without_an_alert_says_so(client_for, front_desk):
    inquiry = InquiryFactory(priority="urgent")
    html = client_for(front_desk).get(change_url(inquiry)).content.decode()
    assert "No on-call alert was sent for this inquiry" in html


@pytest.mark.parametrize(
    ("status", "fields", "state", "failed"),
    [
        ("delivered", {"delivered_at": True}, "delivered", False),
        ("sent", {"sent_at": True}, "sent", False),
        ("failed", {"last_error": "boom"}, "failed", True),
        ("cancelled", {}, "cancelled", True),
        ("queued", {"scheduled_for": "later"}, "scheduled", False),
        ("queued", {"scheduled_for": "past"}, "sending", False),
        ("sending", {}, "sending", False),
    ],
)
def test_alert_delivery(status, fields, state, failed):
    from intake.selectors import alert_delivery

    now = dt.datetime(2026, 3, 4, 17, 0, tzinfo=dt.UTC)
    scheduled = {"later": now + dt.timedelta(minutes=5), "past": now - dt.timedelta(minutes=5)}
    result = alert_delivery(
        status=status,
        sent_at=now if fields.get("sent_at") else None,
        delivered_at=now if fields.get("delivered_at") else None,
        last_error=fields.get("last_error", ""),
        scheduled_for=scheduled.get(fields.get("scheduled_for")),
        now=now,
    )
    assert (result["state"], result["failed"]) == (state, failed)
