"""Optional sign-in through the organisation's OpenID Connect provider (mozilla-django-oidc).

Off unless GOVFLEX_OIDC_CLIENT_ID, GOVFLEX_OIDC_AUTHORIZATION_ENDPOINT and
GOVFLEX_OIDC_TOKEN_ENDPOINT are set (docs/security.md). It never creates users: the provider's
account is matched to an existing, active GovFlex user by a verified e-mail address (of the
login or of the linked person) or by staff ID (the claim named by GOVFLEX_OIDC_STAFF_ID_CLAIM).
The second factor is still asked for, unless GOVFLEX_OIDC_TRUSTS_MFA says the provider
already did it.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from govflex.accounts.twofactor import IDP_MFA_SESSION_KEY

IDP_MFA_FLAG = "govflex_idp_mfa"


def oidc_enabled() -> bool:
    return bool(getattr(settings, "GOVFLEX_OIDC_ENABLED", False))


class OrganisationOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Maps the provider's claims to one existing GovFlex user, or to nobody."""

    def _email(self, claims: dict[str, Any]) -> str:
        # An address the provider has not verified could be anyone's: do not match on it.
        if claims.get("email_verified") is False:
            return ""
        return str(claims.get("email") or "").strip()

    def _staff_id(self, claims: dict[str, Any]) -> str:
        claim = getattr(settings, "GOVFLEX_OIDC_STAFF_ID_CLAIM", "")
        return str(claims.get(claim) or "").strip() if claim else ""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return bool(self._email(claims) or self._staff_id(claims))

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[Any]:
        email = self._email(claims)
        staff_id = self._staff_id(claims)
        condition = Q(pk__in=[])
        if email:
            condition |= Q(email__iexact=email) | Q(person__email__iexact=email)
        if staff_id:
            condition |= Q(person__staff_id=staff_id)
        return get_user_model().objects.filter(condition, is_active=True).distinct()

    def describe_user_by_claims(self, claims: dict[str, Any]) -> str:
        return f"email {self._email(claims)!r} staff ID {self._staff_id(claims)!r}"

    def create_user(self, claims: dict[str, Any]) -> Any:
        return None  # accounts are created by HR in GovFlex, never by the provider

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        user = super().authenticate(request, **kwargs)
        if user is not None and request is not None and settings.GOVFLEX_OIDC_TRUSTS_MFA:
            setattr(request, IDP_MFA_FLAG, True)
        return user


def oidc_start(request: HttpRequest) -> HttpResponse:
    if not oidc_enabled():
        raise Http404
    response: HttpResponse = OIDCAuthenticationRequestView.as_view()(request)
    return response


def oidc_callback(request: HttpRequest) -> HttpResponse:
    if not oidc_enabled():
        raise Http404
    response: HttpResponse = OIDCAuthenticationCallbackView.as_view()(request)
    user: Any = request.user
    if user.is_authenticated:
        if getattr(request, IDP_MFA_FLAG, False):
            request.session[IDP_MFA_SESSION_KEY] = True
    else:
        messages.error(
            request,
            _(
                "Sign-in with the organisation's account did not succeed, or no GovFlex user "
                "has that e-mail address or staff ID. Ask your HR officer."
            ),
        )
    return response
