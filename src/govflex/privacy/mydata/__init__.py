"""“Download my data” (PDPA s. 30: the data subject may obtain a copy of their personal data;
s. 31: in a commonly used machine-readable format).

Each app's data comes from an *exporter*: a function that takes the :class:`Subject` (the
signed-in user and their person record) and yields :class:`Section`\\ s of rows about that
person only — never another person's name, ID or record. Exporters register with
:func:`exporter`; GovFlex's own live in :mod:`govflex.privacy.mydata.exporters`, and a new app
adds a ``privacy_export.py`` module with its own (it is imported when Django starts).
"""

from __future__ import annotations

import datetime as dt
import decimal
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.functional import Promise

from govflex.org.models import Person

# A section stops at this many rows and says it was cut (a person's whole history rarely
# comes near it; HR can export the rest by period). Override in settings.
DEFAULT_MAX_ROWS = 50_000


@dataclass(frozen=True)
class Subject:
    user: Any
    person: Person | None


@dataclass
class Section:
    key: str
    title: str | Promise
    rows: list[dict[str, Any]] = field(default_factory=list)
    truncated: bool = False


# An exporter yields (key, title, rows) for each of its sections.
Sections = Iterator[tuple[str, str | Promise, Iterable[dict[str, Any]]]]
Exporter = Callable[[Subject], Sections]
_EXPORTERS: dict[str, Exporter] = {}


def exporter(name: str) -> Callable[[Exporter], Exporter]:
    """Register an exporter under a unique name (registering the same name again replaces
    it, so a module imported twice adds nothing twice)."""

    def register(func: Exporter) -> Exporter:
        _EXPORTERS[name] = func
        return func

    return register


def registered() -> list[str]:
    return list(_EXPORTERS)


def value(raw: Any) -> Any:
    """A plain JSON value: local ISO times, decimals as text, files as their names."""
    if raw is None or isinstance(raw, bool | int | float | str):
        return raw
    if isinstance(raw, dt.datetime):
        return timezone.localtime(raw).isoformat() if timezone.is_aware(raw) else raw.isoformat()
    if isinstance(raw, dt.date | dt.time):
        return raw.isoformat()
    if isinstance(raw, decimal.Decimal | uuid.UUID | Promise):
        return str(raw)
    if isinstance(raw, FieldFile):
        return raw.name or ""
    if isinstance(raw, dict):
        return {str(k): value(v) for k, v in raw.items()}
    if isinstance(raw, list | tuple):
        return [value(v) for v in raw]
    if isinstance(raw, models.Model):
        return str(raw)
    return str(raw)


def subject_of(user: Any) -> Subject:
    person = Person.objects.filter(user=user).select_related("agency", "unit", "position").first()
    return Subject(user=user, person=person)


def collect(subject: Subject, *, max_rows: int | None = None) -> list[Section]:
    """Every registered exporter's sections, in registration order."""
    limit = max_rows or int(getattr(settings, "GOVFLEX_MY_DATA_MAX_ROWS", DEFAULT_MAX_ROWS))
    sections: list[Section] = []
    for produce in _EXPORTERS.values():
        for key, title, rows in produce(subject):
            section = Section(key, title)
            iterator: Iterator[dict[str, Any]] = iter(rows)
            for row in iterator:
                if len(section.rows) >= limit:
                    section.truncated = True
                    break
                section.rows.append({k: value(v) for k, v in row.items()})
            sections.append(section)
    return sections
