"""Retention of personal data (Thailand's Personal Data Protection Act B.E. 2562, s. 37(3):
the controller erases or anonymises personal data once the retention period for the purpose
has passed).

Each kind of data an agency keeps has its own period in days; ``None`` means the agency keeps it
(the law allows keeping what a public task or another law still needs, s. 33 para. 2). The shell
passes the current time in; nothing here reads a clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Final


class Kind(StrEnum):
    """What a purge removes, in the order a run goes through them."""

    PUNCH_COORDINATES = "punch_coordinates"
    ROLL_CALL_LOCATIONS = "roll_call_locations"
    EVIDENCE_FILES = "evidence_files"
    ESERVICE_REQUESTS = "eservice_requests"


# Defaults while an agency has set none (our reading; each agency sets its own):
# - roll-call locations help only during the emergency, so a month is plenty;
# - evidence files support two half-yearly evaluations and the appeal time after them;
# - a closed citizen request's personal data is kept a year for complaints and follow-up.
# Punch coordinates keep attendance's own setting (default 0: never stored).
DEFAULT_ROLL_CALL_LOCATION_DAYS: Final = 30
DEFAULT_EVIDENCE_FILE_DAYS: Final = 730
DEFAULT_ESERVICE_CLOSED_DAYS: Final = 365
MAX_DAYS: Final = 3650


@dataclass(frozen=True)
class Periods:
    """One agency's retention periods in days (``None``: kept)."""

    punch_coordinates: int | None = 0
    roll_call_locations: int | None = DEFAULT_ROLL_CALL_LOCATION_DAYS
    evidence_files: int | None = DEFAULT_EVIDENCE_FILE_DAYS
    eservice_requests: int | None = DEFAULT_ESERVICE_CLOSED_DAYS

    def days(self, kind: Kind) -> int | None:
        value: int | None = getattr(self, kind.value)
        return value


def cutoff(now: datetime, days: int | None) -> datetime | None:
    """Data from before this instant is past its period; ``None`` when nothing is due."""
    if days is None:
        return None
    if days < 0:
        raise ValueError("a retention period is never negative")
    return now - timedelta(days=days)


def period_problem(days: int | None) -> str | None:
    """Why a period cannot be used (in English; the shell translates), or ``None``."""
    if days is None:
        return None
    if days < 0:
        return "negative"
    if days > MAX_DAYS:
        return "too_long"
    return None
