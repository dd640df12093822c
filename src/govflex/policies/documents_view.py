"""What a stored order or announcement prints (for the PDF, the Word file and the page), and
the editable starting text that cites the legal basis."""

from __future__ import annotations

from typing import Any

from govflex.core.thaidate import be_year
from govflex.policies.documents_render import DocumentView
from govflex.policies.models import DocumentSettings, OfficialDocument

# The legal basis every new document starts from (Guideline 2565, Cabinet 20 Sep 2565;
# Off-site regulation 2565). The text stays editable: agencies add their own authority.
BODY_TEMPLATES = {
    "order": (
        "ตามที่คณะรัฐมนตรีได้มีมติเมื่อวันที่ ๒๐ กันยายน ๒๕๖๕ เห็นชอบแนวทางการปฏิบัติราชการ"
        "ที่รองรับชีวิตและการทำงานวิถีใหม่ ตามที่สำนักงาน ก.พ. เสนอ และระเบียบสำนักนายกรัฐมนตรี"
        "ว่าด้วยการปฏิบัติงานนอกที่ตั้งของส่วนราชการ พ.ศ. ๒๕๖๕ กำหนดให้หัวหน้าส่วนราชการ"
        "พิจารณาให้ข้าราชการและเจ้าหน้าที่ปฏิบัติงานนอกที่ตั้งได้ตามความเหมาะสม นั้น\n\n"
        "เพื่อให้การปฏิบัติราชการของ{issuer}มีประสิทธิภาพ ตอบสนองการให้บริการประชาชน"
        "และรองรับชีวิตและการทำงานวิถีใหม่ จึงให้ข้าราชการและเจ้าหน้าที่ปฏิบัติราชการ"
        "ตามรูปแบบการปฏิบัติงานที่กำหนดไว้ในนโยบายรูปแบบการปฏิบัติงานของ{issuer} "
        "โดยให้ผู้บังคับบัญชาดูแลให้จุดบริการประชาชนมีผู้ปฏิบัติงานในที่ตั้งเพียงพอตลอดเวลาให้บริการ"
    ),
    "announcement": (
        "ตามที่คณะรัฐมนตรีได้มีมติเมื่อวันที่ ๒๐ กันยายน ๒๕๖๕ เห็นชอบแนวทางการปฏิบัติราชการ"
        "ที่รองรับชีวิตและการทำงานวิถีใหม่ และระเบียบสำนักนายกรัฐมนตรีว่าด้วยการปฏิบัติงาน"
        "นอกที่ตั้งของส่วนราชการ พ.ศ. ๒๕๖๕ ให้ส่วนราชการประกาศหลักเกณฑ์การปฏิบัติงานนอกที่ตั้ง นั้น\n\n"
        "{issuer}จึงประกาศหลักเกณฑ์และรูปแบบการปฏิบัติราชการ ดังนี้"
    ),
}


def settings_of(agency: Any) -> DocumentSettings:
    found = DocumentSettings.objects.filter(agency=agency).first()
    return found or DocumentSettings(agency=agency)


def issuer_of(agency: Any) -> str:
    return settings_of(agency).issuer or agency.name_th


def body_template(agency: Any, kind: str) -> str:
    template = BODY_TEMPLATES.get(kind, BODY_TEMPLATES["order"])
    return template.format(issuer=issuer_of(agency))


def view_of(document: OfficialDocument) -> DocumentView:
    settings = settings_of(document.agency)
    emblem = None
    if settings.emblem:
        with settings.emblem.open("rb") as handle:
            emblem = handle.read()
    published = document.status == OfficialDocument.Status.PUBLISHED
    return DocumentView(
        kind=document.kind,
        issuer=settings.issuer or document.agency.name_th,
        number=document.number,
        year_be=document.year_be or be_year(document.effective_date.year),
        subject=document.subject,
        body=document.body,
        effective_date=document.effective_date,
        signed_on=document.signed_on,
        signer_name=document.signer_name,
        signer_position=document.signer_position,
        thai_digits=settings.thai_digits,
        emblem=emblem,
        draft=not published,
    )
