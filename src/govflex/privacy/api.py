"""REST: a person's own data (PDPA s. 30–31), the same document as /privacy/my-data.json."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from govflex.privacy.mydata.render import as_document
from govflex.privacy.mydata.service import my_data

router = Router(tags=["privacy"])


class SectionOut(Schema):
    key: str
    title: str
    rows: list[dict[str, Any]]
    truncated: bool


class MyDataOut(Schema):
    format: str
    format_version: int
    generated_at: str
    username: str
    sections: list[SectionOut]


@router.get("/me/data", response=MyDataOut, url_name="my_data")
def my_data_get(request: HttpRequest) -> Any:
    """Everything GovFlex holds about the signed-in user (or the token's owner); nothing about
    anyone else. Each call is recorded in the audit log."""
    subject, sections = my_data(actor=request.user, fmt="json")
    return as_document(subject, sections)
