"""Staff see messages with status and last error, filter recent failures, and resend."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from notifications.models import Message
from notifications.services import message_create
from staff.models import AuditEntry
from tests.factories import MessageFactory

pytestmark = pytest.mark.usefixtures("no_quiet_hours")
CHANGELIST = "admin:notifications_message_changelist"


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser(
        username="admin", email="admin@clinic.test", password="a-long-staff-password-1"
    )
    client.force_login(user)
    return client


def days_ago(days: int) -> dt.datetime:
    return timezone.now() - dt.timedelta(days=days)


def test_the_list_shows_status_and_last_error_in_a_fixed_number_of_queries(
    staff_client, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i in range(3):
        MessageFactory(
            idempotency_key=f"m {i}",
            to=f"m{i}@example.com",
            status="failed",
            failed_at=days_ago(1),
            last_error=f"SMTP 550 #{i}",
        )
    with CaptureQueriesContext(connection) as few:
        staff_client.get(reverse(CHANGELIST))
    for i in range(3, 25):
        MessageFactory(
            idempotency_key=f"m {i}",
            to=f"m{i}@example.com",
            status="failed",
            failed_at=days_ago(1),
            last_error=f"SMTP 550 #{i}",
        )
    with django_assert_max_num_queries(len(few)):
        response = staff_client.get(reverse(CHANGELIST))
    assert len(few) <= 15
    assert response.status_code == 200
    page = response.content.decode()
    assert "SMTP 550 #3" in page and "SMTP 550 #24" in page and "Failed" in page
    assert "m0@example.com" not in page  # the list masks recipients


def test_the_recent_failures_filter(staff_client):
    MessageFactory(
        idempotency_key="recent",
        to="recent@example.com",
        status="failed",
        failed_at=days_ago(2),
        last_error="recent failure",
    )
    MessageFactory(
        idempotency_key="old",
        to="old@example.com",
        status="failed",
        failed_at=days_ago(9),
        last_error="old failure",
    )
    MessageFactory(idempotency_key="fine", to="fine@example.com", status="sent")
    response = staff_client.get(reverse(CHANGELIST), {"failed_recently": "7d"})
    page = response.content.decode()
    assert "recent failure" in page
    assert "old failure" not in page
    assert "Failed in the last 7 days" in page


def test_searching_by_exact_email_finds_the_message_through_its_hash(staff_client):
    MessageFactory(idempotency_key="findme", to="findme@example.com", last_error="needle error")
    MessageFactory(idempotency_key="other", to="other@example.com", last_error="haystack error")
    response = staff_client.get(reverse(CHANGELIST), {"q": "FindMe@Example.com"})
    page = response.content.decode()
    assert "needle error" in page and "haystack error" not in page


def test_resend_requeues_only_failed_messages_and_audits_it(
    staff_client, django_capture_on_commit_callbacks
):
    failed = MessageFactory(
        idempotency_key="failed one",
        to="failedone@example.com",
        status="failed",
        failed_at=days_ago(0),
        last_error="SMTP 451",
    )
    sent = MessageFactory(idempotency_key="sent one", to="sentone@example.com", status="sent")
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = staff_client.post(
            reverse(CHANGELIST),
            {"action": "resend_failed", "_selected_action": [failed.pk, sent.pk]},
            follow=True,
        )
    assert response.status_code == 200
    page = response.content.decode()
    assert "1 message(s) queued again." in page
    assert "1 message(s) skipped" in page
    failed.refresh_from_db()
    assert failed.status == Message.Status.SENT
    assert "previous error: SMTP 451" in failed.last_error
    assert [m.to for m in mail.outbox] == [["failedone@example.com"]]
    entries = AuditEntry.objects.for_object(failed).filter(action="resend")
    assert entries.count() == 1


def test_the_detail_page_is_read_only_and_audited(staff_client):
    message = MessageFactory(
        idempotency_key="detail",
        to="detail@example.com",
        status="failed",
        last_error="why it failed",
    )
    url = reverse("admin:notifications_message_change", args=[message.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    assert "why it failed" in response.content.decode()
    assert AuditEntry.objects.for_object(message).filter(action="view").count() == 1
    staff_client.post(url, {"status": "sent"})
    message.refresh_from_db()
    assert message.status == Message.Status.FAILED


def test_the_about_column_links_to_every_message_for_that_object(staff_client):
    person = get_user_model().objects.get(username="admin")
    for key in ("about 1", "about 2"):
        message_create(
            channel="email",
            to="x@example.com",
            template_key="staff_urgent_alert",
            context={"reference_code": "KC-7Q4M2"},
            idempotency_key=key,
            related=person,
        )
    MessageFactory(
        idempotency_key="unrelated", to="unrelated@example.com", last_error="unrelated error"
    )
    page = staff_client.get(reverse(CHANGELIST)).content.decode()
    assert f"object_id={person.pk}" in page
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(person)
    response = staff_client.get(
        reverse(CHANGELIST), {"content_type__id__exact": content_type.pk, "object_id": person.pk}
    )
    assert response.status_code == 200
    assert "2 messages" in response.content.decode()
