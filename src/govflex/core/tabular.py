"""Reading tabular text that people export from spreadsheets: encodings and dates.

Excel's "CSV" export on a Thai Windows machine writes Windows-874 (cp874, a superset of
TIS-620); newer Excel writes UTF-8 with a byte-order mark; "Unicode text" is UTF-16. Dates
arrive with Gregorian or Buddhist-Era years, in ISO or day/month/year order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from govflex.core.thaidate import BE_OFFSET, THAI_MONTHS, THAI_MONTHS_SHORT, to_arabic_digits


class UnreadableText(ValueError):
    """The bytes are not text in any encoding we accept."""


def decode_text(data: bytes) -> tuple[str, str]:
    """Decode spreadsheet text; return ``(text, encoding)``.

    Order matters: UTF-8 is strict and self-validating, so it is tried before cp874 (which
    maps almost every byte). Bytes that decode as cp874 but contain control characters are
    not text (e.g. a binary file renamed .csv). Text with a NUL character is never a
    spreadsheet's: PostgreSQL cannot even store it, so an import quoting it in a row error
    failed (found by hypothesis, docs/reliability.md).
    """
    text, encoding = _decode(data)
    if "\x00" in text:
        raise UnreadableText("nul")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise UnreadableText("utf-16") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise UnreadableText("utf-8") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp874")
    except UnicodeDecodeError as exc:
        raise UnreadableText("cp874") from exc
    if _looks_binary(text):
        raise UnreadableText("binary")
    return text, "cp874"


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t")
    return "\x00" in text or controls > max(2, len(text) // 1000)


class Era(StrEnum):
    GREGORIAN = "gregorian"
    BUDDHIST = "buddhist"


@dataclass(frozen=True)
class ParsedDate:
    value: date
    era: Era
    # The year alone decided the era (no "พ.ศ."/"ค.ศ." marker): worth telling the user.
    era_assumed: bool


# A year above this is read as Buddhist Era: Gregorian 2400+ is not a plausible HR date,
# and Buddhist 2400 is Gregorian 1857.
_BE_THRESHOLD = 2400
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_THAI_MONTH_NAMES = {name: i + 1 for i, name in enumerate(THAI_MONTHS)} | {
    name: i + 1 for i, name in enumerate(THAI_MONTHS_SHORT)
}
_THAI_TEXT = re.compile(r"^(\d{1,2})\s+(\S+)\s+(\d{4})$")
_ERA_MARK = re.compile(
    r"\s*(พ\.ศ\.|พศ\.?|B\.?E\.?|ค\.ศ\.|คศ\.?|A\.?D\.?|C\.?E\.?)\s*", re.IGNORECASE
)


class DateFormatError(ValueError):
    """The text is not a date in an accepted form (see :func:`parse_date`)."""


def parse_date(text: str) -> ParsedDate:
    """Parse ``2026-03-05``, ``05/03/2569``, ``5/3/2026``, ``5 มี.ค. 2569`` or ``5 มีนาคม 2569``.

    Thai digits are accepted. An explicit "พ.ศ."/"B.E." or "ค.ศ."/"A.D." decides the era;
    otherwise a year above 2400 is Buddhist Era and the result says the era was assumed.
    """
    raw = to_arabic_digits(text.strip())
    marker = _ERA_MARK.search(raw)
    explicit: Era | None = None
    if marker:
        token = marker.group(1).upper().replace(".", "")
        explicit = Era.BUDDHIST if token in {"พศ", "BE"} else Era.GREGORIAN
        raw = _ERA_MARK.sub(" ", raw).strip()
    year, month, day = _split(raw)
    era = explicit or (Era.BUDDHIST if year > _BE_THRESHOLD else Era.GREGORIAN)
    if era is Era.BUDDHIST:
        year -= BE_OFFSET
    try:
        value = date(year, month, day)
    except ValueError as exc:
        raise DateFormatError(text) from exc
    return ParsedDate(value=value, era=era, era_assumed=explicit is None)


def _split(raw: str) -> tuple[int, int, int]:
    if m := _ISO.match(raw):
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m := _DMY.match(raw):
        return int(m.group(3)), int(m.group(2)), int(m.group(1))
    if (m := _THAI_TEXT.match(raw)) and m.group(2) in _THAI_MONTH_NAMES:
        return int(m.group(3)), _THAI_MONTH_NAMES[m.group(2)], int(m.group(1))
    raise DateFormatError(raw)
