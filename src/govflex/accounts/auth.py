"""API token authentication (``Authorization: Bearer gf_<prefix>_<secret>``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer

from govflex.accounts.services import api_token_lookup


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = api_token_lookup(raw=token)
        if found is None:
            return None
        request.user = found.user
        # Read by govflex.accounts.scopes.token_scope_check before the endpoint runs.
        request.api_token = found  # type: ignore[attr-defined]
        return found.user
