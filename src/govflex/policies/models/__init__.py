"""The policies app's models: policy versions and calendars; orders, announcements and their
acknowledgements."""

from govflex.policies.models.assessment import Assessment, Readiness, SuitabilityMatrix
from govflex.policies.models.documents import (
    Acknowledgement,
    DocumentCounter,
    DocumentSettings,
    OfficialDocument,
)
from govflex.policies.models.policy import PolicyVersion, SpecialHoliday, UnitOpenDay

__all__ = [
    "Acknowledgement",
    "Assessment",
    "DocumentCounter",
    "DocumentSettings",
    "OfficialDocument",
    "PolicyVersion",
    "Readiness",
    "SpecialHoliday",
    "SuitabilityMatrix",
    "UnitOpenDay",
]
