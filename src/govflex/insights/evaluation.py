"""Policy evaluation: the indicators of the units an order or a policy change affected, before
and after it took effect, against the units of the same agency it did not affect
(difference-in-differences, core.insights.diff_in_diff), with a plain statement of what can and
cannot be concluded."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from govflex.common.errors import NotFound
from govflex.core.insights import INDICATORS, Counts, Estimate, UnitPeriods, diff_in_diffs
from govflex.insights.models import COUNT_FIELDS, UnitSubtreeDay
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.policies.models import OfficialDocument, PolicyVersion

DEFAULT_WINDOW = 28


@dataclass(frozen=True)
class Change:
    kind: str  # "order" or "policy"
    pk: int
    label: str
    day: dt.date
    affected_paths: tuple[str, ...]  # empty: the whole agency

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.pk}"


@dataclass(frozen=True)
class Evaluation:
    change: Change
    before: tuple[dt.date, dt.date]
    after: tuple[dt.date, dt.date]
    estimates: list[Estimate]
    statements: dict[str, str]
    notes: list[str]


def _agency_reader(actor: Any, agency_id: int) -> None:
    if not access_for(actor).is_agency_reader(agency_id):
        raise NotFound


def changes(*, actor: Any, agency_id: int) -> list[Change]:
    """Published orders and announcements, and issued policy versions, newest first."""
    _agency_reader(actor, agency_id)
    found: list[Change] = []
    documents = OfficialDocument.objects.filter(
        agency_id=agency_id,
        status__in=[OfficialDocument.Status.SIGNED, OfficialDocument.Status.PUBLISHED],
    ).select_related("unit")
    for doc in documents.order_by("-effective_date")[:100]:
        paths: tuple[str, ...] = (doc.unit.path,) if doc.unit else ()
        number = f"{doc.number}/{doc.year_be} " if doc.number else ""
        found.append(Change("order", doc.pk, f"{number}{doc.subject}", doc.effective_date, paths))
    versions = PolicyVersion.objects.filter(agency_id=agency_id, status="issued")
    for version in versions.prefetch_related("units").order_by("-effective_from")[:100]:
        paths = tuple(u.path for u in version.units.all())
        label = version.name or _("Policy from %(day)s") % {"day": version.effective_from}
        found.append(Change("policy", version.pk, label, version.effective_from, paths))
    return sorted(found, key=lambda c: c.day, reverse=True)


def change_of(*, actor: Any, agency_id: int, kind: str, pk: int) -> Change:
    for change in changes(actor=actor, agency_id=agency_id):
        if change.kind == kind and change.pk == pk:
            return change
    raise NotFound


def _unit_counts(
    agency_id: int, before: tuple[dt.date, dt.date], after: tuple[dt.date, dt.date]
) -> tuple[dict[str, Counts], dict[str, Counts]]:
    """Each unit's own counts (its subtree's minus its children's subtrees) before and after,
    keyed by path: one pass over the subtree rows of both windows."""
    sums: dict[str, Any] = {}
    for name in COUNT_FIELDS:
        sums[f"b_{name}"] = Sum(name, filter=Q(day__lte=before[1]))
        sums[f"a_{name}"] = Sum(name, filter=Q(day__gte=after[0]))
    rows = (
        UnitSubtreeDay.objects.filter(
            agency_id=agency_id,
            unit__isnull=False,
            day__gte=before[0],
            day__lte=after[1],
            position_type="",
            staff_category="",
        )
        .values("unit_id")
        .annotate(**sums)
    )
    subtree: dict[int, tuple[Counts, Counts]] = {}
    for row in rows:
        subtree[row["unit_id"]] = (
            Counts.of({name: row[f"b_{name}"] for name in COUNT_FIELDS}),
            Counts.of({name: row[f"a_{name}"] for name in COUNT_FIELDS}),
        )
    units = Unit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id", "path")
    parents = {pk: parent for pk, parent, _path in units}
    paths = {pk: path for pk, _parent, path in units}
    own = {pk: (copy.copy(b), copy.copy(a)) for pk, (b, a) in subtree.items()}
    for pk, (b, a) in subtree.items():
        parent = parents.get(pk)
        if parent in own:
            own[parent] = (own[parent][0].minus(b), own[parent][1].minus(a))
    return (
        {paths[pk]: b for pk, (b, _a) in own.items() if b.people},
        {paths[pk]: a for pk, (_b, a) in own.items() if a.people},
    )


def evaluate(
    *, actor: Any, agency_id: int, change: Change, today: dt.date, window: int = DEFAULT_WINDOW
) -> Evaluation:
    """``window`` days before the change against up to ``window`` days from it (until today)."""
    _agency_reader(actor, agency_id)
    window = max(7, min(window, 180))
    before = (change.day - dt.timedelta(days=window), change.day - dt.timedelta(days=1))
    after = (change.day, min(change.day + dt.timedelta(days=window - 1), today))
    notes: list[str] = []
    if after[1] < after[0]:
        notes.append(_("The change has not taken effect yet: there is no 'after' to compare."))
        after = (change.day, change.day)
    counts_before, counts_after = _unit_counts(agency_id, before, after)
    treated: list[UnitPeriods] = []
    control: list[UnitPeriods] = []
    for path in sorted(set(counts_before) | set(counts_after)):
        periods = UnitPeriods(counts_before.get(path, Counts()), counts_after.get(path, Counts()))
        affected = not change.affected_paths or any(
            path.startswith(p) for p in change.affected_paths
        )
        (treated if affected else control).append(periods)
    if not change.affected_paths:
        notes.append(
            _(
                "The change concerns the whole agency: there are no unaffected units to compare "
                "with, so only the before/after change is shown and it cannot be told apart from "
                "anything else that changed at the same time."
            )
        )
    estimates = diff_in_diffs(INDICATORS, treated, control)
    notes.append(
        _(
            "Units are compared as whole units; the comparison units are the agency's other "
            "units, which may differ in their work. Seasonal effects shared by both groups "
            "cancel out; events that touched only one group do not."
        )
    )
    return Evaluation(
        change, before, after, estimates, {e.indicator: statement(e) for e in estimates}, notes
    )


def _points(value: float, indicator: str) -> str:
    if indicator == "mean_response_minutes":
        return _("%(value).1f minutes") % {"value": value}
    return _("%(value).1f percentage points") % {"value": value * 100}


def statement(estimate: Estimate) -> str:
    """What can and cannot be concluded, in plain words."""
    if estimate.effect is None:
        return _("Not enough data before and after the change to compare.")
    size = _points(abs(estimate.effect), estimate.indicator)
    direction = _("more") if estimate.effect > 0 else _("less")
    if estimate.low is None or estimate.high is None:
        return _(
            "The affected units changed by %(size)s %(direction)s than the other units, but "
            "there are too few units on one side to tell whether this is more than chance."
        ) % {"size": size, "direction": direction}
    interval = _("95%% interval %(low)s to %(high)s") % {
        "low": _signed(estimate.low, estimate.indicator),
        "high": _signed(estimate.high, estimate.indicator),
    }
    if estimate.conclusive:
        return _(
            "The affected units changed by %(size)s %(direction)s than comparable units "
            "(%(interval)s). This is unlikely to be chance alone, but it does not prove the "
            "change caused it: something else that happened to these units at the same time "
            "could also explain it."
        ) % {"size": size, "direction": direction, "interval": interval}
    return _(
        "The difference of %(size)s (%(interval)s) could be chance: no conclusion can be "
        "drawn about the effect of the change on this indicator."
    ) % {"size": size, "interval": interval}


def _signed(value: float, indicator: str) -> str:
    if indicator == "mean_response_minutes":
        return f"{value:+.1f}"
    return f"{value * 100:+.1f}"
