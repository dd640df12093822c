"""The REST API under /api/v1/ (django-ninja): auth, one error format, the routers."""

from __future__ import annotations

import logging
from typing import Any

from django.db import OperationalError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.security import SessionAuth

from govflex.accounts.api import router as accounts_router
from govflex.accounts.auth import TokenAuth
from govflex.accounts.scopes import token_scope_check
from govflex.arrangements.api import router as arrangements_router
from govflex.arrangements.api_requests import router as arrangement_requests_router
from govflex.arrangements.api_roster import router as roster_router
from govflex.attendance.api import router as attendance_router
from govflex.attendance.api_corrections import router as corrections_router
from govflex.attendance.api_leave import router as leave_router
from govflex.common.api_input import refuse_nul
from govflex.common.errors import DomainError
from govflex.continuity.api import router as continuity_router
from govflex.eservice.api import router as eservice_router
from govflex.insights.api import router as insights_router
from govflex.notifications.api import router as notifications_router
from govflex.org.api import router as org_router
from govflex.org.importing.api import router as import_router
from govflex.policies.api import router as policies_router
from govflex.policies.api_assessments import router as assessments_router
from govflex.policies.api_documents import router as documents_router
from govflex.privacy.api import router as privacy_router
from govflex.surveys.api import router as surveys_router
from govflex.work.api import router as work_router
from govflex.work.api_evidence import router as work_evidence_router

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="GovFlex API",
    version="1",
    description=(
        "ระบบบริหารการปฏิบัติราชการวิถีใหม่ — GovFlex REST API. "
        "Authenticate with a personal API token (`Authorization: Bearer gf_…`) "
        "or a browser session. Errors are `{code, message, details}`; messages follow "
        "`Accept-Language` (th by default, en)."
    ),
    auth=[TokenAuth(), SessionAuth()],
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


def _error(status: int, code: str, message: str, details: dict[str, Any] | None = None) -> Any:
    return {"code": code, "message": message, "details": details or {}}, status


@api.exception_handler(DomainError)
def _domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    body, status = _error(exc.status, exc.code, str(exc.message), exc.details)
    return api.create_response(request, body, status=status)


@api.exception_handler(NinjaValidationError)
def _validation_error(request: HttpRequest, exc: NinjaValidationError) -> HttpResponse:
    fields: dict[str, list[str]] = {}
    for err in exc.errors:
        loc = [str(part) for part in err.get("loc", ()) if part not in {"body", "payload"}]
        fields.setdefault(".".join(loc) or "__all__", []).append(str(err.get("msg", "")))
    body, status = _error(
        422, "validation_error", _("Some values are not valid."), {"fields": fields}
    )
    return api.create_response(request, body, status=status)


@api.exception_handler(AuthenticationError)
def _auth_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    body, status = _error(401, "unauthenticated", _("Sign in or send a valid API token."))
    return api.create_response(request, body, status=status)


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    body, status = _error(404, "not_found", _("The item was not found or is outside your scope."))
    return api.create_response(request, body, status=status)


@api.exception_handler(OperationalError)
def _database_unavailable(request: HttpRequest, exc: OperationalError) -> HttpResponse:
    # The database is away (restart, failover, a lost connection). Writes are idempotent by
    # client key, so retrying is safe: 503 + Retry-After says so (a 500 did not; make chaos).
    logger.error("database unavailable: %s", exc)
    body, status = _error(
        503, "unavailable", _("The service is briefly unavailable. Try again in a moment.")
    )
    response = api.create_response(request, body, status=status)
    response["Retry-After"] = "5"
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    body, status = _error(exc.status_code, "http_error", str(exc))
    return api.create_response(request, body, status=status)


# A token's scope (read/write, resource groups) is checked before every operation.
api.add_decorator(token_scope_check)
# Text with U+0000 is a 422, not a database error (PostgreSQL cannot store it).
api.add_decorator(refuse_nul, mode="view")
api.add_router("", org_router)
api.add_router("", accounts_router)
api.add_router("", import_router)
api.add_router("", attendance_router)
api.add_router("", corrections_router)
api.add_router("", leave_router)
api.add_router("", arrangements_router)
api.add_router("", arrangement_requests_router)
api.add_router("", roster_router)
api.add_router("", notifications_router)
api.add_router("", policies_router)
api.add_router("", documents_router)
api.add_router("", assessments_router)
api.add_router("", work_router)
api.add_router("", surveys_router)
api.add_router("", work_evidence_router)
api.add_router("", insights_router)
api.add_router("", continuity_router)
api.add_router("", eservice_router)
api.add_router("", privacy_router)
