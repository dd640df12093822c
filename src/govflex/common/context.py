"""Per-request context (request ID, display preferences) kept in context variables.

Context variables work for threads and asyncio alike, and keep no state between requests.
"""

from __future__ import annotations

import contextvars
from dataclasses import dataclass

request_id_var: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


@dataclass(frozen=True)
class DisplayPreferences:
    thai_digits: bool = False


display_var: contextvars.ContextVar[DisplayPreferences] = contextvars.ContextVar(
    "display",
    default=DisplayPreferences(),  # noqa: B039 - frozen dataclass, never mutated
)
