"""The audit log: append-only, each entry chained to the previous one by its hash."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    # ``seq`` is assigned under a lock on AuditChainHead, so it has no gaps: a missing
    # number means a deleted row (database sequences can skip numbers on rollback).
    seq = models.BigIntegerField(_("sequence"), unique=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor ID"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=200, blank=True)
    agency_id = models.BigIntegerField(_("agency ID"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=100, db_index=True)
    target_type = models.CharField(_("target type"), max_length=100, blank=True)
    target_id = models.CharField(_("target ID"), max_length=100, blank=True)
    target_label = models.CharField(_("target"), max_length=300, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    request_id = models.CharField(_("request ID"), max_length=64, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ("-seq",)
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = (models.Index(fields=("target_type", "target_id")),)

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.target_label}"


class AuditChainHead(models.Model):
    """A single row locked by every append, holding the last sequence number and hash."""

    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"{self.last_seq}"


class WorkerHeartbeat(models.Model):
    """A running ``govflex worker`` process, refreshed every few seconds. A task claimed by a
    worker whose heartbeat has gone stale is put back in the queue (``govflex.common.workers``):
    the task queue's own claim has no lease, so a killed worker's task would stay "running"."""

    worker_id = models.CharField(_("worker ID"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=200, blank=True)
    pid = models.IntegerField(_("process ID"), default=0)
    started_at = models.DateTimeField(_("started at"))
    seen_at = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return self.worker_id
