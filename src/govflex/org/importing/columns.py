"""The documented columns of each import kind (see docs/import.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from govflex.org.models import MissionType, PositionType, StaffCategory


class Kind(StrEnum):
    UNITS = "units"
    POSITIONS = "positions"
    PEOPLE = "people"


class CellType(StrEnum):
    TEXT = "text"
    BOOL = "bool"
    DATE = "date"
    CHOICE = "choice"
    EMAIL = "email"


@dataclass(frozen=True)
class Column:
    key: str
    label: str | Promise
    required: bool = False
    cell: CellType = CellType.TEXT
    max_length: int = 200
    choices: type[models.TextChoices] | None = None
    aliases: tuple[str, ...] = ()
    example: str = ""


KIND_LABELS: dict[Kind, str | Promise] = {
    Kind.UNITS: _("Units"),
    Kind.POSITIONS: _("Positions"),
    Kind.PEOPLE: _("People"),
}

COLUMNS: dict[Kind, tuple[Column, ...]] = {
    Kind.UNITS: (
        Column(
            "code",
            _("Unit code"),
            required=True,
            max_length=40,
            aliases=("รหัสหน่วยงาน",),
            example="U01",
        ),
        Column(
            "name_th",
            _("Name (Thai)"),
            required=True,
            aliases=("ชื่อหน่วยงาน",),
            example="กองบริหารทรัพยากรบุคคล",
        ),
        Column(
            "name_en",
            _("Name (English)"),
            aliases=("ชื่อภาษาอังกฤษ",),
            example="Human Resources Division",
        ),
        Column(
            "parent_code",
            _("Parent unit code (empty for the top)"),
            max_length=40,
            aliases=("รหัสหน่วยงานต้นสังกัด",),
            example="",
        ),
        Column(
            "is_service_point",
            _("Citizen-service counter (yes/no)"),
            cell=CellType.BOOL,
            aliases=("จุดบริการประชาชน",),
            example="no",
        ),
        Column(
            "work_site_code",
            _("Work site code"),
            max_length=40,
            aliases=("รหัสสถานที่ปฏิบัติงาน",),
            example="HQ",
        ),
    ),
    Kind.POSITIONS: (
        Column(
            "code",
            _("Position code"),
            required=True,
            max_length=40,
            aliases=("รหัสตำแหน่ง",),
            example="P001",
        ),
        Column(
            "title_th",
            _("Title (Thai)"),
            required=True,
            aliases=("ชื่อตำแหน่ง",),
            example="นักทรัพยากรบุคคล",
        ),
        Column(
            "title_en",
            _("Title (English)"),
            aliases=("ชื่อตำแหน่งภาษาอังกฤษ",),
            example="Human Resource Officer",
        ),
        Column("line", _("Line of work"), aliases=("สายงาน",), example="ทรัพยากรบุคคล"),
        Column("level", _("Level"), max_length=100, aliases=("ระดับ",), example="ปฏิบัติการ"),
        Column(
            "mission_type",
            _("Mission type"),
            required=True,
            cell=CellType.CHOICE,
            choices=MissionType,
            aliases=("ประเภทภารกิจ",),
            example="policy_support",
        ),
        Column(
            "position_type",
            _("Position type"),
            required=True,
            cell=CellType.CHOICE,
            choices=PositionType,
            aliases=("ประเภทตำแหน่ง",),
            example="support",
        ),
    ),
    Kind.PEOPLE: (
        Column(
            "staff_id",
            _("Staff ID"),
            required=True,
            max_length=40,
            aliases=("รหัสพนักงาน", "เลขประจำตัว"),
            example="100001",
        ),
        Column("title_th", _("Title (Thai)"), max_length=40, aliases=("คำนำหน้า",), example="นาง"),
        Column(
            "first_name_th",
            _("First name (Thai)"),
            required=True,
            max_length=100,
            aliases=("ชื่อ",),
            example="สมศรี",
        ),
        Column(
            "last_name_th",
            _("Last name (Thai)"),
            required=True,
            max_length=100,
            aliases=("นามสกุล",),
            example="ใจดี",
        ),
        Column(
            "first_name_en",
            _("First name (English)"),
            max_length=100,
            aliases=("first name",),
            example="Somsri",
        ),
        Column(
            "last_name_en",
            _("Last name (English)"),
            max_length=100,
            aliases=("last name",),
            example="Jaidee",
        ),
        Column(
            "staff_category",
            _("Staff category"),
            required=True,
            cell=CellType.CHOICE,
            choices=StaffCategory,
            aliases=("ประเภทบุคลากร",),
            example="civil_servant",
        ),
        Column(
            "unit_code",
            _("Unit code"),
            required=True,
            max_length=40,
            aliases=("รหัสหน่วยงาน",),
            example="U01",
        ),
        Column(
            "position_code",
            _("Position code"),
            required=True,
            max_length=40,
            aliases=("รหัสตำแหน่ง",),
            example="P001",
        ),
        Column(
            "supervisor_staff_id",
            _("Supervisor's staff ID"),
            max_length=40,
            aliases=("รหัสผู้บังคับบัญชา",),
            example="",
        ),
        Column(
            "email",
            _("E-mail"),
            cell=CellType.EMAIL,
            max_length=254,
            aliases=("อีเมล",),
            example="somsri@example.go.th",
        ),
        Column("phone", _("Phone"), max_length=40, aliases=("โทรศัพท์",), example="021234567"),
        Column(
            "start_date",
            _("Start date"),
            cell=CellType.DATE,
            aliases=("วันที่เริ่มงาน",),
            example="01/10/2565",
        ),
        Column("end_date", _("End date"), cell=CellType.DATE, aliases=("วันที่สิ้นสุด",), example=""),
    ),
}

KEY_COLUMN: dict[Kind, str] = {Kind.UNITS: "code", Kind.POSITIONS: "code", Kind.PEOPLE: "staff_id"}
