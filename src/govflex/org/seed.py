"""A deterministic fictional agency for demos, tests and benchmarks (``govflex seed``).

Fixed random seed, explicit primary keys and bulk inserts: 100,000 staff load in well under
two minutes on SQLite or PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from govflex.common.audit import audit_record
from govflex.org import seed_data as data
from govflex.org.models import (
    Agency,
    Person,
    Position,
    StaffCategory,
    Unit,
    WorkSite,
)
from govflex.org.seed_logins import demo_users

DEMO_AGENCY_CODE = "demo"
PEOPLE_PER_LEAF = 30
BATCH = 5000

DIVISION_POSITIONS = {
    "SEC": ("P07", "P04"),
    "HRD": ("P04", "P07"),
    "FIN": ("P05", "P07"),
    "ICT": ("P06",),
    "PLN": ("P08", "P09", "P10"),
    "AUD": ("P16",),
    "SVC": ("P11", "P12", "P13"),
    "R1": ("P14", "P15", "P11"),
    "R2": ("P14", "P15", "P11"),
    "R3": ("P14", "P15", "P11"),
}
CATEGORY_WEIGHTS = (
    (StaffCategory.CIVIL_SERVANT, 60),
    (StaffCategory.GOVERNMENT_EMPLOYEE, 25),
    (StaffCategory.PERMANENT_EMPLOYEE, 5),
    (StaffCategory.TEMPORARY_EMPLOYEE, 10),
)


@dataclass
class SeedResult:
    agency: Agency
    units: int
    people: int
    created: bool
    logins: dict[str, int] = field(default_factory=dict)


class _Ids:
    """Hands out explicit primary keys after the current maximum of a table."""

    def __init__(self, model: Any) -> None:
        self.next = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value


def seed_agency(*, staff: int = 300, seed: int = 2569, code: str = DEMO_AGENCY_CODE) -> SeedResult:
    existing = Agency.objects.filter(code=code).first()
    if existing is not None:
        return SeedResult(existing, existing.units.count(), existing.people.count(), created=False)
    rng = random.Random(seed)  # noqa: S311 - demo data, not security  # nosec B311
    with transaction.atomic():
        agency = Agency.objects.create(
            code=code,
            name_th="กรมส่งเสริมการทำงานวิถีใหม่ (สมมติ)",
            name_en="Department of New-Normal Work Promotion (fictional)",
            short_name="สทว.",
        )
        sites = _sites(agency)
        positions = {
            p[0]: Position.objects.create(
                agency=agency,
                code=p[0],
                title_th=p[1],
                title_en=p[2],
                line=p[3],
                level=p[4],
                mission_type=p[5],
                position_type=p[6],
            )
            for p in data.POSITIONS
        }
        units, leaves, heads_of = _units(agency, staff, sites)
        people = _people(agency, staff, rng, units, leaves, heads_of, positions)
        _reset_sequences()
        logins = demo_users(agency, units, people)
        audit_record(
            actor=None,
            action="seed.create",
            target=agency,
            agency_id=agency.pk,
            after={"staff": staff, "seed": seed, "units": len(units)},
        )
    return SeedResult(agency, len(units), len(people), created=True, logins=logins)


def _sites(agency: Agency) -> dict[str, WorkSite]:
    rows = (
        (
            "HQ",
            "สำนักงานใหญ่ (กรุงเทพมหานคร)",
            "ถนนพระราม ๖ แขวงทุ่งพญาไท เขตราชเทวี กรุงเทพมหานคร",
            "13.764900",
            "100.538300",
            300,
        ),
        (
            "R1",
            "สำนักงานเขต ๑ เชียงใหม่",
            "อำเภอเมืองเชียงใหม่ จังหวัดเชียงใหม่",
            "18.788300",
            "98.985300",
            200,
        ),
        (
            "R2",
            "สำนักงานเขต ๒ ขอนแก่น",
            "อำเภอเมืองขอนแก่น จังหวัดขอนแก่น",
            "16.432200",
            "102.823600",
            200,
        ),
        ("R3", "สำนักงานเขต ๓ สงขลา", "อำเภอเมืองสงขลา จังหวัดสงขลา", "7.189800", "100.595400", 200),
    )
    return {
        r[0]: WorkSite.objects.create(
            agency=agency,
            code=r[0],
            name=r[1],
            address=r[2],
            latitude=Decimal(r[3]),
            longitude=Decimal(r[4]),
            radius_m=r[5],
        )
        for r in rows
    }


def _units(
    agency: Agency, staff: int, sites: dict[str, WorkSite]
) -> tuple[list[Unit], list[Unit], dict[int, str]]:
    """Divisions → groups → (sections when large). Returns all units, the leaves, and the
    division code of every unit (used to pick plausible positions)."""
    ids = _Ids(Unit)
    units: list[Unit] = []
    leaves: list[Unit] = []
    division_of: dict[int, str] = {}
    total_leaves = max(len(data.DIVISIONS), math.ceil(staff / PEOPLE_PER_LEAF))

    def make(
        code: str,
        name_th: str,
        name_en: str,
        parent: Unit | None,
        *,
        service: bool,
        site: WorkSite,
        division: str,
    ) -> Unit:
        pk = ids.take()
        path = (parent.path if parent else "/") + f"{pk}/"
        unit = Unit(
            pk=pk,
            agency=agency,
            parent=parent,
            code=code,
            name_th=name_th,
            name_en=name_en,
            is_service_point=service,
            work_site=site,
            path=path,
            depth=path.count("/") - 2,
        )
        units.append(unit)
        division_of[pk] = division
        return unit

    per_division = _spread(total_leaves, len(data.DIVISIONS))
    for (code, name_th, name_en, service, regional), n_leaves in zip(
        data.DIVISIONS, per_division, strict=True
    ):
        site = sites[code] if regional else sites["HQ"]
        division = make(code, name_th, name_en, None, service=service, site=site, division=code)
        if code == "SVC":
            # The citizen-service centre's counters are the service points that need cover.
            for i, n in enumerate(_spread(n_leaves, 2), start=1):
                counter = make(
                    f"SVC-C{i}",
                    f"เคาน์เตอร์บริการ {i}",
                    f"Service counter {i}",
                    division,
                    service=True,
                    site=site,
                    division=code,
                )
                leaves.extend([counter] if n <= 1 else _sections(make, counter, n, site, code))
            continue
        n_groups = min(len(data.GROUP_NAMES), n_leaves)
        for g, n in enumerate(_spread(n_leaves, n_groups), start=1):
            g_th, g_en = data.GROUP_NAMES[(g - 1) % len(data.GROUP_NAMES)]
            group = make(
                f"{code}-G{g}", g_th, g_en, division, service=False, site=site, division=code
            )
            leaves.extend([group] if n <= 1 else _sections(make, group, n, site, code))
    Unit.objects.bulk_create(units, batch_size=BATCH)
    return units, leaves, division_of


def _sections(make: Any, parent: Unit, n: int, site: WorkSite, division: str) -> list[Unit]:
    return [
        make(
            f"{parent.code}-S{s}",
            f"ฝ่าย {s} ({parent.name_th})",
            f"Section {s}",
            parent,
            service=parent.is_service_point,
            site=site,
            division=division,
        )
        for s in range(1, n + 1)
    ]


def _spread(total: int, parts: int) -> list[int]:
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


def _names(rng: random.Random) -> tuple[str, str, str, str, str]:
    female = rng.random() < 0.55
    i = rng.randrange(20)
    j = rng.randrange(len(data.LAST_NAMES))
    if female:
        title = rng.choice(("นาง", "นางสาว"))
        return title, data.FIRST_NAMES_F[i], data.LAST_NAMES[j], data.ROMAN_F[i], data.ROMAN_LAST[j]
    return "นาย", data.FIRST_NAMES_M[i], data.LAST_NAMES[j], data.ROMAN_M[i], data.ROMAN_LAST[j]


def _people(
    agency: Agency,
    staff: int,
    rng: random.Random,
    units: list[Unit],
    leaves: list[Unit],
    division_of: dict[int, str],
    positions: dict[str, Position],
) -> list[Person]:
    """Every unit gets a head (supervised by the parent unit's head); the rest fill the leaves."""
    ids = _Ids(Person)
    people: list[Person] = []
    head_of: dict[int, Person] = {}
    categories = [c for c, _w in CATEGORY_WEIGHTS]
    weights = [w for _c, w in CATEGORY_WEIGHTS]

    def person(unit: Unit, position_code: str, supervisor: Person | None, category: str) -> Person:
        title, first, last, first_en, last_en = _names(rng)
        pk = ids.take()
        number = len(people) + 1
        p = Person(
            pk=pk,
            agency=agency,
            staff_id=f"{100000 + number}",
            title_th=title,
            first_name_th=first,
            last_name_th=last,
            first_name_en=first_en,
            last_name_en=last_en,
            staff_category=category,
            unit=unit,
            position=positions[position_code],
            supervisor=supervisor,
            email=f"staff{number}@demo.example.go.th",
            phone=f"02{rng.randrange(1000000, 9999999)}",
            start_date=dt.date(2540 - 543 + rng.randrange(0, 28), rng.randrange(1, 13), 1),
        )
        people.append(p)
        return p

    director_general: Person | None = None
    for unit in units:  # parents come before children in this list
        parent_head = head_of.get(unit.parent_id) if unit.parent_id else director_general
        if unit.parent_id is None and director_general is None:
            director_general = person(unit, "P01", None, StaffCategory.CIVIL_SERVANT)
            parent_head = director_general
        code = "P02" if unit.parent_id is None else "P03"
        head_of[unit.pk] = person(unit, code, parent_head, StaffCategory.CIVIL_SERVANT)
        if len(people) >= staff:
            break
    remaining = max(0, staff - len(people))
    for leaf, n in zip(leaves, _spread(remaining, len(leaves)), strict=True):
        boss = head_of.get(leaf.pk)
        choices = DIVISION_POSITIONS[division_of[leaf.pk]]
        for _ in range(n):
            category = rng.choices(categories, weights)[0]
            person(leaf, rng.choice(choices), boss, category)
    for chunk in _chunks(people, BATCH):
        Person.objects.bulk_create(chunk)
    return people


def _chunks(items: list[Person], size: int) -> Iterator[list[Person]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _reset_sequences() -> None:
    """Explicit keys leave PostgreSQL's sequences behind; move them past the new rows."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Unit, Person])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
