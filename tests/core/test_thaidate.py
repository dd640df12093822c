"""Buddhist-Era formatting and Thai digits (DOMAIN.md §7: BE = CE + 543)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govflex.core import thaidate


@pytest.mark.parametrize(
    ("day", "kwargs", "expected"),
    [
        (dt.date(2026, 3, 5), {}, "5 มี.ค. 2569"),
        (dt.date(2026, 3, 5), {"long": True}, "5 มีนาคม 2569"),
        (dt.date(2026, 12, 31), {"long": True, "thai_digits": True}, "๓๑ ธันวาคม ๒๕๖๙"),
        (dt.date(2026, 1, 1), {"lang": "en"}, "1 Jan B.E. 2569"),
        (dt.date(2026, 2, 1), {"lang": "en", "long": True}, "1 February B.E. 2569"),
    ],
)
def test_format_date(day: dt.date, kwargs: dict[str, object], expected: str) -> None:
    assert thaidate.format_date(day, **kwargs) == expected  # type: ignore[arg-type]


def test_format_datetime_uses_the_given_local_time() -> None:
    value = dt.datetime(2026, 3, 5, 8, 30)  # noqa: DTZ001 - already local
    assert thaidate.format_datetime(value) == "5 มี.ค. 2569 08:30 น."
    assert thaidate.format_datetime(value, thai_digits=True) == "๕ มี.ค. ๒๕๖๙ ๐๘:๓๐ น."


@given(st.text())
def test_digit_conversion_round_trips(text: str) -> None:
    assert thaidate.to_arabic_digits(thaidate.to_thai_digits(text)) == thaidate.to_arabic_digits(
        text
    )


@given(st.integers(min_value=1, max_value=9999))
def test_be_and_ce_are_inverse(year: int) -> None:
    assert thaidate.ce_year(thaidate.be_year(year)) == year
