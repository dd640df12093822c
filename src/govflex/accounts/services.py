"""Account use cases: preferences and personal API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.accounts.models import ApiToken, User
from govflex.accounts.scopes import resource_groups
from govflex.common.audit import audit_record
from govflex.common.errors import NotFound, ValidationFailed

TOKEN_PREFIX = "gf"  # noqa: S105 - a public marker, not a secret  # nosec B105
MAX_TOKEN_DAYS = 366


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("ascii")).hexdigest()


@transaction.atomic
def user_set_preferences(*, user: User, language: str, thai_digits: bool) -> User:
    if language not in dict(User.Language.choices):
        raise ValidationFailed(details={"fields": {"language": [_("Choose Thai or English.")]}})
    before = {"language": user.language, "thai_digits": user.thai_digits}
    user.language = language
    user.thai_digits = thai_digits
    user.save(update_fields=["language", "thai_digits"])
    after = {"language": language, "thai_digits": thai_digits}
    if before != after:
        audit_record(actor=user, action="user.preferences", target=user, before=before, after=after)
    return user


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    days: int,
    access: str = ApiToken.Access.WRITE,
    resources: list[str] | None = None,
) -> tuple[ApiToken, str]:
    """Create a token; the plain text is returned once and never stored.

    Without a scope it acts with all of its owner's permissions (as tokens always did); the web
    form proposes read-only first.
    """
    name = name.strip()
    resources = sorted(set(resources or []))
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Give the token a name.")]
    if not 1 <= days <= MAX_TOKEN_DAYS:
        errors["days"] = [_("A token lasts from 1 to 366 days.")]
    if access not in ApiToken.Access.values:
        errors["access"] = [_("Choose read only, or read and write.")]
    known = {group for group, _label in resource_groups()}
    if any(r not in known for r in resources):
        errors["resources"] = [_("Choose resource groups from the list.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    prefix = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user,
        name=name[:100],
        prefix=prefix,
        secret_hash=_hash(secret),
        expires_at=timezone.now() + dt.timedelta(days=days),
        access=access,
        resources=resources,
    )
    audit_record(
        actor=user,
        action="api_token.create",
        target=token,
        after={
            "name": token.name,
            "prefix": prefix,
            "expires_at": token.expires_at,
            "access": access,
            "resources": resources,
        },
    )
    return token, f"{TOKEN_PREFIX}_{prefix}_{secret}"


@transaction.atomic
def api_token_revoke(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.select_for_update().filter(pk=token_id, user=user).first()
    if token is None:
        raise NotFound
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(actor=user, action="api_token.revoke", target=token)
    return token


def api_token_authenticate(*, raw: str) -> Any:
    """The token's active user, or None for a malformed, unknown, expired or revoked token."""
    token = api_token_lookup(raw=raw)
    return token.user if token is not None else None


def api_token_lookup(*, raw: str) -> ApiToken | None:
    """The valid token (with its user), or None for a malformed, unknown, expired or revoked
    token or an inactive user."""
    parts = raw.strip().split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX:
        return None
    _tag, prefix, secret = parts
    token = ApiToken.objects.select_related("user").filter(prefix=prefix).first()
    if token is None or not hmac.compare_digest(token.secret_hash, _hash(secret)):
        return None
    now = timezone.now()
    if token.revoked_at is not None or token.expires_at <= now or not token.user.is_active:
        return None
    # Record use at most once a minute, so a busy integrator does not write on every call.
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


@transaction.atomic
def user_set_location_consent(*, user: User, consent: bool) -> User:
    """Record (or withdraw) consent to read the device location at check-in (PDPA)."""
    before = {"location_consent": user.location_consent_at is not None}
    user.location_consent_at = timezone.now() if consent else None
    user.save(update_fields=["location_consent_at"])
    after = {"location_consent": consent}
    if before != after:
        audit_record(
            actor=user, action="user.location_consent", target=user, before=before, after=after
        )
    return user
