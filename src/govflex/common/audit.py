"""Writing and verifying the hash-chained audit log.

Every write that matters calls :func:`audit_record` inside its transaction. Each entry's hash
covers its own fields and the previous entry's hash, so changing or deleting any row breaks
the chain from that row on; :func:`audit_verify` finds the first broken link.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import hashlib
import json
import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models, transaction
from django.utils import timezone

from govflex.common.context import request_id_var
from govflex.common.models import AuditChainHead, AuditEntry

GENESIS_HASH = "0" * 64


def jsonable(value: Any) -> Any:
    """Plain JSON values only, so a value hashes the same before and after the database."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return sorted(items, key=str) if isinstance(value, set | frozenset) else items
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, enum.Enum):
        return jsonable(value.value)
    if isinstance(value, models.Model):
        return value.pk
    return str(value)


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The named fields of a model instance as plain JSON values (FKs as their IDs)."""
    result: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        attname = getattr(field, "attname", name)
        result[name] = jsonable(getattr(instance, attname))
    return result


def _entry_payload(entry: AuditEntry) -> dict[str, Any]:
    at = entry.at.astimezone(dt.UTC)
    return {
        "seq": entry.seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "agency_id": entry.agency_id,
        "action": entry.action,
        "target_type": entry.target_type,
        "target_id": entry.target_id,
        "target_label": entry.target_label,
        "before": entry.before,
        "after": entry.after,
        "note": entry.note,
        "request_id": entry.request_id,
        "prev_hash": entry.prev_hash,
    }


def entry_hash(entry: AuditEntry) -> str:
    canonical = json.dumps(
        _entry_payload(entry), sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def audit_record(
    *,
    actor: Any,
    action: str,
    target: models.Model | None = None,
    target_label: str | None = None,
    agency_id: int | None = None,
    before: Mapping[str, Any] | None = None,
    after: Mapping[str, Any] | None = None,
    note: str = "",
) -> AuditEntry:
    """Append one entry; call it inside the service's transaction so both commit together."""
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            seq=head.last_seq + 1,
            # Truncated to microseconds: what the database stores is what we hash.
            at=timezone.now().astimezone(dt.UTC),
            actor_id=getattr(actor, "pk", None),
            actor_label=(str(getattr(actor, "username", "")) or "system")[:200],
            agency_id=agency_id,
            action=action,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            target_label=(target_label if target_label is not None else str(target or ""))[:300],
            before=jsonable(before) if before is not None else None,
            after=jsonable(after) if after is not None else None,
            note=note,
            request_id=request_id_var.get()[:64],
            prev_hash=head.last_hash,
        )
        entry.hash = entry_hash(entry)
        entry.save(force_insert=True)
        head.last_seq = entry.seq
        head.last_hash = entry.hash
        head.save(update_fields=["last_seq", "last_hash"])
    return entry


@dataclass(frozen=True)
class ChainBreak:
    seq: int
    reason: str


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    broken: ChainBreak | None

    @property
    def ok(self) -> bool:
        return self.broken is None


def audit_verify(*, chunk_size: int = 5000) -> VerifyResult:
    """Walk the whole chain in order; report the first entry that was changed or removed."""
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for entry in AuditEntry.objects.order_by("seq").iterator(chunk_size=chunk_size):
        if entry.seq != expected_seq:
            return VerifyResult(
                checked, ChainBreak(expected_seq, f"entry {expected_seq} is missing (deleted)")
            )
        if entry.prev_hash != prev_hash:
            return VerifyResult(
                checked, ChainBreak(entry.seq, "previous-hash link does not match (row changed)")
            )
        if entry_hash(entry) != entry.hash:
            return VerifyResult(checked, ChainBreak(entry.seq, "content does not match its hash"))
        prev_hash = entry.hash
        expected_seq += 1
        checked += 1
    head = AuditChainHead.objects.filter(pk=1).first()
    if head is not None and (head.last_seq != checked or head.last_hash != prev_hash):
        return VerifyResult(
            checked,
            ChainBreak(
                checked + 1, f"entries after {checked} are missing (head at {head.last_seq})"
            ),
        )
    return VerifyResult(checked, None)


@dataclass(frozen=True)
class AuditItem:
    """One entry of a batch written by :func:`audit_record_many`."""

    action: str
    target: models.Model
    before: Mapping[str, Any] | None = None
    after: Mapping[str, Any] | None = None
    target_label: str | None = None


def audit_record_many(
    *, actor: Any, agency_id: int | None, items: Iterable[AuditItem], note: str = ""
) -> int:
    """Append many entries under one lock of the chain head (imports, bulk actions)."""
    with transaction.atomic():
        head, _created = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        at = timezone.now().astimezone(dt.UTC)
        request_id = request_id_var.get()[:64]
        actor_label = (str(getattr(actor, "username", "")) or "system")[:200]
        entries: list[AuditEntry] = []
        seq, prev = head.last_seq, head.last_hash
        for item in items:
            seq += 1
            label = item.target_label if item.target_label is not None else str(item.target)
            entry = AuditEntry(
                seq=seq,
                at=at,
                actor_id=getattr(actor, "pk", None),
                actor_label=actor_label,
                agency_id=agency_id,
                action=item.action,
                target_type=item.target._meta.label_lower,
                target_id=str(item.target.pk),
                target_label=label[:300],
                before=jsonable(item.before) if item.before is not None else None,
                after=jsonable(item.after) if item.after is not None else None,
                note=note,
                request_id=request_id,
                prev_hash=prev,
            )
            entry.hash = entry_hash(entry)
            prev = entry.hash
            entries.append(entry)
        AuditEntry.objects.bulk_create(entries, batch_size=1000)
        head.last_seq, head.last_hash = seq, prev
        head.save(update_fields=["last_seq", "last_hash"])
    return len(entries)
