"""``govflex simulate``: the management command around govflex.simulate (no database)."""

from __future__ import annotations

import csv
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples" / "simulation"


def _options(out: Path) -> list[str]:
    return [
        f"--policy={EXAMPLES / 'policy.yaml'}",
        f"--people={EXAMPLES / 'people.csv'}",
        f"--punches={EXAMPLES / 'punches.csv'}",
        f"--arrangements={EXAMPLES / 'arrangements.csv'}",
        f"--leave={EXAMPLES / 'leave.csv'}",
        f"--holidays={EXAMPLES / 'holidays.csv'}",
        "--from=02/03/2569",
        "--to=2026-03-15",
        f"--out={out}",
    ]


def test_simulate_writes_results_and_prints_the_summary(tmp_path: Path) -> None:
    out = tmp_path / "results.csv"
    stdout = StringIO()
    call_command(
        "simulate", *_options(out), f"--periods-out={tmp_path / 'periods.csv'}", stdout=stdout
    )
    with out.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 6 * 14
    late = next(row for row in rows if row["staff_id"] == "650001" and row["date"] == "2026-03-04")
    assert (late["status"], late["late_minutes"], late["exceptions_th"]) == (
        "late",
        "17",
        "มาสาย 17 นาที",
    )
    summary = stdout.getvalue()
    assert "people" in summary
    assert "84" in summary
    assert "3 / 4 (75.0%)" in summary  # mode-2 weeks meeting the hours
    assert "1 / 25 (4.0%)" in summary  # mode-1 late rate
    assert (tmp_path / "periods.csv").exists()


def test_simulate_refuses_bad_input_with_every_problem(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("staff_id,position_type,mode\n1,clerk,\n2,support,9\n", encoding="utf-8")
    options = [*_options(tmp_path / "results.csv"), f"--people={people}", "--from=2026-02-30"]
    with pytest.raises(CommandError) as caught:
        call_command("simulate", *options, stdout=StringIO())
    text = str(caught.value)
    assert "people.csv แถวที่ 2 คอลัมน์ position_type" in text
    assert "people.csv, row 3, column mode" in text
    assert "--from" in text
    assert not (tmp_path / "results.csv").exists()
