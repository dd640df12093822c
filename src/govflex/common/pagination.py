"""The API's page parameters, bounded: a limit or offset past a database integer answered 500
(found by schemathesis, docs/reliability.md); now it is a 422 that names the parameter."""

from __future__ import annotations

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 1000
MAX_OFFSET = 100_000_000  # beyond any list GovFlex keeps, inside every database's integer


class Pagination(LimitOffsetPagination):
    """``limit`` 1–1000 (default 100) and ``offset`` 0–100,000,000."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT)
        offset: int = Field(0, ge=0, le=MAX_OFFSET)
