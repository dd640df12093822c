"""The standard pulse questions (issue 8): four 1–5 scales, the main work mode of the period,
and an optional comment. HR may edit the wording or add questions before a round opens."""

from __future__ import annotations

from typing import Any

from govflex.core.enums import WorkMode

MIXED = "mixed"

DEFAULT_QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "key": "quality_of_life",
        "kind": "likert",
        "text_th": "คุณภาพชีวิตของท่านในช่วงนี้",
        "text_en": "Your quality of life in this period",
    },
    {
        "key": "work_life_balance",
        "kind": "likert",
        "text_th": "ความสมดุลระหว่างชีวิตกับการทำงาน",
        "text_en": "Balance between work and private life",
    },
    {
        "key": "productivity",
        "kind": "likert",
        "text_th": "ประสิทธิภาพการทำงานของท่าน (ประเมินตนเอง)",
        "text_en": "Your productivity (self-rated)",
    },
    {
        "key": "tools",
        "kind": "likert",
        "text_th": "ความเพียงพอของเครื่องมือ อุปกรณ์ และการเชื่อมต่ออินเทอร์เน็ต",
        "text_en": "Adequacy of tools, equipment and connectivity",
    },
    {
        "key": "work_mode",
        "kind": "choice",
        "text_th": "รูปแบบการปฏิบัติงานหลักของท่านในช่วงนี้",
        "text_en": "Your main way of working in this period",
        "options": [
            {
                "value": WorkMode.STAGGERED.value,
                "th": "ในที่ตั้ง เหลื่อมเวลาทำงาน",
                "en": "On site, staggered hours",
            },
            {
                "value": WorkMode.COUNTED_HOURS.value,
                "th": "ในที่ตั้ง นับชั่วโมงทำงาน",
                "en": "On site, counted hours",
            },
            {"value": WorkMode.OFF_SITE.value, "th": "นอกที่ตั้ง", "en": "Off site"},
            {"value": MIXED, "th": "หลายรูปแบบผสมกัน", "en": "A mix of these"},
        ],
    },
    {
        "key": "comment",
        "kind": "text",
        "text_th": "ข้อเสนอแนะเพิ่มเติม (ไม่บังคับ)",
        "text_en": "Anything else you would like to tell us (optional)",
    },
)
