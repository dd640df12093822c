"""User-facing reasons in Thai and English, without Django's translation machinery.

The core cannot use gettext (it imports no framework), so each reason is a :class:`Message` that
carries a stable ``code`` (for programs and reports), the text in Thai and in English, the values
used in the text (``params``) and, for validation, the ``path`` of the offending field. The
templates live in one catalogue below so translators review them in one place; Thai comes first.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

ParamValue = str | int

# code -> (Thai template, English template); templates use str.format with the params.
CATALOGUE: Final[dict[str, tuple[str, str]]] = {
    # ---- day evaluation
    "late": ("มาสาย {minutes} นาที", "Late by {minutes} min"),
    "left_early": ("กลับก่อนเวลา {minutes} นาที", "Left early by {minutes} min"),
    "absent": ("ไม่มีการลงเวลาปฏิบัติราชการ", "No punch on a working day"),
    "incomplete_punches": (
        "ลงเวลาไม่ครบ (พบการลงเวลา {count} ครั้ง)",
        "Incomplete punches ({count} found)",
    ),
    "unpaired_punch": (
        "การลงเวลาเข้า-ออกไม่เป็นคู่ (พบ {count} ครั้ง)",
        "Unpaired in/out punches ({count} found)",
    ),
    "location_mismatch": (
        "สถานที่ลงเวลาไม่ตรงกับการจัดรูปแบบการทำงาน (กำหนด: {expected_th})",
        "Punch location does not match the arrangement (expected: {expected_en})",
    ),
    "punch_on_leave": (
        "มีการลงเวลาในช่วงที่ลา",
        "Punches recorded during approved leave",
    ),
    "outside_bandwidth": (
        "เวลา {minutes} นาทีอยู่นอกช่วงเวลาที่นับได้ ({start}–{end}) จึงไม่นับ",
        "{minutes} min outside the counting band ({start}–{end}) not counted",
    ),
    "core_hours_missed": (
        "ไม่อยู่ในช่วงเวลาหลัก {start}–{end} ({minutes} นาที)",
        "Missed core hours {start}–{end} ({minutes} min)",
    ),
    "daily_minimum_short": (
        "ชั่วโมงทำงานต่ำกว่าขั้นต่ำรายวัน ({worked} จาก {required} นาที)",
        "Below the daily minimum ({worked} of {required} min)",
    ),
    "off_site_report_missing": (
        "ยังไม่ส่งแผนและรายงานผลการปฏิบัติงานนอกที่ตั้ง",
        "Off-site plan and report not filed",
    ),
    "off_site_report_rejected": (
        "รายงานผลการปฏิบัติงานนอกที่ตั้งไม่ผ่านการพิจารณา",
        "Off-site report was rejected",
    ),
    "off_site_check_in_missing": (
        "ไม่ได้ลงเวลาเมื่อปฏิบัติงานนอกที่ตั้ง",
        "No check-in on an off-site day",
    ),
    "off_site_place_not_allowed": (
        "สถานที่ปฏิบัติงาน ({place}) ไม่อยู่ในประเภทที่ส่วนราชการอนุญาต",
        "Place type {place} is not allowed by the agency",
    ),
    "worked_non_working_day": (
        "ปฏิบัติงานในวันหยุด {minutes} นาที",
        "Worked {minutes} min on a non-working day",
    ),
    # ---- coverage
    "coverage_short": (
        "{point}: ต้องมีผู้ปฏิบัติงานในที่ตั้ง {required} คน ช่วง {start}–{end} แต่มี {planned} คน",
        "{point}: {required} on site needed {start}–{end}, {planned} planned",
    ),
    # ---- policy validation
    "slot_end_before_start": (
        "เวลาสิ้นสุดต้องอยู่หลังเวลาเริ่ม ({start}–{end})",
        "End must be after start ({start}–{end})",
    ),
    "overnight_window_invalid": (
        "ช่วงเวลาข้ามคืนต้องสิ้นสุดในวันถัดไปไม่เกินเวลาเริ่ม ({start}–{end})",
        "An overnight window must end the next day no later than its start ({start}–{end})",
    ),
    "overnight_not_allowed": (
        "ช่วงเวลานี้ต้องไม่ข้ามคืน",
        "This window cannot cross midnight",
    ),
    "duplicate_slot": ("ช่วงเวลา {start}–{end} ซ้ำกัน", "Slot {start}–{end} is listed twice"),
    "no_slots": ("ต้องกำหนดช่วงเวลาทำงานอย่างน้อยหนึ่งช่วง", "At least one time slot is required"),
    "lunch_outside_day": (
        "เวลาพักกลางวันต้องอยู่ภายในเวลาทำงานปกติ",
        "The lunch break must lie within the standard day",
    ),
    "weekly_hours_out_of_range": (
        "ชั่วโมงขั้นต่ำต่อสัปดาห์ต้องมากกว่า 0 และไม่เกิน {maximum} ชั่วโมง",
        "Weekly minimum must be above 0 and at most {maximum} h",
    ),
    "value_negative": ("ค่าต้องไม่ติดลบ", "Must not be negative"),
    "value_out_of_range": (
        "ค่าต้องอยู่ระหว่าง {minimum} ถึง {maximum}",
        "Must be between {minimum} and {maximum}",
    ),
    "share_out_of_range": (
        "สัดส่วนต้องมากกว่า 0 และไม่เกิน 1",
        "Share must be above 0 and at most 1",
    ),
    "core_outside_bandwidth": (
        "ช่วงเวลาหลักต้องอยู่ภายในช่วงเวลาที่นับได้",
        "Core hours must lie within the counting band",
    ),
    "windows_overlap": (
        "ช่วงเวลาให้บริการซ้อนทับกัน (วัน{weekday_th} {first} และ {second})",
        "Service windows overlap ({weekday_en}: {first} and {second})",
    ),
    "no_weekdays": ("ต้องระบุวันอย่างน้อยหนึ่งวัน", "At least one weekday is required"),
    "weekday_invalid": (
        "วันในสัปดาห์ต้องเป็น 0 (จันทร์) ถึง 6 (อาทิตย์)",
        "Weekday must be 0 (Monday) to 6 (Sunday)",
    ),
    "no_places": (
        "ต้องอนุญาตสถานที่อย่างน้อยหนึ่งประเภท",
        "At least one place type must be allowed",
    ),
    "no_modes": (
        "ต้องอนุญาตรูปแบบการทำงานอย่างน้อยหนึ่งรูปแบบ",
        "At least one work mode must be allowed",
    ),
    "duplicate_key": ("{key} ถูกกำหนดซ้ำ", "{key} is defined twice"),
    "anchor_not_monday": (
        "วันเริ่มนับรอบต้องเป็นวันจันทร์",
        "The period anchor must be a Monday",
    ),
    "required": ("ต้องระบุค่านี้", "This value is required"),
    "unknown_field": ("ไม่รู้จักช่อง {name}", "Unknown field {name}"),
    "invalid_value": ("ค่าไม่ถูกต้อง: {value}", "Invalid value: {value}"),
    # ---- terminal import (core/terminal)
    "terminal_file_unreadable": (
        "อ่านไฟล์ไม่ได้: ไม่ใช่ไฟล์ข้อความ (attlog หรือ CSV)",
        "The file cannot be read: it is not text (attlog or CSV)",
    ),
    "terminal_file_empty": ("ไม่พบข้อมูลการลงเวลาในไฟล์", "The file contains no punches"),
    "terminal_column_missing": ("ไม่พบคอลัมน์ {name}", "Column {name} is missing"),
    "terminal_columns": (
        "จำนวนคอลัมน์ไม่ถูกต้อง: พบ {found} คอลัมน์ ต้องมี {minimum}–{maximum} คอลัมน์",
        "Wrong number of columns: {found} found, {minimum}–{maximum} expected",
    ),
    "terminal_csv_malformed": (
        "แถวนี้ไม่ใช่ข้อมูล CSV ที่อ่านได้ (เครื่องหมายคำพูดหรือการขึ้นบรรทัดผิดรูปแบบ หรือช่องยาวเกินไป)",
        "This row is not readable CSV (broken quotes or line breaks, or a field too long)",
    ),
    "terminal_user_missing": ("ไม่มีรหัสผู้ใช้ของเครื่องลงเวลา", "The terminal user ID is empty"),
    "terminal_time_invalid": ("วันเวลาไม่ถูกต้อง: {value}", "Invalid date and time: {value}"),
    "terminal_time_future": (
        "วันเวลา {value} อยู่ในอนาคตเกิน {minutes} นาที",
        "{value} is more than {minutes} min in the future",
    ),
    "terminal_time_too_early": (
        "วันเวลา {value} อยู่ก่อนช่วงที่รับได้ (ตั้งแต่ {earliest})",
        "{value} is before the accepted range (from {earliest})",
    ),
    "terminal_code_invalid": (
        "รหัสในคอลัมน์ {column} ไม่ถูกต้อง: {value}",
        "Invalid {column} code: {value}",
    ),
    "terminal_user_unmapped": (
        "รหัสผู้ใช้เครื่องลงเวลา {user} ยังไม่ได้ผูกกับบุคลากร",
        "Terminal user {user} is not mapped to a staff member",
    ),
    # ---- leave requests and balances (core/leave)
    "leave_type_not_available": (
        "บุคลากรประเภทนี้ไม่มีสิทธิ{type_th}",
        "{type_en} is not available to this staff category",
    ),
    "leave_end_before_start": (
        "วันสิ้นสุดการลาต้องไม่อยู่ก่อนวันเริ่มลา",
        "The leave cannot end before it starts",
    ),
    "leave_half_day_multi_day": (
        "ลาครึ่งวันได้เฉพาะการลาวันเดียว",
        "A half-day leave must start and end on the same day",
    ),
    "leave_half_day_not_allowed": (
        "{type_th}ลาครึ่งวันไม่ได้",
        "{type_en} cannot be taken in half days",
    ),
    "leave_no_working_day": ("ช่วงที่ลาไม่มีวันทำการ", "The leave covers no working day"),
    "leave_overlaps": (
        "ช่วงที่ลาซ้อนกับการลาอื่น ({start_th} – {end_th})",
        "The leave overlaps another leave ({start_en} – {end_en})",
    ),
    "leave_exceeds_balance": (
        "{type_th}คงเหลือ {remaining} วัน แต่ขอลา {requested} วัน",
        "{type_en}: {remaining} days left, {requested} requested",
    ),
    "leave_exceeds_paid_limit": (
        "{type_th}เกินสิทธิที่ได้รับเงินเดือน (คงเหลือ {remaining} วัน ขอลา {requested} วัน)",
        "{type_en} beyond the paid limit ({remaining} days left, {requested} requested)",
    ),
    "leave_exceeds_limit": (
        "{type_th}ลาได้ครั้งละไม่เกิน {limit} วัน (ขอลา {requested} วัน)",
        "{type_en}: at most {limit} days at a time ({requested} requested)",
    ),
    "leave_medical_certificate_required": (
        "ลาป่วยติดต่อกัน {days} วัน ต้องมีใบรับรองแพทย์",
        "Sick leave of {days} days in a row needs a medical certificate",
    ),
    "leave_birth_date_required": ("ต้องระบุวันที่บุตรคลอด", "The child's date of birth is required"),
    "leave_outside_birth_window": (
        "ต้องลาภายใน {days} วันนับแต่วันที่บุตรคลอด ({birth_th})",
        "Must be taken within {days} days of the birth ({birth_en})",
    ),
    "leave_service_too_short": (
        "{type_th}ต้องรับราชการมาแล้วไม่น้อยกว่า {months} เดือน",
        "{type_en} needs at least {months} months of service",
    ),
    "leave_vacation_before_six_months": (
        "ผู้เข้ารับราชการใหม่ลาพักผ่อนได้ตั้งแต่ {allowed_th} (รับราชการครบ {months} เดือน)",
        "A new entrant may take vacation leave from {allowed_en} ({months} months of service)",
    ),
    # ---- work arrangements (issue 5)
    "mode_not_allowed": (
        "ตำแหน่งประเภท{position_th}ไม่อยู่ในรูปแบบ{mode_th}ตามนโยบายที่ใช้อยู่",
        "The policy does not allow {mode_en} for {position_en} positions",
    ),
    "mode_conditional": (
        "รูปแบบ{mode_th}ใช้กับตำแหน่งประเภท{position_th}ได้อย่างมีเงื่อนไข",
        "{mode_en} is allowed with conditions for {position_en} positions",
    ),
    "slot_required": ("กรุณาเลือกช่วงเวลาทำงาน", "Choose a working slot"),
    "slot_not_in_policy": (
        "ช่วงเวลา {slot} ไม่อยู่ในช่วงเวลาที่นโยบายกำหนด ({allowed})",
        "Slot {slot} is not one of the policy's slots ({allowed})",
    ),
    "place_required": ("กรุณาเลือกสถานที่ปฏิบัติงานนอกที่ตั้ง", "Choose the off-site place"),
    "place_not_allowed": (
        "นโยบายไม่อนุญาตให้ปฏิบัติงานนอกที่ตั้งที่ {place_th}",
        "The policy does not allow off-site work at {place_en}",
    ),
    "off_site_quota_exceeded": (
        "ปฏิบัติงานนอกที่ตั้งได้ไม่เกิน {quota} วันต่อสัปดาห์ (เลือกไว้ {days} วัน)",
        "At most {quota} off-site days a week ({days} chosen)",
    ),
    # ---- approval impact (core/approval)
    "coverage_short_on_day": (
        (
            "{point} วัน{weekday_th}ที่ {date_th} เวลา {start}–{end} ต้องมีผู้ปฏิบัติงานในที่ตั้ง"
            " {required} คน แต่จะมีเพียง {planned} คน (ขาด {missing} คน)"
        ),
        (
            "{point}, {weekday_en} {date_en} {start}–{end} needs {required} on site;"
            " only {planned} would be ({missing} short)"
        ),
    ),
    "unit_off_site_cap_exceeded": (
        (
            "{unit} วัน{weekday_th}ที่ {date_th} จะมีผู้ปฏิบัติงานนอกที่ตั้ง {count} คน"
            " เกินกว่าที่กำหนด {limit} คน (จาก {headcount} คน)"
        ),
        (
            "{unit}, {weekday_en} {date_en}: {count} people would be off site;"
            " at most {limit} of {headcount}"
        ),
    ),
    "week_off_site_quota_exceeded": (
        (
            "{person} จะปฏิบัติงานนอกที่ตั้ง {days} วันในสัปดาห์ {monday_th} ถึง {sunday_th}"
            " เกินโควตา {quota} วันต่อสัปดาห์"
        ),
        (
            "{person} would work off site {days} days in the week {monday_en} to {sunday_en};"
            " the quota is {quota} a week"
        ),
    ),
    # ---- roster optimiser (core/roster)
    "roster_coverage_unreachable": (
        (
            "{point} วัน{weekday_th} {date_th} เวลา {start}–{end} ต้องมีผู้ปฏิบัติงานในที่ตั้ง "
            "{required} คน แต่มีผู้ที่จัดได้เพียง {available} คน"
        ),
        (
            "{point}, {weekday_en} {date_en} {start}–{end} needs {required} on site; "
            "only {available} eligible people are available"
        ),
    ),
    "roster_fixed_day_invalid": (
        "{person} วัน{weekday_th} {date_th} ที่อนุมัติไว้แล้วใช้ไม่ได้: {reason_th}",
        "{person}, {weekday_en} {date_en} (already approved) cannot be kept: {reason_en}",
    ),
    "roster_fixed_quota_exceeded": (
        (
            "{person} มีวันปฏิบัติงานนอกที่ตั้งที่อนุมัติแล้ว {days} วันในสัปดาห์ที่เริ่มวันจันทร์ "
            "{week_th} เกินโควตา {quota} วันต่อสัปดาห์"
        ),
        (
            "{person} already has {days} approved off-site days in the week of Monday {week_en}; "
            "the quota is {quota} a week"
        ),
    ),
    "roster_fixed_cap_exceeded": (
        (
            "วัน{weekday_th} {date_th} มีผู้ปฏิบัติงานนอกที่ตั้งที่อนุมัติแล้ว {count} คน "
            "เกินจำนวนสูงสุดของหน่วยงาน {limit} คน"
        ),
        (
            "{weekday_en} {date_en} already has {count} approved off-site people; "
            "the unit allows at most {limit}"
        ),
    ),
    "roster_no_allowed_mode": (
        "{person} ตำแหน่งประเภท{position_th} ไม่มีรูปแบบการทำงานที่นโยบายอนุญาตให้จัดได้",
        "{person} ({position_en} position) has no work mode the policy allows to plan",
    ),
    "roster_infeasible": (
        "จัดตารางให้เป็นไปตามเงื่อนไขทั้งหมดพร้อมกันไม่ได้ เงื่อนไขที่ขัดกันมีดังนี้",
        "No roster meets all the rules at once; these rules conflict",
    ),
    "roster_conflict_coverage": (
        (
            "{point} วัน{weekday_th} {date_th} เวลา {start}–{end}"
            " ต้องมีผู้ปฏิบัติงานในที่ตั้งอย่างน้อย {required} คน"
        ),
        "{point}, {weekday_en} {date_en} {start}–{end} needs at least {required} people on site",
    ),
    "roster_conflict_quota": (
        "{person} ปฏิบัติงานนอกที่ตั้งได้ไม่เกิน {quota} วันในสัปดาห์ที่เริ่มวันจันทร์ {week_th}",
        "{person} may work off site at most {quota} days in the week of Monday {week_en}",
    ),
    "roster_conflict_unit_cap": (
        "วัน{weekday_th} {date_th} หน่วยงานให้ปฏิบัติงานนอกที่ตั้งได้ไม่เกิน {limit} คน",
        "{weekday_en} {date_en}: at most {limit} people of the unit may work off site",
    ),
    "roster_no_solution_in_time": (
        "ยังหาตารางที่เป็นไปตามเงื่อนไขไม่ได้ภายใน {seconds} วินาที",
        "No roster found within {seconds} s",
    ),
    # ---- suitability assessment (core/suitability)
    "suit_matrix_recommended": (
        "ตารางความเหมาะสมแนะนำรูปแบบ{mode_th} สำหรับตำแหน่งประเภท{position_th}",
        "The suitability matrix recommends {mode_en} for {position_en} positions",
    ),
    "suit_matrix_conditional": (
        "ตารางความเหมาะสมให้ตำแหน่งประเภท{position_th} ใช้รูปแบบ{mode_th}ได้อย่างมีเงื่อนไข",
        "The suitability matrix allows {mode_en} for {position_en} positions with conditions",
    ),
    "suit_matrix_not_listed": (
        "ตารางความเหมาะสมไม่ได้กำหนดรูปแบบ{mode_th} ไว้สำหรับตำแหน่งประเภท{position_th}",
        "The suitability matrix does not list {mode_en} for {position_en} positions",
    ),
    "suit_face_to_face": (
        "ต้องให้บริการประชาชนแบบพบหน้า และบริการยังทำทางออนไลน์ทั้งหมดไม่ได้",
        "Serves people face to face, and the service is not fully online",
    ),
    "suit_online_service": (
        "บริการทำทางออนไลน์ได้ทั้งหมด จึงปฏิบัติงานนอกที่ตั้งได้อย่างมีเงื่อนไข",
        "The service is fully online, so off-site work is possible with conditions",
    ),
    "suit_on_site_equipment": (
        "ต้องใช้เครื่องมือ อุปกรณ์ หรือเอกสารที่มีเฉพาะในที่ตั้ง",
        "Needs equipment or records that are only available on site",
    ),
    "suit_confidential": (
        "มีข้อมูลลับหรือข้อมูลที่ต้องปกปิด ต้องใช้ช่องทางและที่จัดเก็บที่ปลอดภัยตามที่ส่วนราชการกำหนด",
        "Handles confidential information: only over the agency's secure channels and storage",
    ),
    "suit_confidential_no_tools": (
        "มีข้อมูลลับหรือข้อมูลที่ต้องปกปิด แต่ยังไม่มีเครื่องมือดิจิทัลที่ปลอดภัยสำหรับทำงานนอกที่ตั้ง",
        "Handles confidential information but has no secure digital tools to work off site",
    ),
    "suit_output_not_measurable": (
        "วัดผลงานจากภายนอกได้ยาก ต้องทำแผนและรายงานผลการปฏิบัติงานทุกวัน",
        "Results are hard to measure from outside: needs a daily plan and report",
    ),
    "suit_no_digital_tools": (
        "ยังไม่มีเครื่องมือดิจิทัลสำหรับทำงานนอกที่ตั้ง ส่วนราชการต้องจัดให้ก่อน",
        "No digital tools to work off site yet: the agency must provide them first",
    ),
    "suit_readiness_gaps": (
        "ยังขาดความพร้อม ได้แก่ {items_th} ส่วนราชการต้องจัดให้ก่อน",
        "Readiness still missing: {items_en}; the agency must provide them first",
    ),
    "suit_supervisor": (
        "เป็นผู้บังคับบัญชา ต้องติดต่อได้ตลอดเวลาราชการ และหน่วยงานต้องมีผู้ปฏิบัติงานเพียงพอ",
        "Supervises others: must stay reachable, and unit coverage must hold",
    ),
    "suit_field_work": (
        "ปฏิบัติงานภาคสนามในพื้นที่เฉพาะ วันที่ลงพื้นที่เป็นการไปราชการ ไม่ใช่การปฏิบัติงานนอกที่ตั้ง",
        "Field work in specific areas: field days are official travel, not off-site work",
    ),
    "suit_field_days_travel": (
        "วันที่ลงพื้นที่ให้บันทึกเป็นการไปราชการ",
        "Record field days as official travel",
    ),
    "suit_counted_hours_service": (
        "ให้บริการประชาชนแบบพบหน้า ต้องจัดให้มีผู้ให้บริการครบตลอดเวลาให้บริการ",
        "Serves people face to face: service hours must stay covered",
    ),
    "suit_citizen_service_coverage": (
        "ภารกิจบริการประชาชน จุดบริการต้องมีผู้ปฏิบัติงานในที่ตั้งครบตามที่กำหนด",
        "Citizen-service mission: service points must keep their minimum staff on site",
    ),
    "suit_matrix_invalid": (
        "ค่าในตารางความเหมาะสมไม่ถูกต้อง ({value})",
        "Invalid value in the suitability matrix ({value})",
    ),
    "suit_matrix_unknown_position": (
        "ไม่รู้จักประเภทตำแหน่ง {value}",
        "Unknown position type {value}",
    ),
    "suit_matrix_unknown_mode": (
        "ไม่รู้จักรูปแบบการทำงาน {value}",
        "Unknown work mode {value}",
    ),
    "suit_matrix_mode_twice": (
        "รูปแบบ{mode_th} อยู่ทั้งในรายการที่แนะนำและรายการที่มีเงื่อนไขของตำแหน่งประเภท{position_th}",
        "For {position_en} positions, {mode_en} is both recommended and conditional",
    ),
}


@dataclass(frozen=True, slots=True)
class Message:
    """A reason shown to people, in Thai and English, with a stable code.

    ``params`` is a tuple of ``(name, value)`` pairs (not a dict) so a message stays hashable.
    """

    code: str
    th: str
    en: str
    params: tuple[tuple[str, ParamValue], ...] = ()
    path: str = ""

    def param(self, name: str) -> ParamValue | None:
        """The value of one parameter, or None."""
        for key, value in self.params:
            if key == name:
                return value
        return None

    def text(self, lang: str = "th") -> str:
        """The text in ``lang`` ("th" or "en")."""
        return self.th if lang == "th" else self.en


def message(code: str, *, path: str = "", **params: ParamValue) -> Message:
    """Build a :class:`Message` from the catalogue (raises ``KeyError`` on an unknown code)."""
    th, en = CATALOGUE[code]
    return Message(
        code=code,
        th=th.format(**params),
        en=en.format(**params),
        params=tuple(sorted(params.items())),
        path=path,
    )


def with_path(msg: Message, prefix: str) -> Message:
    """The same message with ``prefix`` put in front of its field path."""
    path = f"{prefix}.{msg.path}" if msg.path else prefix
    return Message(code=msg.code, th=msg.th, en=msg.en, params=msg.params, path=path)
