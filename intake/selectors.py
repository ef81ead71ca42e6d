"""Reads for the intake app: resolving private links to the one row they may open."""

import hmac

from django.conf import settings

from clinic_site.crypto import BadToken, read_token

from .models import Inquiry, PartnerScreening

BOOKING_TOKEN_PURPOSE = "inquiry-booking"
SCREENING_TOKEN_PURPOSE = "screening"


def _max_age_seconds() -> int:
    return settings.SCREENING_LINK_MAX_AGE_DAYS * 86400


def inquiry_from_booking_token(token: str) -> Inquiry | None:
    """The inquiry a `/book/?inquiry=<token>` link carries, or None if bad or expired."""
    if not token:
        return None
    try:
        value = read_token(BOOKING_TOKEN_PURPOSE, token, max_age_seconds=_max_age_seconds())
    except BadToken:
        return None
    if not value.isdigit():
        return None
    return Inquiry.objects.filter(pk=int(value)).first()


def screening_from_token(token: str) -> PartnerScreening:
    """The one screening a private link opens. Raises BadToken if tampered, expired or revoked."""
    value = read_token(SCREENING_TOKEN_PURPOSE, token, max_age_seconds=_max_age_seconds())
    pk, _, nonce = value.partition(":")
    if not pk.isdigit() or not nonce:
        raise BadToken("invalid")
    screening = PartnerScreening.objects.select_related("inquiry").filter(pk=int(pk)).first()
    if screening is None or not hmac.compare_digest(screening.link_nonce, nonce):
        raise BadToken("invalid")
    return screening
