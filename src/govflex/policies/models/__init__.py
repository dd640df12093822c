"""The policies app's models: policy versions and calendars; orders, announcements and their
acknowledgements."""

from govflex.policies.models.documents import (
    Acknowledgement,
    DocumentCounter,
    DocumentSettings,
    OfficialDocument,
)
from govflex.policies.models.policy import PolicyVersion, SpecialHoliday, UnitOpenDay

__all__ = [
    "Acknowledgement",
    "DocumentCounter",
    "DocumentSettings",
    "OfficialDocument",
    "PolicyVersion",
    "SpecialHoliday",
    "UnitOpenDay",
]
