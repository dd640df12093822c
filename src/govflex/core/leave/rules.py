"""Leave types and the table of limits per staff category (DOMAIN.md §6).

Each number is a default an agency can change; the citation sits next to the number. "verify"
marks a clause number or value we could not check against the Royal Gazette text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

LEAVE_REGULATION: Final = (
    "Leave regulation 2555 (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยการลาของข้าราชการ พ.ศ. ๒๕๕๕)"
)
SALARY_DECREE: Final = (
    "Salary-during-leave decree (พระราชกฤษฎีกาการจ่ายเงินเดือน เงินปี บำเหน็จบำนาญ"
    " และเงินอื่นในลักษณะเดียวกัน พ.ศ. ๒๕๓๕)"
)


class LeaveType(StrEnum):
    """Leave types of Leave regulation 2555, ข้อ 16 (the ones GovFlex tracks; the rest: OTHER)."""

    SICK = "sick"  # ลาป่วย
    MATERNITY = "maternity"  # ลาคลอดบุตร
    PATERNITY = "paternity"  # ลาไปช่วยเหลือภริยาที่คลอดบุตร
    PERSONAL = "personal"  # ลากิจส่วนตัว
    VACATION = "vacation"  # ลาพักผ่อน
    ORDINATION_HAJJ = "ordination_hajj"  # ลาอุปสมบทหรือลาไปประกอบพิธีฮัจย์
    STUDY_TRAINING = "study_training"  # ลาไปศึกษา ฝึกอบรม ปฏิบัติการวิจัย หรือดูงาน
    OTHER = "other"  # an agency's own type, or one of ข้อ 16 not listed above


LEAVE_TYPE_NAMES: Final[Mapping[LeaveType, tuple[str, str]]] = {
    LeaveType.SICK: ("ลาป่วย", "Sick leave"),
    LeaveType.MATERNITY: ("ลาคลอดบุตร", "Maternity leave"),
    LeaveType.PATERNITY: ("ลาไปช่วยเหลือภริยาที่คลอดบุตร", "Leave to help a wife after birth"),
    LeaveType.PERSONAL: ("ลากิจส่วนตัว", "Personal leave"),
    LeaveType.VACATION: ("ลาพักผ่อน", "Vacation leave"),
    LeaveType.ORDINATION_HAJJ: ("ลาอุปสมบทหรือลาไปประกอบพิธีฮัจย์", "Ordination or Hajj leave"),
    LeaveType.STUDY_TRAINING: ("ลาไปศึกษา ฝึกอบรม หรือดูงาน", "Study or training leave"),
    LeaveType.OTHER: ("ลาอื่น ๆ", "Other leave"),
}


class DayCounting(StrEnum):
    WORKING_DAYS = "working_days"  # holidays and weekends inside the leave are not counted
    CALENDAR_DAYS = "calendar_days"  # every day from start to end counts


class LimitScope(StrEnum):
    FISCAL_YEAR = "fiscal_year"  # a quota per fiscal year (1 Oct – 30 Sep)
    OCCASION = "occasion"  # a limit on one leave (one birth, one ordination)


@dataclass(frozen=True, slots=True)
class LeaveTypeRule:
    """How one leave type is counted and limited.

    ``limit`` None: the core sets no limit (the approver decides). ``over_limit_refused`` False:
    going over is allowed with a warning (the limit is of *paid* days; the rest is unpaid).
    ``certificate_from``: a medical certificate is needed from this many days in a row.
    ``window_after_birth``: the leave must end within this many days after the child's birth.
    ``min_service_months``: months of service needed before this leave may start.
    """

    counting: DayCounting
    limit: Decimal | None = None
    scope: LimitScope = LimitScope.FISCAL_YEAR
    half_days: bool = False
    first_year_limit: Decimal | None = None
    over_limit_refused: bool = True
    certificate_from: Decimal | None = None
    window_after_birth: int | None = None
    min_service_months: int = 0
    source: str = ""


@dataclass(frozen=True, slots=True)
class VacationRules:
    """Vacation carry-over and the rule for new entrants (Leave regulation 2555, ข้อ 23–24).

    ``carry_cap`` limits carried days *plus* this year's days (20); after ``long_service_years``
    of continuous service the cap is ``long_service_carry_cap`` (30). In the fiscal year of a
    first appointment there is no vacation leave before ``new_entrant_months`` of service (6).
    """

    carry_cap: Decimal = Decimal(20)
    long_service_carry_cap: Decimal = Decimal(30)
    long_service_years: int = 10
    new_entrant_months: int = 6
    source: str = f"{LEAVE_REGULATION}, ข้อ 23–24 (verify clause numbers)"


@dataclass(frozen=True)
class LeaveRules:
    """The leave table of one staff category; a type missing from ``types`` is not available."""

    types: Mapping[LeaveType, LeaveTypeRule]
    vacation: VacationRules = field(default_factory=VacationRules)
    category: str = ""

    def __post_init__(self) -> None:
        # A private copy: a caller mutating its dict later must not change a frozen value.
        object.__setattr__(self, "types", dict(self.types))

    def __hash__(self) -> int:
        return hash((frozenset(self.types.items()), self.vacation, self.category))

    def rule(self, leave_type: LeaveType) -> LeaveTypeRule | None:
        return self.types.get(leave_type)


def default_civil_servant_rules() -> LeaveRules:
    """Civil servants (ข้าราชการ), DOMAIN.md §6 defaults, configurable."""
    working, calendar = DayCounting.WORKING_DAYS, DayCounting.CALENDAR_DAYS
    return LeaveRules(
        category="civil_servant",
        types={
            LeaveType.SICK: LeaveTypeRule(
                working,
                limit=Decimal(60),
                half_days=True,
                over_limit_refused=False,  # paid up to 60; more needs the head's approval
                certificate_from=Decimal(30),
                source=f"{LEAVE_REGULATION}, ข้อ 18 (certificate from 30 days; verify clause);"
                f" {SALARY_DECREE} (60 paid working days; verify section)",
            ),
            LeaveType.MATERNITY: LeaveTypeRule(
                calendar,
                limit=Decimal(90),
                scope=LimitScope.OCCASION,
                source=f"{LEAVE_REGULATION}, ข้อ 18–19 (90 days per birth; verify clause)",
            ),
            LeaveType.PATERNITY: LeaveTypeRule(
                working,
                limit=Decimal(15),
                scope=LimitScope.OCCASION,
                window_after_birth=90,
                source=f"{LEAVE_REGULATION}, ข้อ 20 (15 working days within 90 days of the"
                " birth; sources differ, 30 or 90 — verify, configurable)",
            ),
            LeaveType.PERSONAL: LeaveTypeRule(
                working,
                limit=Decimal(45),
                half_days=True,
                first_year_limit=Decimal(15),
                over_limit_refused=False,  # paid up to the limit; more is unpaid
                source=f"{SALARY_DECREE} (45 paid working days, 15 in the first year of"
                " service; verify section); DOMAIN.md §6",
            ),
            LeaveType.VACATION: LeaveTypeRule(
                working,
                limit=Decimal(10),
                half_days=True,
                source=f"{LEAVE_REGULATION}, ข้อ 23 (10 working days a year; verify clause)",
            ),
            LeaveType.ORDINATION_HAJJ: LeaveTypeRule(
                calendar,
                limit=Decimal(120),
                scope=LimitScope.OCCASION,
                min_service_months=12,
                source=f"{SALARY_DECREE} (120 paid days, after 12 months of service; verify);"
                " DOMAIN.md §6",
            ),
            LeaveType.STUDY_TRAINING: LeaveTypeRule(
                calendar, source="DOMAIN.md §6 default, configurable (approved case by case)"
            ),
            LeaveType.OTHER: LeaveTypeRule(
                working, source="DOMAIN.md §6 default, configurable (agency-defined)"
            ),
        },
    )


def default_government_employee_rules() -> LeaveRules:
    """Government employees (พนักงานราชการ): configurable defaults.

    DOMAIN.md §6 gives personal leave 10 days; the other values are our reading of the
    Government Employee Administration Committee's leave announcement — verify before use.
    """
    civil = default_civil_servant_rules()
    working = DayCounting.WORKING_DAYS
    source = "DOMAIN.md §6 default, configurable (government employees; verify)"
    return LeaveRules(
        category="government_employee",
        vacation=VacationRules(
            carry_cap=Decimal(15),
            long_service_carry_cap=Decimal(15),
            source=source,
        ),
        types={
            **civil.types,
            LeaveType.SICK: LeaveTypeRule(
                working,
                limit=Decimal(30),
                half_days=True,
                over_limit_refused=False,
                certificate_from=Decimal(30),
                source=source,
            ),
            LeaveType.PERSONAL: LeaveTypeRule(
                working, limit=Decimal(10), half_days=True, source=source
            ),
            LeaveType.VACATION: LeaveTypeRule(
                working, limit=Decimal(10), half_days=True, source=source
            ),
        },
    )
