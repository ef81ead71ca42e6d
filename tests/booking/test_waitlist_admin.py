"""Staff side of the waitlist: the list by type and clinician (front desk), offering a time
by hand, removing entries; all audited, query count flat."""

import pytest
from django.contrib.auth.models import Group, User
from django.urls import reverse

from booking.models import WaitlistEntry, WaitlistOffer
from staff.models import AuditEntry
from staff.roles import FRONT_DESK
from tests.factories import InquiryFactory, iso_z, pacific

from .test_waitlist import join

pytestmark = pytest.mark.django_db

LIST_URL = reverse("admin:booking_waitlistentry_changelist")


@pytest.fixture(autouse=True)
def daytime(settings):
    settings.QUIET_HOURS_START, settings.QUIET_HOURS_END = 20, 8
    settings.SITE_URL = "https://clinic.example"


@pytest.fixture
def desk(client):
    user = User.objects.create_user("desk", password="x" * 20, is_staff=True)
    user.groups.add(Group.objects.get(name=FRONT_DESK))
    client.force_login(user)
    return client


@pytest.fixture
def waiting(couples_type, phone_type, clinicians, frozen_clock):
    alex, jordan = clinicians
    return [
        join(couples_type, 1),
        join(couples_type, 2, clinicians=[jordan], inquiry=InquiryFactory(priority="urgent")),
        join(phone_type, 3, windows=["0:evening"]),
    ]


def test_front_desk_sees_the_waitlist_urgent_first_and_filters_by_type_and_clinician(
    desk, waiting, couples_type, clinicians
):
    first, urgent, phone = waiting
    page = desk.get(LIST_URL).content.decode()
    assert page.index(urgent.inquiry.reference_code) < page.index("New visitor")
    assert "⚑ Urgent" in page and "Wednesday morning" in page
    by_type = desk.get(LIST_URL, {"consultation_type__id__exact": couples_type.pk})
    assert {e.pk for e in by_type.context["cl"].result_list} == {first.pk, urgent.pk}
    jordan = clinicians[1]
    by_clinician = desk.get(LIST_URL, {"clinicians__id__exact": jordan.pk})
    assert [e.pk for e in by_clinician.context["cl"].result_list] == [urgent.pk]


def test_the_list_costs_the_same_queries_for_more_entries(
    desk, waiting, couples_type, django_assert_max_num_queries
):
    desk.get(LIST_URL)
    with django_assert_max_num_queries(14) as few:
        desk.get(LIST_URL)
    for n in range(10, 40):
        join(couples_type, n % 9 + 1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        desk.get(LIST_URL)


def test_viewing_an_entry_is_audited(desk, waiting):
    desk.get(reverse("admin:booking_waitlistentry_change", args=[waiting[0].pk]))
    assert AuditEntry.objects.filter(action="view", object_id=str(waiting[0].pk)).exists()


def test_staff_offer_a_time_by_hand(desk, waiting, clinicians, django_capture_on_commit_callbacks):
    first = waiting[0]
    url = reverse("admin:booking_waitlistentry_offer", args=[first.pk])
    page = desk.get(url).content.decode()
    assert "Offer this time" in page and "Wednesday, March 4, 2026 at 9:00 am" in page
    thursday = pacific(2026, 3, 5, 14)
    with django_capture_on_commit_callbacks(execute=True):
        response = desk.post(url, {"clinician": str(clinicians[1].pk), "start": iso_z(thursday)})
    assert response.status_code == 302
    offer = WaitlistOffer.objects.get()
    assert (offer.entry_id, offer.start, offer.status) == (first.pk, thursday, "sent")
    assert offer.offered_by.username == "desk"
    assert AuditEntry.objects.filter(action="change", detail=f"offered {offer.pk}").exists()
    # A second offer while the first is live is refused with a reason.
    again = desk.post(url, {"clinician": str(clinicians[1].pk), "start": iso_z(thursday)})
    assert again.status_code == 200
    assert "not waiting" in again.content.decode()
    assert WaitlistOffer.objects.count() == 1


def test_a_bad_hand_offer_is_refused_without_writing(desk, waiting, clinicians):
    url = reverse("admin:booking_waitlistentry_offer", args=[waiting[0].pk])
    for data in (
        {"clinician": "x", "start": "2026-03-05T22:00:00Z"},
        {"clinician": str(clinicians[0].pk), "start": "not a time"},
        {"clinician": str(clinicians[0].pk), "start": "2026-03-05T03:00:00Z"},  # 7 pm: closed
    ):
        response = desk.post(url, data)
        assert response.status_code == 200
    assert not WaitlistOffer.objects.exists()


def test_removing_entries_closes_them(desk, waiting):
    response = desk.post(
        LIST_URL,
        {"action": "remove_selected", "_selected_action": [str(waiting[0].pk)]},
    )
    assert response.status_code == 302
    assert WaitlistEntry.objects.get(pk=waiting[0].pk).status == "removed"
    assert WaitlistEntry.objects.get(pk=waiting[1].pk).status == "waiting"
