"""Search work items, off-site day reports and comments in Thai and English.

The query is cut into words with pythainlp's dictionary segmenter (``newmm``), because Thai has
no spaces between words; each stored record keeps a normalised copy of its text
(``search_text``, see :mod:`govflex.core.thaisearch`) and matches when it holds every word. Only
what the user may see is searched: their own work and reports, and those of the people they
supervise or read as HR/executive/auditor.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from govflex.core import thaisearch
from govflex.org.access import Access, access_for
from govflex.work.models import DayReport, WorkComment, WorkItem

KINDS = ("item", "report", "comment")
PER_KIND = 200  # records read per kind before ranking; the page shows the best ``limit``


@cache
def _newmm() -> Any:
    from pythainlp.tokenize import word_tokenize  # noqa: PLC0415 - loads a dictionary, ~0.5 s

    return word_tokenize


def segment(text: str) -> Sequence[str]:
    return list(_newmm()(text, engine="newmm", keep_whitespace=False))


def parse(query: str) -> thaisearch.Query:
    return thaisearch.parse(query, segment)


@dataclass(frozen=True)
class Hit:
    kind: str
    pk: int
    title: str
    url: str
    day: Any
    before: str
    match: str
    after: str
    score: tuple[int, int]


def _terms(query: thaisearch.Query) -> Q:
    condition = Q()
    for term in query.terms:
        condition &= Q(search_text__contains=term)
    return condition


def visible_items(access: Access) -> Q:
    """Work items the user is assigned, assigned themselves, or oversees."""
    if access.is_admin:
        return Q()
    condition = Q(created_by_id=access.user_id)
    if access.person_id is not None:
        condition |= Q(assignees=access.person_id)
    readers = [a for a in access.roles if access.is_agency_reader(a)]
    if readers:
        condition |= Q(agency_id__in=readers)
    for agency_id, paths in access.supervised_paths.items():
        for path in paths:
            condition |= Q(agency_id=agency_id, unit__path__startswith=path)
    return condition


def _items(access: Access, query: thaisearch.Query) -> QuerySet[WorkItem]:
    ids = WorkItem.objects.filter(visible_items(access), _terms(query)).values("pk")
    return WorkItem.objects.filter(pk__in=ids).order_by("-updated_at")[:PER_KIND]


def _reports(access: Access, query: thaisearch.Query) -> QuerySet[DayReport]:
    scope = access.people_filter(prefix="person__")
    return (
        DayReport.objects.filter(scope, _terms(query))
        .select_related("person")
        .order_by("-day")[:PER_KIND]
    )


def _comments(access: Access, query: thaisearch.Query) -> QuerySet[WorkComment]:
    items = WorkItem.objects.filter(visible_items(access)).values("pk")
    return (
        WorkComment.objects.filter(_terms(query), item_id__in=items)
        .select_related("item")
        .order_by("-created_at")[:PER_KIND]
    )


def _hit(query: thaisearch.Query, kind: str, record: tuple[int, str, str, Any], text: str) -> Hit:
    pk, title, url, day = record
    before, match, after = thaisearch.snippet(query, text)
    return Hit(kind, pk, title, url, day, before, match, after, thaisearch.rank(query, text))


def search(*, actor: Any, query: str, kinds: Sequence[str] = KINDS, limit: int = 50) -> list[Hit]:
    """The best ``limit`` matches the user may see, whole-phrase matches first."""
    parsed = parse(query)
    if parsed.empty:
        return []
    access = access_for(actor)
    hits: list[Hit] = []
    if "item" in kinds:
        for item in _items(access, parsed):
            text = "\n".join(
                [item.title, item.description, item.expected_output]
                + [e["text"] for e in item.checklist]
            )
            record = (item.pk, item.title, f"/work/items/{item.pk}/", item.due_date)
            hits.append(_hit(parsed, "item", record, text))
    if "report" in kinds:
        for report in _reports(access, parsed):
            text = f"{report.plan}\n{report.result}\n{report.outputs}\n{report.problems}"
            title = report.person.full_name_th
            record = (report.pk, title, f"/work/reports/{report.pk}/", report.day)
            hits.append(_hit(parsed, "report", record, text))
    if "comment" in kinds:
        for comment in _comments(access, parsed):
            url = f"/work/items/{comment.item_id}/#comment-{comment.pk}"
            day = timezone.localdate(comment.created_at)
            record = (comment.pk, comment.item.title, url, day)
            hits.append(_hit(parsed, "comment", record, comment.text))
    hits.sort(key=lambda hit: hit.score, reverse=True)
    return hits[:limit]
