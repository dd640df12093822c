"""REST endpoints about the caller: who am I, my API tokens."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from govflex.accounts import services
from govflex.accounts.models import ApiToken
from govflex.org.access import access_for

router = Router(tags=["accounts"])


class RoleOut(Schema):
    agency_id: int
    roles: list[str]


class MeOut(Schema):
    id: int
    username: str
    language: str
    thai_digits: bool
    is_admin: bool
    person_id: int | None
    roles: list[RoleOut]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime
    revoked_at: dt.datetime | None
    last_used_at: dt.datetime | None
    access: str
    resources: list[str]


@router.get("/me", response=MeOut, summary="The signed-in user and their roles")
def me(request: HttpRequest) -> Any:
    access = access_for(request.user)
    user: Any = request.user
    return {
        "id": user.pk,
        "username": user.username,
        "language": user.language,
        "thai_digits": user.thai_digits,
        "is_admin": access.is_admin,
        "person_id": access.person_id,
        "roles": [{"agency_id": a, "roles": sorted(r)} for a, r in sorted(access.roles.items())],
    }


@router.get("/me/tokens", response=list[TokenOut], summary="My API tokens")
def my_tokens(request: HttpRequest) -> Any:
    user: Any = request.user
    return ApiToken.objects.filter(user_id=user.pk)


@router.delete("/me/tokens/{token_id}", response=TokenOut, summary="Revoke one of my tokens")
def revoke_token(request: HttpRequest, token_id: int) -> Any:
    return services.api_token_revoke(user=request.user, token_id=token_id)  # type: ignore[arg-type]
