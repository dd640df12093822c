"""Field types shared by the API's input schemas."""

from __future__ import annotations

from typing import Annotated, Any

from ninja import Schema
from pydantic import Field

# A database row's ID. Unbounded, a list of IDs past a 64-bit integer reached SQLite's
# ``id IN (...)`` and answered 500 (schemathesis, docs/reliability.md); now it is a 422.
MAX_ID = 2**63 - 1
ObjectId = Annotated[int, Field(ge=1, le=MAX_ID)]


class ErrorOut(Schema):
    """The API's one error format (``govflex.config.api``), for operations that declare it."""

    code: str
    message: str
    details: dict[str, Any] = {}  # noqa: RUF012 - pydantic default
