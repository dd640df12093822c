"""Work-mode policy: effective-dated values, validation, and plain-mapping round trips.

``from govflex.core.policy import Policy, default_policy, validate_policy, policy_from_mapping``.
"""

from govflex.core.policy.export import policy_to_mapping
from govflex.core.policy.mapping import PolicyError, policy_from_mapping
from govflex.core.policy.validation import validate_policy
from govflex.core.policy.values import (
    DEFAULT_POSITION_MODES,
    GUIDELINE_SLOTS,
    CarryOver,
    CountedHoursRules,
    CoverageRule,
    OffSiteRules,
    Policy,
    PolicyHistory,
    PositionModes,
    PunchRules,
    ServiceWindow,
    StaggeredRules,
    StandardDay,
    TimeSlot,
    TimeWindow,
    clock,
    default_policy,
    minute_of_day,
    policy_in_force,
)

__all__ = [
    "DEFAULT_POSITION_MODES",
    "GUIDELINE_SLOTS",
    "CarryOver",
    "CountedHoursRules",
    "CoverageRule",
    "OffSiteRules",
    "Policy",
    "PolicyError",
    "PolicyHistory",
    "PositionModes",
    "PunchRules",
    "ServiceWindow",
    "StaggeredRules",
    "StandardDay",
    "TimeSlot",
    "TimeWindow",
    "clock",
    "default_policy",
    "minute_of_day",
    "policy_from_mapping",
    "policy_in_force",
    "policy_to_mapping",
    "validate_policy",
]
