"""Second factor for staff sign-in: TOTP authenticator apps plus one-time backup codes.

Built on django-otp. Production always requires it (settings.prod forces
STAFF_REQUIRE_2FA); dev and test settings may relax it.
"""

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.db import transaction
from django_otp import match_token, user_has_device
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

TOTP_DEVICE_NAME = "Authenticator app"
BACKUP_DEVICE_NAME = "Backup codes"
BACKUP_CODE_COUNT = 10


def two_factor_required() -> bool:
    return bool(settings.STAFF_REQUIRE_2FA)


def user_has_second_factor(*, user) -> bool:
    return user_has_device(user, confirmed=True)


def totp_device_for_setup(*, user) -> TOTPDevice:
    """The user's unconfirmed authenticator device, created with a fresh key if needed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_DEVICE_NAME, confirmed=False)
    return device


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
    from base64 import b32encode

    key = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@transaction.atomic
def totp_device_confirm(*, device: TOTPDevice, token: str) -> bool:
    """Confirm a new authenticator once it produced a valid code; False if the code is wrong."""
    device = TOTPDevice.objects.select_for_update().get(pk=device.pk)
    if device.confirmed:
        return False
    if not device.verify_token(_clean_token(token)):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    # Only one authenticator per person: older confirmed ones (a replaced phone) go.
    TOTPDevice.objects.filter(user=device.user, confirmed=True).exclude(pk=device.pk).delete()
    return True


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
