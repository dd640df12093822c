"""Two policy versions side by side: every value that differs, by its path in the mapping.

Used by the side-by-side view of policy versions (issue 6): the same plain mappings the
versions are stored as (``policy_to_mapping``), flattened to ``section.field`` paths; lists of
records (coverage rules, position modes) are keyed by their natural key, not their position,
so reordering them is not a change.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

# Lists whose items are records with a natural key.
KEYED_LISTS = {"coverage": "service_point_id", "position_modes": "position_type"}


@dataclass(frozen=True, slots=True)
class Difference:
    path: str
    before: Any
    after: Any

    @property
    def added(self) -> bool:
        return self.before is None

    @property
    def removed(self) -> bool:
        return self.after is None


def flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """``{"off_site": {"weekly_quota_days": 2}}`` → ``{"off_site.weekly_quota_days": 2}``."""
    flat: dict[str, Any] = {}
    if isinstance(data, Mapping):
        for key, value in data.items():
            path = f"{prefix}.{key}" if prefix else str(key)
            key_field = KEYED_LISTS.get(str(key)) if not prefix else None
            if key_field is not None and isinstance(value, list):
                for item in value:
                    name = item.get(key_field, "?") if isinstance(item, Mapping) else str(item)
                    flat.update(flatten(item, f"{path}[{name}]"))
            else:
                flat.update(flatten(value, path))
        return flat
    if isinstance(data, list) and any(isinstance(item, Mapping | list) for item in data):
        for index, item in enumerate(data):
            flat.update(flatten(item, f"{prefix}[{index}]"))
        return flat
    flat[prefix] = data
    return flat


def compare_mappings(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Difference]:
    """The values that differ (added, removed or changed), in path order."""
    old, new = flatten(before), flatten(after)
    return [
        Difference(path, old.get(path), new.get(path))
        for path in sorted(old.keys() | new.keys())
        if old.get(path) != new.get(path)
    ]
