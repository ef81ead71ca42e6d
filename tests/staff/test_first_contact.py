"""The response clock runs until staff record a first contact, not until a self-booking.

Review finding (issue 7): booking moved an inquiry to "consultation booked", which ended
the clock, so an urgent couple who booked for next week was never called.
"""

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from intake.models import Inquiry
from intake.selectors import is_awaiting_response
from intake.services import inquiry_mark_consultation_booked
from staff.models import AuditEntry, InquiryFirstContact
from staff.selectors import dashboard
from staff.workflow import inquiry_record_first_contact, inquiry_transition
from tests.factories import AppointmentFactory, InquiryFactory

PT = ZoneInfo("America/Los_Angeles")
QUEUE = "admin:intake_inquiry_changelist"
RECEIVED = dt.datetime(2026, 3, 4, 10, 0, tzinfo=PT)  # Wednesday 10 am: urgent due 11 am
LATER = dt.datetime(2026, 3, 4, 15, 0, tzinfo=PT)


def _codes(page):
    return [row.reference_code for row in page.context["cl"].result_list]


@pytest.fixture
def self_booked_urgent(db):
    with time_machine.travel(RECEIVED, tick=False):
        inquiry = InquiryFactory(priority="urgent", created_at=RECEIVED)
        AppointmentFactory(inquiry=inquiry, start=RECEIVED + dt.timedelta(days=7))
        assert inquiry_mark_consultation_booked(inquiry=inquiry)
    return inquiry


@pytest.mark.parametrize(
    ("status", "first_contacted", "awaiting"),
    [
        ("new", False, True),
        ("in_review", False, True),
        ("consultation_booked", False, True),  # self-booked, nobody has called yet
        ("consultation_booked", True, False),
        ("contacted", False, False),
        ("in_review", True, False),  # re-opened after a contact
        ("accepted", False, False),
        ("referred_out", False, False),
        ("closed", False, False),
    ],
)
def test_is_awaiting_response(status, first_contacted, awaiting):
    assert is_awaiting_response(status=status, first_contacted=first_contacted) is awaiting


@pytest.mark.django_db
def test_a_self_booked_urgent_inquiry_stays_overdue_everywhere(
    client_for, front_desk, self_booked_urgent
):
    client = client_for(front_desk)
    with time_machine.travel(LATER, tick=False):
        page = client.get(reverse(QUEUE))
        row = page.context["cl"].result_list[0]
        assert row.status == "consultation_booked" and row.is_overdue is True
        assert "staff-overdue" in page.content.decode()
        assert _codes(client.get(reverse(QUEUE), {"overdue": "yes"})) == [
            self_booked_urgent.reference_code
        ]
        assert _codes(client.get(reverse(QUEUE), {"state": "awaiting"})) == [
            self_booked_urgent.reference_code
        ]
        assert dashboard(user=front_desk)["overdue"] == 1
        detail = client.get(reverse("admin:intake_inquiry_change", args=[self_booked_urgent.pk]))
        assert "nobody has reached them yet" in detail.content.decode()


@pytest.mark.django_db
def test_recording_the_first_contact_stops_the_clock_and_keeps_the_booking(
    client_for, front_desk, self_booked_urgent
):
    client = client_for(front_desk)
    with time_machine.travel(LATER, tick=False):
        response = client.post(
            reverse(QUEUE),
            {"action": "mark_contacted", "_selected_action": [self_booked_urgent.pk]},
        )
        assert response.status_code == 302
        self_booked_urgent.refresh_from_db()
        assert self_booked_urgent.status == "consultation_booked"  # not moved backwards
        contact = InquiryFirstContact.objects.get(inquiry=self_booked_urgent)
        assert contact.contacted_by == front_desk and contact.contacted_at == LATER
        page = client.get(reverse(QUEUE))
        assert page.context["cl"].result_list[0].is_overdue is False
        assert _codes(client.get(reverse(QUEUE), {"overdue": "yes"})) == []
        assert dashboard(user=front_desk)["overdue"] == 0
    entry = AuditEntry.objects.get(detail="first contact recorded")
    assert entry.user == front_desk and entry.object_id == str(self_booked_urgent.pk)


@pytest.mark.django_db
def test_the_detail_form_records_a_contact_without_changing_status(
    client_for, front_desk, self_booked_urgent
):
    url = reverse("admin:intake_inquiry_change", args=[self_booked_urgent.pk])
    response = client_for(front_desk).post(
        url,
        {
            "status": "consultation_booked",
            "close_reason": "",
            "assigned_to": "",
            "record_contact": "on",
        },
    )
    assert response.status_code == 302
    self_booked_urgent.refresh_from_db()
    assert self_booked_urgent.status == "consultation_booked"
    assert InquiryFirstContact.objects.filter(inquiry=self_booked_urgent).exists()
    assert "First contact" in client_for(front_desk).get(url).content.decode()


@pytest.mark.django_db
def test_moving_to_contacted_records_the_first_contact_once(front_desk, clinician):
    inquiry = InquiryFactory(status="new")
    inquiry_transition(inquiry=inquiry, to_status="contacted", actor=front_desk)
    first = InquiryFirstContact.objects.get(inquiry=inquiry)
    assert first.contacted_by == front_desk
    inquiry_transition(inquiry=inquiry, to_status="consultation_booked", actor=clinician)
    assert inquiry_record_first_contact(inquiry=inquiry, actor=clinician) is False
    assert InquiryFirstContact.objects.get(inquiry=inquiry).contacted_by == front_desk
    assert not is_awaiting_response(status=inquiry.status, first_contacted=True)


@pytest.mark.django_db
def test_migration_backfills_contacts_from_the_audit_trail(front_desk):
    """Booked inquiries that staff had already moved to "contacted" keep that contact."""
    import importlib

    from django.apps import apps
    from django.db import connection

    from staff.audit import audit_record

    migration = importlib.import_module("staff.migrations.0003_inquiry_first_contact")
    reached = InquiryFactory(status="consultation_booked")
    audit_record(
        user=front_desk,
        action="change",
        obj=reached,
        changes={"status": ["new", "contacted"]},
    )
    never_called = InquiryFactory(status="consultation_booked")
    audit_record(
        user=front_desk, action="change", obj=never_called, changes={"status": ["new", "in_review"]}
    )
    migration.backfill_from_audit_trail(apps, SimpleNamespace(connection=connection))
    assert list(InquiryFirstContact.objects.values_list("inquiry_id", "contacted_by_id")) == [
        (reached.pk, front_desk.pk)
    ]
    assert Inquiry.objects.get(pk=never_called.pk).status == "consultation_booked"
