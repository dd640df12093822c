"""Two-factor sign-in with TOTP (django-otp): enrol, verify, backup codes, reset.

An authenticator app (any RFC 6238 app) holds a secret shared at enrolment through a QR code;
each sign-in then asks for its current 6-digit code. Ten single-use backup codes cover a lost
phone. A system administrator can reset a user's second factor (audited); the user enrols again
at the next sign-in. Who must use it: :func:`govflex.accounts.privilege.two_factor_required`.
"""

from __future__ import annotations

from base64 import b32encode
from dataclasses import dataclass
from typing import Any

import django_otp
import segno
from django.contrib.auth import get_user_model
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from govflex.accounts.privilege import two_factor_required
from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, field_error

BACKUP_CODE_COUNT = 10
APP_DEVICE_NAME = "authenticator"
BACKUP_DEVICE_NAME = "backup"
# Marks a session whose second factor the organisation's identity provider already checked
# (OpenID Connect with GOVFLEX_OIDC_TRUSTS_MFA); see govflex.accounts.oidc.
IDP_MFA_SESSION_KEY = "govflex_idp_mfa"


@dataclass(frozen=True)
class TwoFactorStatus:
    enrolled: bool
    required: bool
    backup_codes_left: int


def two_factor_status(user: Any) -> TwoFactorStatus:
    enrolled = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    left = StaticToken.objects.filter(device__user=user, device__confirmed=True).count()
    return TwoFactorStatus(
        enrolled=enrolled, required=two_factor_required(user), backup_codes_left=left
    )


def has_second_factor(user: Any) -> bool:
    return bool(django_otp.user_has_device(user, confirmed=True))


def session_verified(request: HttpRequest) -> bool:
    """Did this session pass the second factor (a device, or the identity provider)?"""
    user: Any = request.user
    verified = getattr(user, "is_verified", None)
    if callable(verified) and verified():
        return True
    return bool(request.session.get(IDP_MFA_SESSION_KEY))


@transaction.atomic
def totp_enrolment_start(*, user: Any) -> TOTPDevice:
    """A new, unconfirmed authenticator secret (replacing an earlier unfinished one)."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def totp_pending(*, user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// address as an inline SVG QR code (no external service sees the secret)."""
    return str(segno.make(device.config_url, error="m").svg_inline(scale=5, border=2))


def secret_text(device: TOTPDevice) -> str:
    """The secret in base32, in groups of four, for typing into an app by hand."""
    raw = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


@transaction.atomic
def totp_enrolment_confirm(*, request: HttpRequest, user: Any, code: str) -> list[str]:
    """Check the first code from the app, keep the device, verify this session and give the
    backup codes (shown once)."""
    device = (
        TOTPDevice.objects.select_for_update().filter(user=user, confirmed=False).order_by("-pk")
    ).first()
    if device is None:
        raise NotFound(_("Start the set-up again."))
    code = _clean(code)
    if not (code.isdigit() and device.verify_token(code)):
        raise field_error("code", _("The code is not correct. Check the time on your phone."))
    TOTPDevice.objects.filter(user=user, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _new_backup_codes(user)
    django_otp.login(request, device)
    audit_record(actor=user, action="user.2fa_enrol", target=user, after={"method": "totp"})
    return codes


@transaction.atomic
def backup_codes_renew(*, user: Any) -> list[str]:
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ValidationFailed(_("Set up an authenticator app first."))
    codes = _new_backup_codes(user)
    audit_record(actor=user, action="user.2fa_backup_codes", target=user)
    return codes


def _new_backup_codes(user: Any) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=BACKUP_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def two_factor_verify(*, request: HttpRequest, code: str) -> bool:
    """Check a code from the app or a backup code; on success the session is verified.

    Each device slows down repeated failures itself (django-otp throttling: the wait doubles
    after every wrong code), so the six digits cannot be guessed by brute force.
    """
    user: Any = request.user
    code = _clean(code)
    if not code:
        return False
    kinds = (TOTPDevice,) if code.isdigit() else (StaticDevice,)
    for kind in kinds:
        for device in kind.objects.filter(user=user, confirmed=True):
            if django_otp.verify_token(user, device.persistent_id, code) is not None:
                django_otp.login(request, device)
                if kind is StaticDevice:
                    audit_record(actor=user, action="user.2fa_backup_code_used", target=user)
                return True
    return False


@transaction.atomic
def two_factor_disable(*, user: Any) -> None:
    """A user who is not required to use a second factor may switch it off."""
    if two_factor_required(user):
        raise AccessDenied(_("Your role requires two-factor sign-in; it cannot be switched off."))
    removed = _delete_devices(user)
    if removed:
        audit_record(actor=user, action="user.2fa_disable", target=user)


@transaction.atomic
def two_factor_reset(*, actor: Any, username: str) -> Any:
    """A system administrator removes a user's second factor (lost phone and backup codes)."""
    if not getattr(actor, "is_superuser", False):
        raise AccessDenied
    user = get_user_model().objects.filter(username=username.strip()).first()
    if user is None:
        raise field_error("username", _("No user has this username."))
    removed = _delete_devices(user)
    audit_record(
        actor=actor, action="user.2fa_reset", target=user, after={"devices_removed": removed}
    )
    return user


def _delete_devices(user: Any) -> int:
    removed = 0
    for device in django_otp.devices_for_user(user, confirmed=None):
        device.delete()
        removed += 1
    return removed


def _clean(code: str) -> str:
    return "".join(str(code).split()).lower()
