"""The sign-in page: password (with lockout), and the organisation's account when configured."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.views import LoginView
from django.utils.translation import gettext as _

from govflex.accounts.oidc import oidc_enabled


class SignInView(LoginView):
    template_name = "accounts/login.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        context["oidc_label"] = settings.GOVFLEX_OIDC_LABEL or _(
            "Sign in with the organisation's account"
        )
        return context
