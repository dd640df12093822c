"""The arrangements app's models: plans (patterns, dated days, feeds) and requests."""

from govflex.arrangements.models.plans import (
    MODES,
    PLACES,
    CalendarFeed,
    DayException,
    Source,
    WeeklyPattern,
)
from govflex.arrangements.models.requests import (
    ApprovalSettings,
    ArrangementRequest,
    Delegation,
    Recall,
    RequestDecision,
    Step,
)
from govflex.arrangements.models.roster import RosterPreference, RosterProposal

__all__ = [
    "MODES",
    "PLACES",
    "ApprovalSettings",
    "ArrangementRequest",
    "CalendarFeed",
    "DayException",
    "Delegation",
    "Recall",
    "RequestDecision",
    "RosterPreference",
    "RosterProposal",
    "Source",
    "Step",
    "WeeklyPattern",
]
