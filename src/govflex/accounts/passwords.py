"""Password rules after NIST SP 800-63B (section 3.1.1.2, memorized secrets).

- at least 8 characters (12 for privileged roles, who reach other people's data);
- at most 128 characters (the guideline asks to allow at least 64); any character, spaces too;
- not a common or breached password (Django's list of 20,000, plus the service's own words in
  ``data/context-passwords.txt``) and not too close to the username, name or e-mail;
- no composition rules (no "one digit, one symbol") and no forced periodic change: the
  guideline says both make passwords weaker. Change only on evidence of compromise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib.auth import password_validation as django_rules
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from govflex.accounts.privilege import is_privileged

CONTEXT_LIST = Path(__file__).resolve().parent / "data" / "context-passwords.txt"


class LengthValidator:
    """Minimum length by role, and a maximum that still allows long passphrases."""

    def __init__(self, min_length: int = 8, privileged_min_length: int = 12, max_length: int = 128):
        if max_length < 64:
            raise ValueError("NIST SP 800-63B asks to allow at least 64 characters.")
        self.min_length = min_length
        self.privileged_min_length = max(min_length, privileged_min_length)
        self.max_length = max_length

    def _minimum(self, user: Any) -> int:
        if user is not None and getattr(user, "pk", None) and is_privileged(user):
            return self.privileged_min_length
        return self.min_length

    def validate(self, password: str, user: Any = None) -> None:
        minimum = self._minimum(user)
        if len(password) < minimum:
            raise ValidationError(
                ngettext(
                    "The password must have at least %(min)d character.",
                    "The password must have at least %(min)d characters.",
                    minimum,
                )
                % {"min": minimum},
                code="password_too_short",
            )
        if len(password) > self.max_length:
            raise ValidationError(
                _("The password may have at most %(max)d characters.") % {"max": self.max_length},
                code="password_too_long",
            )

    def get_help_text(self) -> str:
        return _(
            "Use at least %(min)d characters (%(privileged)d for HR officers, executives, "
            "auditors and administrators). A passphrase of several words is easiest to remember."
        ) % {"min": self.min_length, "privileged": self.privileged_min_length}


class CommonPasswordValidator(django_rules.CommonPasswordValidator):
    """Django's 20,000 common passwords plus the service's own words."""

    def __init__(self) -> None:
        super().__init__()
        words = CONTEXT_LIST.read_text(encoding="utf-8").splitlines()
        self.passwords |= {w.strip().lower() for w in words if w.strip() and w[0] != "#"}

    def get_error_message(self) -> str:
        return _("This password is too common or has appeared in data breaches; choose another.")

    def get_help_text(self) -> str:
        return _("Do not use a common password or the name of the service.")


class UserAttributeSimilarityValidator(django_rules.UserAttributeSimilarityValidator):
    def get_error_message(self) -> str:
        return _("The password is too similar to the %(verbose_name)s.")

    def get_help_text(self) -> str:
        return _("Do not use your username, name or e-mail address in the password.")
