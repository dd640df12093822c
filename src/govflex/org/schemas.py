"""API schemas for the organisation (pydantic via django-ninja)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from ninja import Field, Schema

from govflex.org.models import MissionType, PositionType, StaffCategory


class AgencyOut(Schema):
    id: int
    code: str
    name_th: str
    name_en: str
    short_name: str


class WorkSiteOut(Schema):
    id: int
    agency_id: int
    code: str
    name: str
    address: str
    latitude: Decimal
    longitude: Decimal
    radius_m: int


class WorkSiteIn(Schema):
    agency_id: int | None = None
    code: str = Field(..., min_length=1, max_length=40)
    name: str = Field(..., min_length=1, max_length=200)
    address: str = ""
    latitude: Decimal = Field(..., ge=-90, le=90)
    longitude: Decimal = Field(..., ge=-180, le=180)
    radius_m: int = Field(200, ge=10, le=50_000)


class UnitOut(Schema):
    id: int
    agency_id: int
    code: str
    name_th: str
    name_en: str
    parent_id: int | None
    depth: int
    is_service_point: bool
    work_site_id: int | None
    active: bool


class UnitIn(Schema):
    agency_id: int | None = None
    code: str = Field(..., min_length=1, max_length=40)
    name_th: str = Field(..., min_length=1, max_length=200)
    name_en: str = ""
    parent_code: str | None = None
    is_service_point: bool = False
    work_site_code: str | None = None
    active: bool = True


class PositionOut(Schema):
    id: int
    agency_id: int
    code: str
    title_th: str
    title_en: str
    line: str
    level: str
    mission_type: MissionType
    position_type: PositionType


class PositionIn(Schema):
    agency_id: int | None = None
    code: str = Field(..., min_length=1, max_length=40)
    title_th: str = Field(..., min_length=1, max_length=200)
    title_en: str = ""
    line: str = ""
    level: str = ""
    mission_type: MissionType
    position_type: PositionType


class PersonOut(Schema):
    id: int
    agency_id: int
    staff_id: str
    title_th: str
    first_name_th: str
    last_name_th: str
    first_name_en: str
    last_name_en: str
    staff_category: StaffCategory
    unit_id: int
    unit_code: str = Field(..., alias="unit.code")
    position_id: int
    position_code: str = Field(..., alias="position.code")
    supervisor_id: int | None
    email: str
    phone: str
    start_date: dt.date | None
    end_date: dt.date | None


class PersonIn(Schema):
    agency_id: int | None = None
    staff_id: str = Field(..., min_length=1, max_length=40)
    title_th: str = ""
    first_name_th: str = Field(..., min_length=1, max_length=100)
    last_name_th: str = Field(..., min_length=1, max_length=100)
    first_name_en: str = ""
    last_name_en: str = ""
    staff_category: StaffCategory
    unit_code: str = Field(..., min_length=1)
    position_code: str = Field(..., min_length=1)
    supervisor_staff_id: str | None = None
    email: str = ""
    phone: str = ""
    start_date: dt.date | None = None
    end_date: dt.date | None = None
