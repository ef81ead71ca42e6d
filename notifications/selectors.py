"""Reads for the outbox."""

from __future__ import annotations

from clinic_site.crypto import lookup_hash

from .models import SmsOptOut


def sms_opted_out(phone: str) -> bool:
    """True if this number texted STOP (or similar) and has not texted START since."""
    return SmsOptOut.objects.filter(phone_hash=lookup_hash("phone", phone)).exists()
