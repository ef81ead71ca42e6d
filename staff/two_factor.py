"""Second factor for staff sign-in: TOTP authenticator apps plus one-time backup codes.

Built on django-otp. Production always requires it (settings.prod forces
STAFF_REQUIRE_2FA); dev and test settings may relax it.
"""

import time
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import match_token, user_has_device
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice, default_key

from clinic_site import ratelimit

TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10
SETUP_SESSION_KEY = "staff_totp_setup_key"
SETUP_ATTEMPTS_RATE = "10/m"


def two_factor_required() -> bool:
    return bool(settings.STAFF_REQUIRE_2FA)


def user_has_second_factor(*, user) -> bool:
    return user_has_device(user, confirmed=True)


def totp_setup_key(*, session) -> str:
    """The secret offered on the enrolment page, kept in the session until confirmed.

    Nothing is stored in the database until the person proves their app has it, so
    opening the page (a GET) changes no data.
    """
    key = session.get(SETUP_SESSION_KEY)
    if not key:
        key = default_key()
        session[SETUP_SESSION_KEY] = key
    return key


def totp_candidate(*, user, key: str) -> TOTPDevice:
    """An unsaved authenticator device for `key` (for its QR code and typed key)."""
    return TOTPDevice(user=user, name=TOTP_DEVICE_NAME, key=key, confirmed=True)


def totp_qr_svg(*, device: TOTPDevice) -> str:
    """The otpauth:// URL as an inline SVG QR code (drawn here: no outside request)."""
    image = qrcode.make(
        device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2
    )
    svg = image.to_string(encoding="unicode")
    return svg.replace(
        "<svg ", '<svg role="img" aria-label="QR code to add this account to your app" ', 1
    )


def totp_key_for_typing(*, device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for apps that cannot scan."""
    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


def totp_device_confirm(*, user, key: str, token: str) -> TOTPDevice | None:
    """Save the authenticator once it produced a valid code for `key`; None if wrong.

    Limited to SETUP_ATTEMPTS_RATE tries per person. The new device replaces any earlier
    authenticator of the same person (a replaced phone).
    """
    if not ratelimit.hit("totp-setup", str(user.pk), SETUP_ATTEMPTS_RATE):
        return None
    device = totp_candidate(user=user, key=key)
    try:
        value = int(_clean_token(token))
    except ValueError:
        return None
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(value, device.tolerance):
        return None
    device.last_t = totp.t()  # this code cannot be replayed to sign in
    device.drift = totp.drift
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).delete()
        device.save()
    return device


@transaction.atomic
def backup_codes_generate(*, user, count: int = BACKUP_CODE_COUNT) -> list[str]:
    """Replace the user's backup codes with `count` new ones and return them (shown once)."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def backup_codes_remaining(*, user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def second_factor_check(*, user, token: str) -> Device | None:
    """The confirmed device (authenticator or backup code) that accepts `token`, else None.

    django-otp throttles repeated wrong codes per device; a backup code works only once.
    """
    token = _clean_token(token)
    if not token:
        return None
    return match_token(user, token)


def _clean_token(token: str) -> str:
    return "".join((token or "").split()).lower()
