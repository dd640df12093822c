"""Service forms: the small definition staff write for each service, and the citizen's answers
checked against it.

A definition is a list of fields, each a mapping::

    {"name": "house_no", "label_th": "บ้านเลขที่", "label_en": "House number",
     "type": "text", "required": true}

Types: text, textarea, date, number, email, phone, choice (a choice field lists its
``choices``: strings, or ``{"value", "label_th", "label_en"}``). Optional ``help_th`` and
``help_en`` explain a field. Answers are kept as text (dates as ISO), so a request keeps what
the citizen wrote even after the form changes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Final

from govflex.core.messages import Message
from govflex.core.tabular import DateFormatError, parse_date

MAX_FIELDS: Final = 30
MAX_CHOICES: Final = 50
NAME = re.compile(r"^[a-z][a-z0-9_]{0,39}$")
EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$")
PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,19}$")
MAX_LENGTH: Final = {"text": 300, "textarea": 5000, "email": 254, "phone": 20, "number": 30}


class FieldType(StrEnum):
    TEXT = "text"
    TEXTAREA = "textarea"
    DATE = "date"
    NUMBER = "number"
    EMAIL = "email"
    PHONE = "phone"
    CHOICE = "choice"


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label_th: str
    label_en: str


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label_th: str
    label_en: str
    type: FieldType
    required: bool = False
    choices: tuple[Choice, ...] = ()
    help_th: str = ""
    help_en: str = ""

    def label(self, lang: str) -> str:
        return self.label_th if lang == "th" else (self.label_en or self.label_th)

    def help(self, lang: str) -> str:
        return self.help_th if lang == "th" else (self.help_en or self.help_th)


def _msg(code: str, path: str, th: str, en: str, **params: str | int) -> Message:
    return Message(
        code=code,
        th=th.format(**params),
        en=en.format(**params),
        params=tuple(sorted(params.items())),
        path=path,
    )


def _text(raw: Mapping[str, object], key: str) -> str:
    value = raw.get(key, "")
    return value.strip() if isinstance(value, str) else ""


def _choices(raw: object, path: str, problems: list[Message]) -> tuple[Choice, ...]:
    if not isinstance(raw, list) or not raw or len(raw) > MAX_CHOICES:
        problems.append(
            _msg(
                "form_choices_missing",
                path,
                "รายการตัวเลือกต้องมี 1–{most} ตัวเลือก",
                "A choice field lists 1–{most} choices.",
                most=MAX_CHOICES,
            )
        )
        return ()
    found: list[Choice] = []
    for item in raw:
        if isinstance(item, str) and item.strip():
            found.append(Choice(item.strip(), item.strip(), item.strip()))
        elif isinstance(item, Mapping) and _text(item, "value") and _text(item, "label_th"):
            found.append(
                Choice(
                    _text(item, "value"),
                    _text(item, "label_th"),
                    _text(item, "label_en") or _text(item, "label_th"),
                )
            )
        else:
            problems.append(
                _msg(
                    "form_choice_invalid",
                    path,
                    "ตัวเลือกแต่ละรายการเป็นข้อความ หรือมี value และ label_th",
                    "Each choice is a text, or has a value and a label_th.",
                )
            )
            return ()
    if len({c.value for c in found}) != len(found):
        problems.append(
            _msg("form_choice_repeated", path, "มีตัวเลือกซ้ำกัน", "A choice is listed twice.")
        )
    return tuple(found)


def parse_definition(raw: object) -> tuple[tuple[FormField, ...], list[Message]]:
    """The fields of a definition, and each problem under its place (``fields.2.type``)."""
    problems: list[Message] = []
    if not isinstance(raw, list):
        return (), [
            _msg(
                "form_not_list",
                "fields",
                "แบบฟอร์มต้องเป็นรายการ (JSON list) ของช่องข้อมูล",
                "The form is a JSON list of fields.",
            )
        ]
    if len(raw) > MAX_FIELDS:
        problems.append(
            _msg(
                "form_too_many",
                "fields",
                "แบบฟอร์มมีได้ไม่เกิน {most} ช่อง",
                "A form has at most {most} fields.",
                most=MAX_FIELDS,
            )
        )
    fields: list[FormField] = []
    seen: set[str] = set()
    for number, item in enumerate(raw[:MAX_FIELDS], start=1):
        path = f"fields.{number}"
        if not isinstance(item, Mapping):
            problems.append(
                _msg(
                    "form_field_not_object",
                    path,
                    "ช่องที่ {n} ต้องเป็น JSON object",
                    "Field {n} is not a JSON object.",
                    n=number,
                )
            )
            continue
        name = _text(item, "name")
        if not NAME.match(name):
            problems.append(
                _msg(
                    "form_field_name",
                    f"{path}.name",
                    "ช่องที่ {n}: ชื่อช่อง (name) ใช้อักษรภาษาอังกฤษตัวเล็ก ตัวเลข และ _ ขึ้นต้นด้วยตัวอักษร"
                    " ไม่เกิน 40 ตัว",
                    "Field {n}: the name uses a–z, digits and _, starts with a letter, at most 40"
                    " characters.",
                    n=number,
                )
            )
        elif name in seen:
            problems.append(
                _msg(
                    "form_field_repeated",
                    f"{path}.name",
                    "ช่องที่ {n}: ชื่อ {name} ซ้ำกับช่องก่อนหน้า",
                    "Field {n}: the name {name} is used twice.",
                    n=number,
                    name=name,
                )
            )
        seen.add(name)
        label_th = _text(item, "label_th")
        if not label_th or len(label_th) > 200:
            problems.append(
                _msg(
                    "form_field_label",
                    f"{path}.label_th",
                    "ช่องที่ {n}: กรุณาระบุชื่อช่องภาษาไทย (label_th) ไม่เกิน 200 ตัวอักษร",
                    "Field {n}: give a Thai label (label_th) of at most 200 characters.",
                    n=number,
                )
            )
        kind = _text(item, "type") or FieldType.TEXT.value
        if kind not in {t.value for t in FieldType}:
            problems.append(
                _msg(
                    "form_field_type",
                    f"{path}.type",
                    "ช่องที่ {n}: ประเภทต้องเป็น {types}",
                    "Field {n}: the type is one of {types}.",
                    n=number,
                    types=", ".join(t.value for t in FieldType),
                )
            )
            continue
        required = item.get("required", False)
        if not isinstance(required, bool):
            problems.append(
                _msg(
                    "form_field_required",
                    f"{path}.required",
                    "ช่องที่ {n}: required ต้องเป็น true หรือ false",
                    "Field {n}: required is true or false.",
                    n=number,
                )
            )
            required = False
        choices: tuple[Choice, ...] = ()
        if kind == FieldType.CHOICE:
            choices = _choices(item.get("choices"), f"{path}.choices", problems)
        fields.append(
            FormField(
                name=name,
                label_th=label_th,
                label_en=_text(item, "label_en"),
                type=FieldType(kind),
                required=required,
                choices=choices,
                help_th=_text(item, "help_th"),
                help_en=_text(item, "help_en"),
            )
        )
    return tuple(fields), problems


def definition_to_data(fields: tuple[FormField, ...]) -> list[dict[str, object]]:
    """The plain JSON form of parsed fields (what is stored)."""
    data: list[dict[str, object]] = []
    for f in fields:
        item: dict[str, object] = {
            "name": f.name,
            "label_th": f.label_th,
            "label_en": f.label_en,
            "type": f.type.value,
            "required": f.required,
        }
        if f.choices:
            item["choices"] = [
                {"value": c.value, "label_th": c.label_th, "label_en": c.label_en}
                for c in f.choices
            ]
        if f.help_th or f.help_en:
            item["help_th"], item["help_en"] = f.help_th, f.help_en
        data.append(item)
    return data


def clean_value(field: FormField, raw: str) -> tuple[str, Message | None]:
    """One answer as stored text, or the reason it cannot be accepted."""
    value = raw.strip()
    label_th, label_en = field.label_th, field.label_en or field.label_th
    if not value:
        if field.required:
            return "", _msg(
                "answer_required",
                field.name,
                "กรุณากรอก{label}",
                "Fill in {label_en}.",
                label=label_th,
                label_en=label_en,
            )
        return "", None
    longest = MAX_LENGTH.get(field.type.value)
    if longest is not None and len(value) > longest:
        return "", _msg(
            "answer_too_long",
            field.name,
            "{label}: ยาวได้ไม่เกิน {most} ตัวอักษร",
            "{label_en}: at most {most} characters.",
            label=label_th,
            label_en=label_en,
            most=longest,
        )
    if field.type is FieldType.DATE:
        try:
            return parse_date(value).value.isoformat(), None
        except DateFormatError:
            return "", _msg(
                "answer_date",
                field.name,
                "{label}: กรอกวันที่เป็น วัน/เดือน/ปี พ.ศ. เช่น 05/03/2569",
                "{label_en}: enter a date as day/month/year, e.g. 05/03/2569 (Buddhist Era).",
                label=label_th,
                label_en=label_en,
            )
    if field.type is FieldType.NUMBER:
        try:
            number = Decimal(value.replace(",", ""))
        except InvalidOperation:
            number = Decimal("NaN")
        if not number.is_finite():
            return "", _msg(
                "answer_number",
                field.name,
                "{label}: กรอกเป็นตัวเลข",
                "{label_en}: enter a number.",
                label=label_th,
                label_en=label_en,
            )
        return str(number), None
    if field.type is FieldType.EMAIL and not EMAIL.match(value):
        return "", _msg(
            "answer_email",
            field.name,
            "{label}: รูปแบบอีเมลไม่ถูกต้อง เช่น name@example.com",
            "{label_en}: enter an e-mail address such as name@example.com.",
            label=label_th,
            label_en=label_en,
        )
    if field.type is FieldType.PHONE:
        digits = sum(char.isdigit() for char in value)
        if not PHONE.match(value) or not 9 <= digits <= 15:
            return "", _msg(
                "answer_phone",
                field.name,
                "{label}: กรอกหมายเลขโทรศัพท์ 9–10 หลัก เช่น 0812345678",
                "{label_en}: enter a phone number, e.g. 0812345678.",
                label=label_th,
                label_en=label_en,
            )
    if field.type is FieldType.CHOICE and value not in {c.value for c in field.choices}:
        return "", _msg(
            "answer_choice",
            field.name,
            "{label}: กรุณาเลือกจากรายการ",
            "{label_en}: choose one of the options.",
            label=label_th,
            label_en=label_en,
        )
    return value, None


def clean_answers(
    fields: tuple[FormField, ...], raw: Mapping[str, str]
) -> tuple[dict[str, str], list[Message]]:
    """All answers (only the defined fields; the rest is ignored) and every problem."""
    answers: dict[str, str] = {}
    problems: list[Message] = []
    for field in fields:
        value, problem = clean_value(field, raw.get(field.name, ""))
        if problem is not None:
            problems.append(problem)
        elif value:
            answers[field.name] = value
    return answers, problems


# The applicant's own details, asked on every service's form.
APPLICANT_FIELDS: Final = (
    FormField("applicant_name", "ชื่อ-นามสกุล", "Full name", FieldType.TEXT, required=True),
    FormField(
        "applicant_email",
        "อีเมล",
        "E-mail",
        FieldType.EMAIL,
        help_th="เพื่อรับแจ้งความคืบหน้าของคำขอทางอีเมล",
        help_en="To receive updates on your request by e-mail.",
    ),
    FormField("applicant_phone", "หมายเลขโทรศัพท์", "Phone", FieldType.PHONE),
)
