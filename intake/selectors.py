"""Reads for the intake app: resolving private links to the one row they may open."""

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings

from clinic_site.crypto import BadToken, read_token

from . import instruments
from .models import Inquiry, InstrumentResult, PartnerScreening

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


@dataclass(frozen=True)
class ScreeningProgress:
    """Where one partner is in their own screening (never the other partner's)."""

    answers_by_key: dict[str, dict]
    sequence: list[instruments.Instrument]
    next_instrument: instruments.Instrument | None
    # This partner's own answers include an URGENT flag. Never shown as such on a page: it
    # only lets the done page promise a sooner reply (the crisis panel is a one-time flag
    # in the session, see intake/views.py).
    at_risk: bool

    @property
    def step_number(self) -> int:
        """The section being answered; a follow-up counts as part of its parent section."""
        sections = instruments.section_keys()
        if self.next_instrument is None:
            return len(sections)
        return sections.index(self.next_instrument.part_of or self.next_instrument.key) + 1

    @property
    def step_count(self) -> int:
        """The same for everyone, whatever they answer: follow-ups are not counted."""
        return len(instruments.section_keys())

    @property
    def finished(self) -> bool:
        return self.next_instrument is None


def screening_progress(*, screening: PartnerScreening) -> ScreeningProgress:
    """One query: this screening's results → answered sections, next section, risk flag."""
    rows = list(
        InstrumentResult.objects.filter(screening=screening).values_list(
            "instrument", "answers", "flagged_items"
        )
    )
    answers_by_key = {key: answers for key, answers, _flags in rows}
    at_risk = any(instruments.raises_urgent(key, flags or []) for key, _a, flags in rows)
    sequence = instruments.sequence_for(answers_by_key)
    next_instrument = next((i for i in sequence if i.key not in answers_by_key), None)
    return ScreeningProgress(
        answers_by_key=answers_by_key,
        sequence=sequence,
        next_instrument=next_instrument,
        at_risk=at_risk,
    )


def device_key_hash(device_key: str) -> str:
    return hashlib.sha256(device_key.encode()).hexdigest() if device_key else ""


def screening_open_on_this_device(*, screening: PartnerScreening, device_key: str) -> bool:
    """False when the screening is bound to another device (see PartnerScreening)."""
    if not screening.device_key_hash:
        return True
    return hmac.compare_digest(screening.device_key_hash, device_key_hash(device_key))
