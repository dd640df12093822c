"""Attendance models, one module per concern."""

from govflex.attendance.models.jobs import ExportJob, TerminalImport, TerminalUserMap
from govflex.attendance.models.punches import (
    DAY_STATUSES,
    PUNCH_SOURCES,
    WORK_MODES,
    AttendanceSettings,
    ConfirmationCursor,
    DayResult,
    Kiosk,
    PendingEvaluation,
    Punch,
)
from govflex.attendance.models.requests import (
    LEAVE_PARTS,
    LEAVE_TYPES,
    Correction,
    Decided,
    Leave,
    LeaveOpening,
)

__all__ = [
    "DAY_STATUSES",
    "LEAVE_PARTS",
    "LEAVE_TYPES",
    "PUNCH_SOURCES",
    "WORK_MODES",
    "AttendanceSettings",
    "ConfirmationCursor",
    "Correction",
    "DayResult",
    "Decided",
    "ExportJob",
    "Kiosk",
    "Leave",
    "LeaveOpening",
    "PendingEvaluation",
    "Punch",
    "TerminalImport",
    "TerminalUserMap",
]
