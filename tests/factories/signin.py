"""Signing in test clients with a verified second factor (GOVFLEX_REQUIRE_2FA on)."""

from __future__ import annotations

from typing import Any

from django.test import Client


def totp_device(user: Any) -> Any:
    """A confirmed authenticator for ``user``."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)


def current_code(device: Any) -> str:
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


def login_verified(client: Client, user: Any) -> Client:
    """Sign ``client`` in as ``user`` with the second factor already passed, the way a browser is
    after entering a code (the session names the device that verified it)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or totp_device(user)
    client.force_login(user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client
