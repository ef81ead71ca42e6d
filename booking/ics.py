"""The add-to-calendar file (RFC 5545) for an appointment: discreet, stable UID.

The title is only the clinic's short name; the description says when and how to join and
gives the manage link — never what the appointment is for. The UID stays the same across
reschedules and SEQUENCE counts the changes, so calendar apps update the one event; a
cancelled appointment yields METHOD:CANCEL with STATUS:CANCELLED (RFC 5546).
"""

from datetime import datetime
from email.utils import parseaddr

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from icalendar import Calendar, Event, vCalAddress, vText

from .display import when_text, where_text
from .models import Appointment

# Neutral, like the rest of the file: a product id is visible to anyone who opens it.
PRODID = "-//Appointments//Calendar//EN"


def appointment_ics(
    *, appointment: Appointment, short_name: str, address: str, manage_link: str, now: datetime
) -> bytes:
    """The .ics bytes for an appointment (METHOD:PUBLISH, or METHOD:CANCEL once cancelled)."""
    cancelled = appointment.status == Appointment.Status.CANCELLED
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "CANCEL" if cancelled else "PUBLISH")

    # In the person's language (they may open the file from a message, not a page).
    with translation.override(appointment.language):
        where = where_text(mode=appointment.mode, address=address)
        description = gettext("{when}, {where}.\nView, change or cancel: {link}").format(
            when=when_text(appointment.start), where=where, link=manage_link
        )
    event = Event()
    event.add("uid", appointment.ics_uid)
    event.add("dtstamp", now)
    event.add("dtstart", appointment.start)
    event.add("dtend", appointment.end)
    event.add("sequence", appointment.sequence)
    event.add("summary", short_name)
    event.add("description", description)
    if appointment.mode == "in_person" and address:
        event.add("location", address)
    event.add("url", manage_link)
    event.add("status", _status(appointment))
    event.add("transp", "OPAQUE")
    _, from_address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    if from_address:
        organizer = vCalAddress(f"mailto:{from_address}")
        organizer.params["cn"] = vText(short_name)
        event.add("organizer", organizer)
    calendar.add_component(event)
    return calendar.to_ical()


def _status(appointment: Appointment) -> str:
    if appointment.status == Appointment.Status.CANCELLED:
        return "CANCELLED"
    if appointment.status == Appointment.Status.CONFIRMED:
        return "CONFIRMED"
    return "TENTATIVE"
