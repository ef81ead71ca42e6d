"""US mobile numbers: one normaliser used by intake, booking and notifications."""

import re

_DIGITS = re.compile(r"\D+")


def normalize_phone(raw: str) -> str | None:
    """Return an E.164 US number (+1XXXXXXXXXX) or None if it is not a valid NANP number."""
    if not raw:
        return None
    text = raw.strip()
    if re.search(r"[A-Za-z]", text):
        return None
    digits = _DIGITS.sub("", text)
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]
    if len(digits) != 10:
        return None
    # NANP: area code and exchange cannot start with 0 or 1.
    if digits[0] in "01" or digits[3] in "01":
        return None
    return f"+1{digits}"


def display_phone(e164: str) -> str:
    if not e164 or not e164.startswith("+1") or len(e164) != 12:
        return e164 or ""
    d = e164[2:]
    return f"({d[:3]}) {d[3:6]}-{d[6:]}"
