"""Side-by-side comparison of two policy versions."""

from __future__ import annotations

from datetime import date

from govflex.core.policy import default_policy, policy_from_mapping, policy_to_mapping
from govflex.core.policy.compare import compare_mappings, flatten


def test_the_same_policy_has_no_differences() -> None:
    mapping = policy_to_mapping(default_policy(date(2026, 1, 1)))
    assert compare_mappings(mapping, mapping) == []


def test_changed_added_and_removed_values_are_listed_by_path() -> None:
    before = policy_to_mapping(default_policy(date(2026, 1, 1)))
    after = policy_to_mapping(
        policy_from_mapping(
            {
                "effective_from": "2026-10-01",
                "off_site": {"weekly_quota_days": 3},
                "coverage": [
                    {
                        "service_point_id": "C1",
                        "name": "เคาน์เตอร์ 1",
                        "windows": [{"hours": "08:30-16:30", "minimum_on_site": 2}],
                    }
                ],
            }
        )
    )
    differences = {d.path: d for d in compare_mappings(before, after)}
    assert differences["off_site.weekly_quota_days"].before == 2
    assert differences["off_site.weekly_quota_days"].after == 3
    assert differences["effective_from"].after == "2026-10-01"
    added = [d for d in differences.values() if d.path.startswith("coverage[C1]")]
    assert added
    assert all(d.added for d in added)
    assert any(d.after == 2 for d in added)


def test_reordered_keyed_lists_are_not_changes() -> None:
    rules = [
        {"service_point_id": "A", "name": "a", "windows": []},
        {"service_point_id": "B", "name": "b", "windows": []},
    ]
    assert compare_mappings({"coverage": rules}, {"coverage": rules[::-1]}) == []
    assert "coverage[A].name" in flatten({"coverage": rules})
