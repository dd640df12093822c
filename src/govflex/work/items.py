"""Work items: assigned by a supervisor (or HR) to people in their scope, updated by the
assignees, with comments and output files; boards per person and per unit; reminders before the
due date and when overdue; a repeating item starts again when done."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from govflex.common.audit import audit_record
from govflex.common.errors import AccessDenied, NotFound, ValidationFailed, field_error
from govflex.core.thaidate import format_date
from govflex.core.thaisearch import index_text
from govflex.notifications.services import notify
from govflex.org.access import access_for
from govflex.org.models import Person, Role, Unit
from govflex.org.supervision import may_decide_for
from govflex.work.models import ChecklistTemplate, WorkComment, WorkItem, WorkOutput
from govflex.work.reports import check_attachment

OPEN = (WorkItem.Status.TODO, WorkItem.Status.DOING)


def may_see(actor: Any, item: WorkItem) -> bool:
    access = access_for(actor)
    if access.person_id is not None and item.assignees.filter(pk=access.person_id).exists():
        return True
    if item.created_by_id == access.user_id:
        return True
    return access.is_agency_reader(item.agency_id) or any(
        item.unit.path.startswith(path) for path in access.supervised_paths.get(item.agency_id, ())
    )


def _item(actor: Any, item_id: int) -> WorkItem:
    item = WorkItem.objects.select_related("unit").filter(pk=item_id).first()
    if item is None or not may_see(actor, item):
        raise NotFound
    return item


def _manages(actor: Any, item: WorkItem) -> bool:
    access = access_for(actor)
    return item.created_by_id == access.user_id or all(
        may_decide_for(access, person) for person in item.assignees.all()
    )


@transaction.atomic
def item_create(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    due_date: dt.date,
    assignees: list[Person],
    description: str = "",
    expected_output: str = "",
    start_date: dt.date | None = None,
    priority: str = WorkItem.Priority.NORMAL,
    recurrence: str = WorkItem.Recurrence.NONE,
    checklist: list[str] | None = None,
    template: ChecklistTemplate | None = None,
) -> WorkItem:
    """New work; a checklist template's steps come first, then any steps written here."""
    access = access_for(actor)
    errors: dict[str, list[str]] = {}
    if not title.strip():
        errors["title"] = [_("Give the work a title.")]
    if not assignees:
        errors["assignees"] = [_("Assign the work to at least one person.")]
    outside = [p.full_name_th for p in assignees if not may_decide_for(access, p)]
    if outside:
        errors["assignees"] = [_("Outside your scope: %(names)s") % {"names": ", ".join(outside)}]
    if start_date is not None and due_date < start_date:
        errors["due_date"] = [_("The due date is before the start.")]
    if priority not in WorkItem.Priority.values:
        errors["priority"] = [_("Choose a priority.")]
    if recurrence not in WorkItem.Recurrence.values:
        errors["recurrence"] = [_("Choose how it repeats.")]
    if template is not None and not template_applies(template, unit):
        errors["template"] = [_("This checklist template is not offered to the unit.")]
    if errors:
        raise ValidationFailed(details={"fields": errors})
    steps = [
        {"text": text.strip(), "done": False}
        for text in [*(template.steps if template else []), *(checklist or [])]
        if text.strip()
    ]
    item = WorkItem.objects.create(
        agency_id=unit.agency_id,
        unit=unit,
        title=title.strip(),
        description=description,
        expected_output=expected_output,
        start_date=start_date,
        due_date=due_date,
        priority=priority,
        recurrence=recurrence,
        checklist=steps,
        template=template,
        created_by=actor,
        search_text=index_text(
            title, description, expected_output, *(entry["text"] for entry in steps)
        ),
    )
    item.assignees.set(assignees)
    audit_record(
        actor=actor,
        action="work.item_assigned",
        target=item,
        agency_id=unit.agency_id,
        after={"title": item.title, "due": due_date, "assignees": [p.staff_id for p in assignees]},
    )
    notify(
        users=[p.user for p in assignees],
        kind="work.assigned",
        th=f"ได้รับมอบหมายงาน: {item.title} (กำหนดเสร็จ {format_date(due_date)})",
        en=f"New work: {item.title} (due {format_date(due_date, lang='en')})",
        url=f"/work/items/{item.pk}/",
    )
    return item


def template_applies(template: ChecklistTemplate, unit: Unit) -> bool:
    """Offered agency-wide, or to the template's unit and the units under it."""
    if not template.active or template.agency_id != unit.agency_id:
        return False
    return template.unit is None or unit.path.startswith(template.unit.path)


def _next_due(item: WorkItem) -> dt.date:
    if item.recurrence == WorkItem.Recurrence.WEEKLY:
        return item.due_date + dt.timedelta(days=7)
    year, month = divmod(item.due_date.month, 12)
    year, month = item.due_date.year + year, month + 1
    day = min(item.due_date.day, calendar.monthrange(year, month)[1])
    return dt.date(year, month, day)


@transaction.atomic
def item_update(
    *,
    actor: Any,
    item_id: int,
    status: str,
    progress: int,
    checklist_done: list[int] | None = None,
) -> WorkItem:
    """An assignee (or the supervisor) moves the work on; done work repeats if it should."""
    item = _item(actor, item_id)
    access = access_for(actor)
    assignee = access.person_id is not None and item.assignees.filter(pk=access.person_id).exists()
    if not (assignee or _manages(actor, item)):
        raise AccessDenied(_("Only the assignees or their supervisor can update the work."))
    if status not in WorkItem.Status.values:
        raise field_error("status", _("Choose a status."))
    if not 0 <= progress <= 100:
        raise field_error("progress", _("Progress is between 0 and 100%."))
    before = {"status": item.status, "progress": item.progress}
    item.status = status
    item.progress = 100 if status == WorkItem.Status.DONE else progress
    if checklist_done is not None:
        for index, entry in enumerate(item.checklist):
            entry["done"] = index in checklist_done
    if status == WorkItem.Status.DONE and item.completed_at is None:
        item.completed_at = timezone.now()
    item.save()
    audit_record(
        actor=actor,
        action="work.item_updated",
        target=item,
        agency_id=item.agency_id,
        before=before,
        after={"status": item.status, "progress": item.progress},
    )
    if status == WorkItem.Status.DONE and item.recurrence and before["status"] != status:
        following = WorkItem.objects.create(
            agency_id=item.agency_id,
            unit=item.unit,
            title=item.title,
            description=item.description,
            expected_output=item.expected_output,
            due_date=_next_due(item),
            priority=item.priority,
            recurrence=item.recurrence,
            checklist=[{"text": e["text"], "done": False} for e in item.checklist],
            template=item.template,
            created_by=item.created_by,
            search_text=item.search_text,
        )
        following.assignees.set(item.assignees.all())
    return item


def may_comment(actor: Any, item: WorkItem) -> bool:
    """The assignees, whoever assigned it, their supervisors, HR and executives — not auditors,
    whose role is to read."""
    access = access_for(actor)
    if access.is_admin or item.created_by_id == access.user_id:
        return True
    if access.person_id is not None and item.assignees.filter(pk=access.person_id).exists():
        return True
    if access.has_role(item.agency_id, Role.HR, Role.EXECUTIVE):
        return True
    return any(
        item.unit.path.startswith(path) for path in access.supervised_paths.get(item.agency_id, ())
    )


@transaction.atomic
def item_comment(*, actor: Any, item_id: int, text: str) -> WorkComment:
    item = _item(actor, item_id)
    if not may_comment(actor, item):
        raise AccessDenied(_("Auditors read work items; they do not comment on them."))
    if not text.strip():
        raise field_error("text", _("Write a comment."))
    comment = WorkComment.objects.create(
        item=item, author=actor, text=text.strip(), search_text=index_text(text)
    )
    audit_record(actor=actor, action="work.commented", target=item, agency_id=item.agency_id)
    return comment


@transaction.atomic
def item_attach(*, actor: Any, item_id: int, upload: Any, note: str = "") -> WorkOutput:
    """An output file (PDF, image or Office file, at most 10 MB, checked by content)."""
    item = _item(actor, item_id)
    access = access_for(actor)
    if access.person_id is None or not item.assignees.filter(pk=access.person_id).exists():
        raise AccessDenied(_("Only the assignees attach outputs."))
    if upload is None:
        raise field_error("file", _("Choose a file."))
    check_attachment(upload, field="file")
    output = WorkOutput(item=item, note=note.strip()[:300], uploaded_by=actor)
    output.file.save(upload.name, upload, save=False)
    output.save()
    audit_record(
        actor=actor,
        action="work.output_attached",
        target=item,
        agency_id=item.agency_id,
        after={"file": output.file.name},
    )
    return output


@dataclass(frozen=True)
class Board:
    todo: list[WorkItem]
    doing: list[WorkItem]
    done: list[WorkItem]
    overdue: list[WorkItem]


def _board(items: QuerySet[WorkItem], today: dt.date) -> Board:
    rows = list(items.prefetch_related("assignees")[:500])
    overdue = [i for i in rows if i.status in OPEN and i.due_date < today]
    return Board(
        todo=[i for i in rows if i.status == WorkItem.Status.TODO and i not in overdue],
        doing=[i for i in rows if i.status == WorkItem.Status.DOING and i not in overdue],
        done=[i for i in rows if i.status == WorkItem.Status.DONE][:50],
        overdue=overdue,
    )


def board_person(*, person: Person, today: dt.date) -> Board:
    return _board(WorkItem.objects.filter(assignees=person).select_related("unit"), today)


def board_unit(*, actor: Any, unit: Unit, today: dt.date) -> Board:
    access = access_for(actor)
    if not (
        access.is_agency_reader(unit.agency_id)
        or any(unit.path.startswith(p) for p in access.supervised_paths.get(unit.agency_id, ()))
    ):
        raise NotFound
    items = WorkItem.objects.filter(unit__path__startswith=unit.path).select_related("unit")
    return _board(items, today)


def items_remind(*, today: dt.date | None = None) -> int:
    """Once a day: remind assignees of work due tomorrow and of overdue work."""
    today = today or timezone.localdate()
    due = WorkItem.objects.filter(status__in=OPEN, due_date__lte=today + dt.timedelta(days=1))
    due = due.filter(Q(reminded_on__isnull=True) | Q(reminded_on__lt=today))
    count = 0
    for item in due.prefetch_related("assignees__user"):
        late = item.due_date < today
        notify(
            users=[p.user for p in item.assignees.all()],
            kind="work.overdue" if late else "work.due_soon",
            th=("เลยกำหนด: " if late else "ใกล้ครบกำหนด: ") + item.title,
            en=("Overdue: " if late else "Due tomorrow: ") + item.title,
            url=f"/work/items/{item.pk}/",
        )
        item.reminded_on = today
        item.save(update_fields=["reminded_on"])
        count += 1
    return count
