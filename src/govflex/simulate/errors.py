"""Problems found in the simulation's input files, in Thai and English, with where they are.

Every problem names the file, the row as a spreadsheet shows it (the header is row 1) and the
column (or, for the policy file, the field path), so HR can fix the export and run again. All
problems are collected before the run stops (:class:`SimulationInputError`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final

ParamValue = str | int

# code -> (Thai template, English template), formatted with the params (str.format).
CATALOGUE: Final[dict[str, tuple[str, str]]] = {
    "file_missing": ("ไม่พบไฟล์", "File not found"),
    "file_unreadable": (
        "อ่านไฟล์ไม่ได้: ไม่ใช่ข้อความ CSV ({detail})",
        "Cannot read the file: not CSV text ({detail})",
    ),
    "file_empty": ("ไฟล์ไม่มีข้อมูล", "The file has no data"),
    "column_missing": ("ไม่มีคอลัมน์ {column}", "Column {column} is missing"),
    "column_duplicate": ("คอลัมน์ {column} ซ้ำกัน", "Column {column} appears twice"),
    "too_many_values": (
        "มีค่ามากกว่าจำนวนคอลัมน์ ({count} ค่า)",
        "More values than columns ({count} values)",
    ),
    "required": ("ต้องระบุค่า", "A value is required"),
    "invalid_date": (
        "วันที่ไม่ถูกต้อง: {value} (เช่น 2026-03-02 หรือ 02/03/2569)",
        "Invalid date: {value} (e.g. 2026-03-02 or 02/03/2569)",
    ),
    "invalid_timestamp": (
        "วันเวลาไม่ถูกต้อง: {value} (เช่น 2026-03-02 08:25 หรือ 2026-03-02T08:25:00+07:00)",
        "Invalid date and time: {value} (e.g. 2026-03-02 08:25 or 2026-03-02T08:25:00+07:00)",
    ),
    "invalid_choice": (
        "ค่า {value} ไม่อยู่ในตัวเลือก: {choices}",
        "Value {value} is not one of: {choices}",
    ),
    "invalid_window": (
        "ช่วงเวลาไม่ถูกต้อง: {value} (เช่น 08:30-16:30 หรือ 20:00-08:00+1)",
        "Invalid time window: {value} (e.g. 08:30-16:30 or 20:00-08:00+1)",
    ),
    "invalid_bool": (
        "ค่า {value} ต้องเป็น yes/no, ใช่/ไม่ใช่, true/false หรือ 1/0",
        "Value {value} must be yes/no, ใช่/ไม่ใช่, true/false or 1/0",
    ),
    "invalid_weekdays": (
        "วันในสัปดาห์ไม่ถูกต้อง: {value} (เช่น mon wed หรือ mon-fri)",
        "Invalid weekdays: {value} (e.g. mon wed or mon-fri)",
    ),
    "unknown_staff": (
        "ไม่พบรหัสพนักงาน {value} ในไฟล์ people",
        "Staff ID {value} is not in the people file",
    ),
    "duplicate_row": ("ซ้ำกับแถวที่ {other}", "Duplicates row {other}"),
    "date_or_weekdays": (
        "ต้องระบุ date หรือ weekdays อย่างใดอย่างหนึ่ง",
        "Give either date or weekdays, not both or neither",
    ),
    "only_with_weekdays": (
        "ใช้ valid_from/valid_to ได้เฉพาะกับ weekdays",
        "valid_from/valid_to apply to weekdays only",
    ),
    "end_before_start": (
        "วันสิ้นสุดต้องไม่อยู่ก่อนวันเริ่ม",
        "The end date must not be before the start date",
    ),
    "slot_not_for_mode": (
        "ไม่ใช้ช่วงเวลา (slot) กับการทำงานแบบนับชั่วโมง",
        "A slot does not apply to counted-hours work",
    ),
    "place_only_off_site": (
        "ระบุสถานที่ (place) ได้เฉพาะการปฏิบัติงานนอกที่ตั้ง",
        "A place applies to off-site work only",
    ),
    "half_day_range": (
        "การลาครึ่งวันต้องเป็นวันเดียว",
        "Half-day leave covers a single date",
    ),
    "travel_is_full_day": (
        "การไปราชการนับเต็มวัน (part ต้องเป็น full_day)",
        "Official travel is a full day (part must be full_day)",
    ),
    "range_too_long": (
        "ช่วงวันยาวเกิน {maximum} วัน",
        "The date range is longer than {maximum} days",
    ),
    "yaml_invalid": ("ไฟล์ YAML ไม่ถูกต้อง: {detail}", "Invalid YAML: {detail}"),
    "policy_not_mapping": (
        "ไฟล์นโยบายต้องเป็นรายการ ชื่อ: ค่า (mapping)",
        "The policy file must be a mapping of names to values",
    ),
}


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One problem in one input: file name, spreadsheet row (None for a whole-file problem),
    column or policy field, a stable code, and the reason in Thai and English."""

    file: str
    row: int | None
    column: str
    code: str
    th: str
    en: str

    def where(self, lang: str = "th") -> str:
        parts = [self.file]
        if self.row is not None:
            parts.append(f"แถวที่ {self.row}" if lang == "th" else f"row {self.row}")
        if self.column:
            parts.append(f"คอลัมน์ {self.column}" if lang == "th" else f"column {self.column}")
        return " ".join(parts) if lang == "th" else ", ".join(parts)

    def text(self, lang: str = "th") -> str:
        """``people.csv แถวที่ 4 คอลัมน์ mode: …`` or ``people.csv, row 4, column mode: …``."""
        return f"{self.where(lang)}: {self.th if lang == 'th' else self.en}"

    def __str__(self) -> str:
        return f"{self.text('th')}\n  {self.text('en')}"


@dataclass
class Problems:
    """Collects problems across all input files."""

    items: list[InputProblem] = field(default_factory=list)

    def add(
        self, file: str, row: int | None, column: str, code: str, /, **params: ParamValue
    ) -> None:
        th, en = CATALOGUE[code]
        self.items.append(
            InputProblem(file, row, column, code, th.format(**params), en.format(**params))
        )

    def add_text(
        self, file: str, row: int | None, column: str, code: str, *, th: str, en: str
    ) -> None:
        """A problem whose text was already written (e.g. a policy validation message)."""
        self.items.append(InputProblem(file, row, column, code, th, en))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


class SimulationInputError(ValueError):
    """The input files have problems; ``problems`` lists every one found."""

    def __init__(self, problems: list[InputProblem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the input files")

    def report(self, *, limit: int | None = None) -> str:
        """All problems (or the first ``limit``), one per paragraph, Thai then English."""
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [str(item) for item in shown]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            lines.append(f"… และอีก {hidden} รายการ / … and {hidden} more")
        return "\n".join(lines)
