"""Hostile and generated imports through the services (issue 10, point 7): organisation CSV/XLSX,
leave CSV and terminal logs. Whatever the file, the service answers with an import or a clear
refusal (row, column and reason, or one message for the whole file) — never another exception,
never a half-written import — and a valid generated file imports correctly and importing it
again changes nothing. Each example runs in a savepoint that is rolled back."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import string
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from govflex.attendance.leave_import import leave_import
from govflex.attendance.models import Leave, Punch, TerminalImport
from govflex.attendance.terminal import terminal_import_create
from govflex.common.errors import ValidationFailed
from govflex.org.importing.jobs import import_job_create
from govflex.org.models import ImportJob, Unit
from tests.app.importing_helpers import PEOPLE_HEADER, csv_bytes
from tests.factories import PersonFactory

EXAMPLES = int(os.environ.get("GOVFLEX_FUZZ_EXAMPLES", "25"))
FILES = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="GOVFLEX_FUZZ_EXAMPLES" not in os.environ,  # a longer hunt explores anew
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "cp874"]
UNIT_HEADER = ("code", "name_th", "name_en", "parent_code", "is_service_point")
LEAVE_HEADER = ("staff_id", "leave_type", "start", "end", "part", "external_id")


@contextlib.contextmanager
def savepoint() -> Iterator[None]:
    """Each example in its own savepoint: nothing one writes is seen by the next."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


# ------------------------------------------------------------------ hostile content

_cell = st.one_of(
    st.text(max_size=30),
    st.text(alphabet="กขคงจฉชซ0123456789/-. ", max_size=12),
    st.sampled_from(["", "yes", "ใช่", "no", "01/10/2565", "2026-13-45", "=1+1", "\x00", '"']),
    st.text(alphabet=string.digits, min_size=200, max_size=3000),
)
_value = st.one_of(
    _cell,
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.dates(min_value=dt.date(1900, 1, 1)),
    st.datetimes(min_value=dt.datetime(1900, 1, 1)),  # noqa: DTZ001 - a spreadsheet's wall clock
)


def _header(columns: tuple[str, ...]) -> st.SearchStrategy[list[str]]:
    """The documented columns, some missing, some unknown, some repeated, shuffled."""
    return st.lists(
        st.one_of(st.sampled_from(columns), st.text(max_size=15)), min_size=1, max_size=8
    )


@st.composite
def _csv(draw: st.DrawFn, columns: tuple[str, ...]) -> bytes:
    header = draw(_header(columns))
    rows = draw(st.lists(st.lists(_cell, max_size=len(header) + 2), max_size=6))
    text = io.StringIO()
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    for cells in [header, *rows]:
        text.write(delimiter.join(f'"{c}"' if draw(st.booleans()) else c for c in cells))
        text.write(draw(st.sampled_from(["\n", "\r\n", "\r"])))
    data = text.getvalue().encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.booleans()):  # stray bytes somewhere
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(min_size=1, max_size=6)) + data[at:]
    return data


@st.composite
def _xlsx(draw: st.DrawFn, columns: tuple[str, ...], sheet: str) -> bytes:
    workbook = Workbook()
    first = workbook.active
    assert first is not None
    first.title = draw(st.sampled_from([sheet, "Sheet1", "ข้อมูล"]))
    if draw(st.booleans()):
        rows = [draw(_header(columns)), *draw(st.lists(st.lists(_value, max_size=8), max_size=5))]
        for row in rows:  # a worksheet cannot hold control characters at all
            first.append([_printable(v) for v in row])
    if draw(st.booleans()):
        workbook.create_sheet(draw(st.sampled_from([sheet, "other"]))[:31] + "2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _printable(value: Any) -> Any:
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


def _any_file(columns: tuple[str, ...], sheet: str) -> st.SearchStrategy[tuple[str, bytes]]:
    return st.one_of(
        _csv(columns).map(lambda b: ("file.csv", b)),
        _xlsx(columns, sheet).map(lambda b: ("file.xlsx", b)),
        st.binary(max_size=400).map(lambda b: ("file.xlsx", b)),  # garbage named .xlsx
        st.binary(max_size=400).map(lambda b: ("file.csv", b)),
        st.binary(max_size=300).map(lambda b: ("file.xlsx", b"PK\x03\x04" + b)),  # broken zip
        st.just(("file.xls", b"\xd0\xcf\x11\xe0" + b"\x00" * 64)),  # old Excel
    )


def _clear_errors(errors: list[dict[str, Any]]) -> None:
    assert errors, "a refused file says why"
    for error in errors:
        assert set(error) >= {"row", "column", "message"}
        assert str(error["message"]).strip()


# ------------------------------------------------------------------ organisation import


@pytest.mark.parametrize("kind", ["units", "positions", "people"])
def test_any_org_file_is_imported_or_refused_clearly(
    kind: str, hr: Any, org: dict[str, Any]
) -> None:
    columns = {
        "units": UNIT_HEADER,
        "positions": ("code", "title_th", "mission_type", "position_type"),
        "people": PEOPLE_HEADER,
    }[kind]

    @FILES
    @given(_any_file(columns, kind))
    def check(upload: tuple[str, bytes]) -> None:
        name, content = upload
        with savepoint():
            job = _org_import(hr, org, kind, name, content)
            assert job.status in {ImportJob.Status.DONE, ImportJob.Status.REJECTED}, job.report
            if job.status == ImportJob.Status.REJECTED:
                _clear_errors(job.report["errors"])

    check()


_codes = st.lists(
    st.text(alphabet=string.ascii_uppercase + string.digits, min_size=1, max_size=8),
    min_size=1,
    max_size=12,
    unique=True,
)


@FILES
@given(codes=_codes, encoding=st.sampled_from(ENCODINGS), as_xlsx=st.booleans(), data=st.data())
def test_a_valid_units_file_imports_and_again_changes_nothing(
    codes: list[str],
    encoding: str,
    as_xlsx: bool,
    data: st.DataObject,
    hr: Any,
    org: dict[str, Any],
) -> None:
    # Each unit's parent is an earlier one (or none): a tree, in any row order.
    parents = {c: data.draw(st.sampled_from(["", *codes[:i]])) for i, c in enumerate(codes)}
    rows = [(c, f"หน่วย {c}", f"Unit {c}", parents[c], "no") for c in codes]
    rows = data.draw(st.permutations(rows))
    if as_xlsx:
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = "units"
        for row in [UNIT_HEADER, *rows]:
            sheet.append(list(row))
        buffer = io.BytesIO()
        workbook.save(buffer)
        name, content = "units.xlsx", buffer.getvalue()
    else:
        name, content = "units.csv", csv_bytes(UNIT_HEADER, rows, encoding=encoding)
    with savepoint():
        first = _org_import(hr, org, "units", name, content)
        assert first.status == ImportJob.Status.DONE, first.report
        units = {u.code: u for u in Unit.objects.filter(agency=org["agency"], code__in=codes)}
        assert set(units) == set(codes)
        for code, parent in parents.items():
            assert (units[code].parent.code if units[code].parent else "") == parent
            assert units[code].name_th == f"หน่วย {code}"
        again = _org_import(hr, org, "units", name, content)
        assert again.report["counts"] == {"created": 0, "updated": 0, "unchanged": len(codes)}


def _org_import(hr: Any, org: dict[str, Any], kind: str, name: str, content: bytes) -> ImportJob:
    job = import_job_create(
        actor=hr, agency=org["agency"], kind=kind, filename=name, content=content, valid_only=False
    )
    job.refresh_from_db()
    return job


# ------------------------------------------------------------------ leave import


@FILES
@given(content=st.one_of(_csv(LEAVE_HEADER), st.binary(max_size=400)))
def test_any_leave_file_is_imported_or_refused_clearly(
    content: bytes, hr: Any, org: dict[str, Any]
) -> None:
    with savepoint():
        before = Leave.objects.count()
        refused: ValidationFailed | None = None
        try:
            outcome = leave_import(actor=hr, agency=org["agency"], content=content)
        except ValidationFailed as exc:
            refused = exc
        if refused is None:
            assert Leave.objects.count() == before + outcome["created"]
        else:
            assert str(refused.message).strip()
            for row in refused.details.get("rows", []):
                assert row["row"] >= 2
                assert row["column"]
                assert str(row["message"]).strip()
            assert Leave.objects.count() == before  # all or nothing


@FILES
@given(
    leaves=st.lists(
        st.tuples(
            st.sampled_from(["sick", "personal", "vacation"]),
            st.dates(min_value=dt.date(2025, 10, 1), max_value=dt.date(2026, 9, 20)),
            st.integers(0, 5),
        ),
        min_size=1,
        max_size=8,
    ),
    encoding=st.sampled_from(ENCODINGS),
    buddhist_era=st.booleans(),
)
def test_a_valid_leave_file_imports_and_again_adds_nothing(
    leaves: list[tuple[str, dt.date, int]],
    encoding: str,
    buddhist_era: bool,
    hr: Any,
    org: dict[str, Any],
) -> None:
    person = org["person_a"]

    def day(value: dt.date) -> str:
        return (
            f"{value.day:02d}/{value.month:02d}/{value.year + 543}" if buddhist_era else str(value)
        )

    rows = [
        (person.staff_id, kind, day(start), day(start + dt.timedelta(days=n)), "", f"x{i}")
        for i, (kind, start, n) in enumerate(leaves)
    ]
    content = csv_bytes(LEAVE_HEADER, rows, encoding=encoding)
    with savepoint():
        first = leave_import(actor=hr, agency=org["agency"], content=content)
        assert first == {"rows": len(rows), "created": len(rows), "duplicates": 0}
        stored = {
            (leave.leave_type, leave.start, leave.end)
            for leave in Leave.objects.filter(person=person)
        }
        assert stored == {(k, s, s + dt.timedelta(days=n)) for k, s, n in leaves}
        again = leave_import(actor=hr, agency=org["agency"], content=content)
        assert again == {"rows": len(rows), "created": 0, "duplicates": len(rows)}


# ------------------------------------------------------------------ terminal import


@FILES
@given(
    content=st.one_of(
        st.binary(min_size=1, max_size=600),
        _csv(("user_id", "date", "time", "timestamp", "state")),
        st.lists(
            st.tuples(
                st.sampled_from(["1234", "0001234", "99", "", "x"]),
                st.text(max_size=25),
            ),
            min_size=1,
            max_size=8,
        ).map(lambda rows: "\n".join(f"{u}\t{t}\t1\t0\t0\t0" for u, t in rows).encode()),
    )
)
def test_any_terminal_log_is_imported_or_refused_clearly(
    content: bytes, hr: Any, org: dict[str, Any]
) -> None:
    with savepoint():
        PersonFactory(unit=org["unit_a"], staff_id="1234")
        try:
            job = terminal_import_create(
                actor=hr, agency=org["agency"], filename="t.dat", content=content, device="T1"
            )
        except ValidationFailed:
            assert not content.strip()  # only an empty file is refused before it is stored
            return
        assert job.status in {TerminalImport.Status.DONE, TerminalImport.Status.REJECTED}
        if job.status == TerminalImport.Status.REJECTED:
            _clear_errors(job.report["errors"])
        else:
            stored = Punch.objects.filter(person__staff_id="1234", source="terminal").count()
            assert stored == job.report["stored"]
            for error in job.report["errors"]:
                assert str(error["message"]).strip()


@FILES
@given(
    punches=st.lists(
        st.tuples(
            st.integers(0, 2),
            st.datetimes(
                min_value=dt.datetime(2026, 1, 5),  # noqa: DTZ001 - the terminal's wall clock
                max_value=dt.datetime(2026, 3, 1),  # noqa: DTZ001
            ).map(lambda d: d.replace(microsecond=0)),
            st.integers(0, 1),
        ),
        min_size=1,
        max_size=20,
        unique_by=lambda p: (p[0], p[1]),
    ),
    csv_layout=st.booleans(),
)
def test_a_valid_terminal_log_imports_each_punch_and_again_stores_nothing(
    punches: list[tuple[int, dt.datetime, int]], csv_layout: bool, hr: Any, org: dict[str, Any]
) -> None:
    users = ["5001", "005002", "5003"]  # leading zeros are matched without them
    if csv_layout:
        lines = ["user_id,date,time,state"] + [
            f"{users[u]},{at:%d/%m/%Y},{at:%H:%M:%S},{s}" for u, at, s in punches
        ]
    else:
        lines = [f"{users[u]}\t{at:%Y-%m-%d %H:%M:%S}\t1\t{s}\t0\t0" for u, at, s in punches]
    content = "\n".join(lines).encode()
    with savepoint():
        people = [PersonFactory(unit=org["unit_a"], staff_id=s) for s in ("5001", "5002", "5003")]
        first = terminal_import_create(
            actor=hr, agency=org["agency"], filename="t.dat", content=content, device="T1"
        )
        assert (first.status, first.report["stored"], first.report["errors"]) == (
            TerminalImport.Status.DONE,
            len(punches),
            [],
        )
        assert Punch.objects.filter(person__in=people).count() == len(punches)
        again = terminal_import_create(
            actor=hr, agency=org["agency"], filename="t.dat", content=content, device="T1"
        )
        assert (again.report["stored"], again.report["duplicates"]) == (0, len(punches))
        assert Punch.objects.filter(person__in=people).count() == len(punches)
