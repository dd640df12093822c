"""Domain errors: a stable code, a translatable message and details.

Services raise these; web views show the message, the API returns
``{"code": ..., "message": ..., "details": ...}`` in the caller's language (Thai by default).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from govflex.core.messages import Message


class DomainError(Exception):
    code = "error"
    status = 400
    default_message: str | Promise = _("The request could not be completed.")

    def __init__(
        self, message: str | Promise | None = None, *, details: dict[str, Any] | None = None
    ) -> None:
        self.message = message if message is not None else self.default_message
        self.details = details or {}
        super().__init__(str(self.message))


class ValidationFailed(DomainError):
    code = "validation_error"
    status = 422
    default_message = _("Some values are not valid.")


class AccessDenied(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("You do not have permission to do this.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("The item was not found or is outside your scope.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("The item was changed by someone else; reload and try again.")


class Blocked(DomainError):
    """A rule forbids the change (coverage, quotas); ``details["reasons"]`` says exactly why."""

    code = "blocked_by_rules"
    status = 409
    default_message = _("The change would break a coverage or quota rule.")


def error_text(exc: DomainError) -> str:
    """One line for a flash message: the field messages, or the error's own message."""
    fields = exc.details.get("fields", {})
    text = " ".join(str(message) for errors in fields.values() for message in errors)
    reasons = " ".join(str(reason) for reason in exc.details.get("reasons", ()))
    if reasons:
        return f"{exc.message} {reasons}"
    return text or str(exc.message)


def in_language(item: Message) -> str:
    """A rules-core message in the reader's language (Thai unless English is chosen)."""
    return item.th if (get_language() or "th").startswith("th") else item.en


def field_error(name: str, text: str) -> ValidationFailed:
    """A refusal naming one field."""
    return ValidationFailed(details={"fields": {name: [text]}})


def refusal(problems: Iterable[Message], *, prefix: str = "") -> ValidationFailed:
    """The rules core's reasons as field errors, each under its path (below ``prefix``)."""
    fields: dict[str, list[str]] = {}
    for item in problems:
        if prefix:
            key = f"{prefix}.{item.path}" if item.path else prefix
        else:
            key = item.path or "__all__"
        fields.setdefault(key, []).append(in_language(item))
    return ValidationFailed(details={"fields": fields})
