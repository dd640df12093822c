"""Buddhist-Era dates and Thai digits.

The Buddhist Era (พุทธศักราช) is the Gregorian year + 543; Thai month names and their
abbreviations follow the Royal Institute's usage (DOMAIN.md §7). Thai digits are optional
(the Correspondence regulation encourages but does not require them).
"""

from __future__ import annotations

from datetime import date, datetime

BE_OFFSET = 543

THAI_MONTHS: tuple[str, ...] = (
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_SHORT: tuple[str, ...] = (
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)
ENGLISH_MONTHS: tuple[str, ...] = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
THAI_WEEKDAYS: tuple[str, ...] = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
THAI_WEEKDAYS_SHORT: tuple[str, ...] = ("จ.", "อ.", "พ.", "พฤ.", "ศ.", "ส.", "อา.")
ENGLISH_WEEKDAYS: tuple[str, ...] = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
ENGLISH_WEEKDAYS_SHORT: tuple[str, ...] = tuple(name[:3] for name in ENGLISH_WEEKDAYS)

_THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
_ARABIC_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def be_year(year: int) -> int:
    """Gregorian year → Buddhist-Era year."""
    return year + BE_OFFSET


def ce_year(be: int) -> int:
    """Buddhist-Era year → Gregorian year."""
    return be - BE_OFFSET


def to_thai_digits(text: str) -> str:
    """Replace Arabic digits with Thai digits (๐–๙); everything else is kept."""
    return text.translate(_THAI_DIGITS)


def to_arabic_digits(text: str) -> str:
    """Replace Thai digits with Arabic digits, for parsing what people type."""
    return text.translate(_ARABIC_DIGITS)


def format_date(
    value: date, *, long: bool = False, lang: str = "th", thai_digits: bool = False
) -> str:
    """A date in the Buddhist Era: ``5 มี.ค. 2569`` or, long, ``5 มีนาคม 2569``.

    English keeps the Buddhist-Era year, as Thai official English does: ``5 Mar B.E. 2569``.
    """
    if isinstance(value, datetime):
        value = value.date()
    year = be_year(value.year)
    if lang == "th":
        months = THAI_MONTHS if long else THAI_MONTHS_SHORT
        text = f"{value.day} {months[value.month - 1]} {year}"
        return to_thai_digits(text) if thai_digits else text
    month = ENGLISH_MONTHS[value.month - 1]
    return f"{value.day} {month if long else month[:3]} B.E. {year}"


def format_datetime(
    value: datetime, *, long: bool = False, lang: str = "th", thai_digits: bool = False
) -> str:
    """A local date and time: ``5 มี.ค. 2569 08:30 น.`` (convert to local time first)."""
    day = format_date(value.date(), long=long, lang=lang, thai_digits=False)
    clock = f"{value:%H:%M}"
    text = f"{day} {clock} น." if lang == "th" else f"{day} {clock}"
    return to_thai_digits(text) if thai_digits and lang == "th" else text


def format_number(value: int | float | str, *, thai_digits: bool = False) -> str:
    """A number as text, with Thai digits when asked (grouping with commas)."""
    text = f"{value:,}" if isinstance(value, int) else str(value)
    return to_thai_digits(text) if thai_digits else text
