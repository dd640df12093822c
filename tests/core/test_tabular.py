"""Reading spreadsheet text: encodings (UTF-8, UTF-16, Windows-874) and BE/CE dates."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core.tabular import DateFormatError, Era, UnreadableText, decode_text, parse_date

THAI = "รหัส,ชื่อ\n1,สมศรี ใจดี\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (THAI.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + THAI.encode("utf-8"), "utf-8-sig"),
        (THAI.encode("utf-16"), "utf-16"),
        (THAI.encode("cp874"), "cp874"),  # Excel's "CSV" on Thai Windows
        (THAI.encode("tis-620"), "cp874"),
    ],
)
def test_decode_text_recognises_thai_encodings(data: bytes, encoding: str) -> None:
    text, found = decode_text(data)
    assert found == encoding
    assert "สมศรี" in text


def test_binary_data_is_not_text() -> None:
    with pytest.raises(UnreadableText):
        decode_text(bytes(range(256)) * 4)


@pytest.mark.parametrize(
    ("text", "expected", "era", "assumed"),
    [
        ("2026-03-05", dt.date(2026, 3, 5), Era.GREGORIAN, True),
        ("2569-03-05", dt.date(2026, 3, 5), Era.BUDDHIST, True),
        ("05/03/2569", dt.date(2026, 3, 5), Era.BUDDHIST, True),
        ("5/3/2026", dt.date(2026, 3, 5), Era.GREGORIAN, True),
        ("5 มี.ค. 2569", dt.date(2026, 3, 5), Era.BUDDHIST, True),
        ("5 มีนาคม พ.ศ. 2569", dt.date(2026, 3, 5), Era.BUDDHIST, False),
        ("๕/๓/๒๕๖๙", dt.date(2026, 3, 5), Era.BUDDHIST, True),
        ("05/03/2026 ค.ศ.", dt.date(2026, 3, 5), Era.GREGORIAN, False),
    ],
)
def test_parse_date(text: str, expected: dt.date, era: Era, assumed: bool) -> None:
    parsed = parse_date(text)
    assert (parsed.value, parsed.era, parsed.era_assumed) == (expected, era, assumed)


@pytest.mark.parametrize(
    "text", ["", "yesterday", "31/02/2569", "2569/13/01", "5 Foo 2569", "05-03-69"]
)
def test_parse_date_rejects(text: str) -> None:
    with pytest.raises(DateFormatError):
        parse_date(text)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)))
def test_any_date_round_trips_in_both_eras(day: dt.date) -> None:
    assert parse_date(day.isoformat()).value == day
    assert parse_date(f"{day.day:02d}/{day.month:02d}/{day.year + 543}").value == day
