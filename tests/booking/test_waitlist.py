"""The waitlist end to end through the services and the eager Celery tasks: a freed time is
offered to the right couple as a real hold, passes on when not taken, waits for quiet
hours, and books in one step."""

from datetime import date, time, timedelta

import pytest
import time_machine
from django.db.models.signals import post_save

from booking import services, waitlist_services
from booking.models import (
    Appointment,
    AvailabilityException,
    AvailabilityRule,
    WaitlistEntry,
    WaitlistOffer,
)
from booking.services import ContactDetails
from notifications.models import Message
from tests.factories import FROZEN_NOW, InquiryFactory, pacific

pytestmark = pytest.mark.django_db

WED_10 = pacific(2026, 3, 4, 10)
WED_MORNING = ["2:morning"]


@pytest.fixture(autouse=True)
def daytime_messages(settings):
    """Tests not about quiet hours must not depend on them (the clock is frozen at 08:00)."""
    settings.QUIET_HOURS_START = 20
    settings.QUIET_HOURS_END = 8
    settings.WAITLIST_OFFER_HOLD_MINUTES = 30
    settings.SITE_URL = "https://clinic.example"


def contact(n: int = 1, *, sms: bool = False) -> ContactDetails:
    return ContactDetails(
        name=f"Person {n}",
        email=f"person{n}@example.com",
        phone=f"+1949555010{n}" if sms else "",
        email_ok=True,
        sms_ok=sms,
        voicemail_ok=False,
        sms_consent_text="Text me." if sms else "",
    )


def join(ctype, n=1, *, windows=WED_MORNING, clinicians=(), inquiry=None, sms=False, until=None):
    return waitlist_services.waitlist_join(
        request=waitlist_services.WaitlistRequest(
            consultation_type=ctype,
            clinicians=list(clinicians),
            windows=windows,
            valid_until=until or date(2026, 3, 31),
        ),
        contact=contact(n, sms=sms),
        inquiry=inquiry,
    )


def book(ctype, clinician, start, *, key="k" * 20) -> Appointment:
    hold = services.appointment_hold(
        consultation_type=ctype, start=start, clinician=clinician, hold_key=key
    )
    services.appointment_set_contact(appointment=hold, contact=contact(9), mode="video")
    return services.appointment_confirm_booking(appointment=hold)


def offers():
    return list(WaitlistOffer.objects.order_by("pk"))


def offer_messages():
    return list(Message.objects.filter(template_key="waitlist_offer").order_by("pk"))


@pytest.fixture
def booked(couples_type, clinicians, frozen_clock):
    """Alex's Wednesday 10:00 is booked; two couples wait for a Wednesday morning."""
    alex = clinicians[0]
    appointment = book(couples_type, alex, WED_10)
    first = join(couples_type, 1)
    second = join(couples_type, 2)
    return appointment, first, second


def cancel(appointment, capture):
    with capture(execute=True):
        services.appointment_cancel(appointment=appointment, by="client")


def test_a_cancellation_offers_the_freed_time_to_the_first_entry_in_line(
    booked, django_capture_on_commit_callbacks
):
    appointment, first, second = booked
    cancel(appointment, django_capture_on_commit_callbacks)
    (offer,) = offers()
    assert (offer.entry_id, offer.clinician_id, offer.start) == (
        first.pk,
        appointment.clinician_id,
        WED_10,
    )
    assert offer.status == WaitlistOffer.Status.SENT
    hold = offer.appointment
    assert hold.status == Appointment.Status.HELD and hold.start == WED_10
    assert hold.hold_expires_at == offer.expires_at == offer.sent_at + timedelta(minutes=30)
    (message,) = offer_messages()
    assert message.channel == "email" and message.to == "person1@example.com"
    assert "/book/offer/" in message.body and "10:00 am Pacific time" in message.body
    statuses = dict(WaitlistEntry.objects.values_list("pk", "status"))
    assert statuses == {first.pk: "offered", second.pk: "waiting"}


def test_the_hold_is_real_a_normal_booking_of_that_time_is_refused(
    booked, couples_type, clinicians, django_capture_on_commit_callbacks
):
    appointment, first, _ = booked
    cancel(appointment, django_capture_on_commit_callbacks)
    with pytest.raises(services.SlotTaken):
        services.appointment_hold(
            consultation_type=couples_type, start=WED_10, clinician=clinicians[0], hold_key="x" * 20
        )


def test_an_urgent_inquiry_is_offered_first_even_if_it_came_later(
    booked, couples_type, django_capture_on_commit_callbacks
):
    appointment, first, second = booked
    urgent = join(couples_type, 3, inquiry=InquiryFactory(priority="urgent"))
    cancel(appointment, django_capture_on_commit_callbacks)
    (offer,) = offers()
    assert offer.entry_id == urgent.pk
    assert offer.appointment.inquiry_id == urgent.inquiry_id


def test_only_entries_the_time_suits_are_offered_it(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    alex, jordan = clinicians
    appointment = book(couples_type, alex, WED_10)
    join(couples_type, 1, windows=["2:afternoon"])  # wrong part of the day
    join(couples_type, 2, windows=["3:morning"])  # wrong day
    join(couples_type, 3, clinicians=[jordan])  # only Jordan
    join(couples_type, 4, until=date(2026, 3, 3))  # list ends before
    suited = join(couples_type, 5)
    cancel(appointment, django_capture_on_commit_callbacks)
    assert [o.entry_id for o in offers()] == [suited.pk]


def test_expiry_passes_the_time_to_the_next_entry(
    booked, frozen_clock, django_capture_on_commit_callbacks
):
    appointment, first, second = booked
    cancel(appointment, django_capture_on_commit_callbacks)
    frozen_clock.shift(timedelta(minutes=31))
    saved = []

    def remember(sender, instance, **kwargs):
        saved.append((instance.status, instance.pk))

    post_save.connect(remember, sender=Appointment, dispatch_uid="test-remember")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            assert waitlist_services.waitlist_offers_expire() == 1
    finally:
        post_save.disconnect(dispatch_uid="test-remember", sender=Appointment)
    expired, passed_on = offers()
    assert expired.entry_id == first.pk and expired.status == "expired"
    assert expired.appointment.status == "cancelled"
    assert passed_on.entry_id == second.pk and passed_on.start == WED_10
    assert passed_on.status == "sent" and passed_on.appointment.status == "held"
    assert [m.to for m in offer_messages()] == ["person1@example.com", "person2@example.com"]
    # The lapsed hold was released by a save, so listeners (caches of open times) heard it.
    assert ("cancelled", expired.appointment_id) in saved
    # The first couple stays on the list but is not offered the time they let lapse again.
    first.refresh_from_db()
    assert first.status == "waiting"
    frozen_clock.shift(timedelta(minutes=31))
    with django_capture_on_commit_callbacks(execute=True):
        waitlist_services.waitlist_offers_expire()
    assert len(offers()) == 2
    assert Appointment.objects.active().filter(start=WED_10).count() == 0


def test_two_cancellations_that_suit_one_entry_give_it_one_offer(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    alex, jordan = clinicians
    first_booking = book(couples_type, alex, WED_10, key="a" * 20)
    second_booking = book(couples_type, jordan, WED_10, key="b" * 20)
    only = join(couples_type, 1)
    cancel(first_booking, django_capture_on_commit_callbacks)
    cancel(second_booking, django_capture_on_commit_callbacks)
    (offer,) = offers()
    assert offer.entry_id == only.pk and offer.clinician_id == alex.pk
    # A second couple joining later gets the second freed time when it is next announced.
    later = join(couples_type, 2)
    with django_capture_on_commit_callbacks(execute=True):
        waitlist_services.announce_freed_time(
            clinician_id=jordan.pk, start=second_booking.start, end=second_booking.end
        )
    assert [(o.entry_id, o.clinician_id) for o in offers()] == [
        (only.pk, alex.pk),
        (later.pk, jordan.pk),
    ]


def test_accepting_books_the_held_time_in_one_step(booked, django_capture_on_commit_callbacks):
    appointment, first, _ = booked
    inquiry = InquiryFactory()
    WaitlistEntry.objects.filter(pk=first.pk).update(inquiry=inquiry)
    cancel(appointment, django_capture_on_commit_callbacks)
    (offer,) = offers()
    with django_capture_on_commit_callbacks(execute=True):
        booking = waitlist_services.waitlist_offer_accept(offer=offer, mode="video")
    assert booking.pk == offer.appointment_id
    assert booking.status == "confirmed" and booking.contact_email == "person1@example.com"
    assert booking.email_ok and booking.email_consent_at == first.email_consent_at
    offer.refresh_from_db()
    first.refresh_from_db()
    assert (offer.status, first.status) == ("accepted", "booked")
    confirmations = Message.objects.filter(template_key="booking_confirmed")
    assert "person1@example.com" in [m.to for m in confirmations]
    inquiry.refresh_from_db()
    assert inquiry.status == "consultation_booked"
    # A double-submitted form lands on the same booking.
    assert waitlist_services.waitlist_offer_accept(offer=offer, mode="video").pk == booking.pk


def test_accepting_after_expiry_is_refused_even_if_nobody_took_the_time(
    booked, frozen_clock, django_capture_on_commit_callbacks
):
    appointment, first, second = booked
    WaitlistEntry.objects.filter(pk=second.pk).update(status="removed")
    cancel(appointment, django_capture_on_commit_callbacks)
    (offer,) = offers()
    frozen_clock.shift(timedelta(minutes=30))
    with pytest.raises(waitlist_services.OfferGone):
        waitlist_services.waitlist_offer_accept(offer=offer, mode="video")
    assert not Appointment.objects.filter(status="confirmed").exists()


def test_passing_an_offer_on_goes_to_the_next_at_once(booked, django_capture_on_commit_callbacks):
    appointment, first, second = booked
    cancel(appointment, django_capture_on_commit_callbacks)
    (offer,) = offers()
    with django_capture_on_commit_callbacks(execute=True):
        assert waitlist_services.waitlist_offer_decline(offer=offer)
    declined, passed_on = offers()
    assert declined.status == "declined" and passed_on.entry_id == second.pk


def test_an_offer_in_quiet_hours_waits_and_its_hold_starts_when_sent(
    couples_type, clinicians, django_capture_on_commit_callbacks
):
    alex = clinicians[0]
    with time_machine.travel(pacific(2026, 3, 2, 21, 0), tick=False) as clock:
        appointment = book(couples_type, alex, WED_10)
        entry = join(couples_type, 1, sms=True)
        cancel(appointment, django_capture_on_commit_callbacks)
        (offer,) = offers()
        assert offer.status == "scheduled" and offer.appointment is None
        assert offer.send_at == pacific(2026, 3, 3, 8, 0)
        assert offer_messages() == []
        # Nothing is held overnight: anyone may still book the time.
        assert not Appointment.objects.active().filter(start=WED_10).exists()
        clock.move_to(pacific(2026, 3, 3, 7, 59))
        assert waitlist_services.waitlist_offers_send_due() == []
        clock.move_to(pacific(2026, 3, 3, 8, 0))
        with django_capture_on_commit_callbacks(execute=True):
            (sent,) = waitlist_services.waitlist_offers_send_due()
    sent.refresh_from_db()
    assert sent.status == "sent" and sent.sent_at == pacific(2026, 3, 3, 8, 0)
    assert sent.expires_at == pacific(2026, 3, 3, 8, 30)
    assert sent.appointment.hold_expires_at == pacific(2026, 3, 3, 8, 30)
    assert sorted(m.channel for m in offer_messages()) == ["email", "sms"]
    entry.refresh_from_db()
    assert entry.status == "offered"


def test_a_waiting_offer_whose_time_was_booked_overnight_is_void(
    couples_type, clinicians, django_capture_on_commit_callbacks
):
    alex = clinicians[0]
    with time_machine.travel(pacific(2026, 3, 2, 21, 0), tick=False) as clock:
        appointment = book(couples_type, alex, WED_10)
        entry = join(couples_type, 1)
        cancel(appointment, django_capture_on_commit_callbacks)
        book(couples_type, alex, WED_10, key="n" * 20)  # someone books it at 11 pm
        clock.move_to(pacific(2026, 3, 3, 8, 0))
        with django_capture_on_commit_callbacks(execute=True):
            assert waitlist_services.waitlist_offers_send_due() == []
    (offer,) = offers()
    entry.refresh_from_db()
    assert (offer.status, entry.status) == ("void", "waiting")
    assert offer_messages() == []


def test_new_weekly_hours_are_offered(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    alex = clinicians[0]
    saturday = join(couples_type, 1, windows=["5:morning"])
    with django_capture_on_commit_callbacks(execute=True):
        AvailabilityRule.objects.create(
            clinician=alex, weekday=5, start_time=time(9), end_time=time(12)
        )
    (offer,) = offers()
    assert offer.entry_id == saturday.pk
    assert offer.start == pacific(2026, 3, 7, 9, 0)  # the first Saturday morning time


def test_removed_time_off_is_offered(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    alex, jordan = clinicians
    jordan.consultation_types.clear()
    time_off = AvailabilityException.objects.create(
        clinician=alex,
        kind="time_off",
        starts_at=pacific(2026, 3, 4, 9),
        ends_at=pacific(2026, 3, 4, 13),
    )
    entry = join(couples_type, 1)
    with django_capture_on_commit_callbacks(execute=True):
        time_off.delete()
    (offer,) = offers()
    assert offer.entry_id == entry.pk and offer.start == pacific(2026, 3, 4, 9, 0)


def test_removing_an_entry_withdraws_its_offer_and_passes_the_time_on(
    booked, django_capture_on_commit_callbacks
):
    appointment, first, second = booked
    cancel(appointment, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        assert waitlist_services.waitlist_entry_remove(entry=first)
    withdrawn, passed_on = offers()
    assert withdrawn.status == "withdrawn" and passed_on.entry_id == second.pk
    first.refresh_from_db()
    assert first.status == "removed"


def test_entries_expire_after_their_last_day(couples_type, clinicians):
    with time_machine.travel(FROZEN_NOW, tick=False):
        entry = join(couples_type, 1, until=date(2026, 3, 2))
        assert waitlist_services.waitlist_entries_expire() == 0
    with time_machine.travel(pacific(2026, 3, 3, 0, 1), tick=False):
        assert waitlist_services.waitlist_entries_expire() == 1
    entry.refresh_from_db()
    assert entry.status == "expired"


def test_a_staff_offer_by_hand_holds_the_time(
    couples_type, clinicians, frozen_clock, django_capture_on_commit_callbacks
):
    jordan = clinicians[1]
    entry = join(couples_type, 1, windows=["4:afternoon"])
    with django_capture_on_commit_callbacks(execute=True):
        offer = waitlist_services.waitlist_offer_create(
            entry=entry, clinician=jordan, start=pacific(2026, 3, 5, 14, 0)
        )
    assert offer.status == "sent" and offer.appointment.clinician_id == jordan.pk
    with pytest.raises(waitlist_services.EntryNotWaiting):
        waitlist_services.waitlist_offer_create(
            entry=entry, clinician=jordan, start=pacific(2026, 3, 5, 15, 0)
        )
