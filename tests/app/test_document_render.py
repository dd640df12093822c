"""Orders (คำสั่ง) and announcements (ประกาศ) rendered to PDF and Word: pure, no database."""

from __future__ import annotations

import dataclasses
import io
import re
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from PIL import Image

from govflex.policies.documents_render import (
    DocumentView,
    date_line,
    document_docx,
    document_pdf,
    heading_lines,
    number_line,
)

ISSUER = "กรมส่งเสริมการทำงานวิถีใหม่"
SUBJECT = "การทำงานนอกสถานที่ตั้ง"
BODY = (
    "ตามที่รัฐบาลมีนโยบายส่งเสริมการทำงานวิถีใหม่ ภายใต้หลักเกณฑ์ที่สำนักงาน ก.พ. กำหนด\n\n"
    "อาศัยอำนาจตามความในมาตรา 32 จึงให้ถือปฏิบัติดังนี้\n"
    "1. ให้ทำงานนอกสถานที่ได้ไม่เกินสัปดาห์ละ 2 วัน"
)


def make_view(**changes: object) -> DocumentView:
    view = DocumentView(
        kind="order",
        issuer=ISSUER,
        number=12,
        year_be=2569,
        subject=SUBJECT,
        body=BODY,
        effective_date=date(2026, 4, 1),
        signed_on=date(2026, 3, 5),
        signer_name="นายสมชาย ใจดี",
        signer_position="อธิบดีกรมส่งเสริมการทำงานวิถีใหม่",
        thai_digits=True,
        emblem=None,
        draft=False,
    )
    return dataclasses.replace(view, **changes)  # type: ignore[arg-type]


def tiny_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 22), (200, 150, 0)).save(buffer, "PNG")
    return buffer.getvalue()


def skeleton(text: str) -> str:
    """Text as pdftotext can be trusted to give it back: no spaces, no Thai marks.

    Extracted Thai comes out with spaces inside words, marks reordered, and SARA AM either
    decomposed (NIKHAHIT + SARA AA) or without its NIKHAHIT; comparing the base letters only
    is stable.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Mn")


# ---------------------------------------------------------------- text lines


def test_order_lines_in_thai_digits() -> None:
    view = make_view()
    assert number_line(view) == "ที่ ๑๒/๒๕๖๙"
    assert date_line(view) == "สั่ง ณ วันที่ ๕ มีนาคม พ.ศ. ๒๕๖๙"
    assert heading_lines(view) == [f"คำสั่ง{ISSUER}", "ที่ ๑๒/๒๕๖๙", f"เรื่อง {SUBJECT}"]


def test_order_lines_in_arabic_digits() -> None:
    view = make_view(thai_digits=False)
    assert number_line(view) == "ที่ 12/2569"
    assert date_line(view) == "สั่ง ณ วันที่ 5 มีนาคม พ.ศ. 2569"
    assert heading_lines(view)[1] == "ที่ 12/2569"


def test_announcement_has_no_number_line() -> None:
    view = make_view(kind="announcement", number=None)
    assert number_line(view) == ""
    assert date_line(view) == "ประกาศ ณ วันที่ ๕ มีนาคม พ.ศ. ๒๕๖๙"
    assert heading_lines(view) == [f"ประกาศ{ISSUER}", f"เรื่อง {SUBJECT}"]
    assert date_line(dataclasses.replace(view, thai_digits=False)) == (
        "ประกาศ ณ วันที่ 5 มีนาคม พ.ศ. 2569"
    )


def test_unnumbered_unsigned_draft_has_dotted_blanks() -> None:
    view = make_view(number=None, signed_on=None, draft=True)
    assert number_line(view) == "ที่ ....../๒๕๖๙"
    assert date_line(view) == "สั่ง ณ วันที่ ......"
    assert heading_lines(view)[1] == "ที่ ....../๒๕๖๙"
    announcement = dataclasses.replace(view, kind="announcement", thai_digits=False)
    assert date_line(announcement) == "ประกาศ ณ วันที่ ......"
    assert number_line(announcement) == ""


def test_subject_digits_follow_the_setting() -> None:
    view = make_view(subject="มาตรการ 2 ข้อ")
    assert heading_lines(view)[-1] == "เรื่อง มาตรการ ๒ ข้อ"
    assert heading_lines(dataclasses.replace(view, thai_digits=False))[-1] == ("เรื่อง มาตรการ 2 ข้อ")


def test_bad_kind_and_bad_emblem_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        make_view(kind="memo")
    with pytest.raises(ValueError, match="PNG or JPEG"):
        make_view(emblem=b"GIF89a....")


# ---------------------------------------------------------------- PDF


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return out.stdout


def pdf_fonts(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts (poppler-utils) is not installed")
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdffonts", str(path)], capture_output=True, check=True, text=True
    ).stdout


def test_order_pdf_text_and_fonts(tmp_path: Path) -> None:
    pdf = document_pdf(make_view())
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    flat = re.sub(r"\s+", " ", text)
    assert "ที่ ๑๒/๒๕๖๙" in flat
    found = skeleton(text)
    for expected in (
        f"คำสั่ง{ISSUER}",
        f"เรื่อง {SUBJECT}",
        "สั่ง ณ วันที่ ๕ มีนาคม พ.ศ. ๒๕๖๙",
        "ทั้งนี้ ตั้งแต่วันที่ ๑ เมษายน พ.ศ. ๒๕๖๙",
        "มาตรา ๓๒",  # body digits converted
        "(นายสมชาย ใจดี)",
    ):
        assert skeleton(expected) in found, expected
    assert "32" not in flat
    fonts = pdf_fonts(pdf, tmp_path)
    embedded = [line for line in fonts.splitlines() if "Sarabun" in line]
    assert embedded
    assert all(" yes " in line for line in embedded)  # embedded (emb column)


def test_announcement_pdf_in_arabic_digits(tmp_path: Path) -> None:
    view = make_view(kind="announcement", thai_digits=False)
    found = skeleton(pdf_text(document_pdf(view), tmp_path))
    assert skeleton(f"ประกาศ{ISSUER}") in found
    assert skeleton("ประกาศ ณ วันที่ 5 มีนาคม พ.ศ. 2569") in found
    assert skeleton("มาตรา 32") in found
    assert skeleton("ที่ 12/2569") not in found


def test_draft_pdf_is_marked(tmp_path: Path) -> None:
    view = make_view(number=None, signed_on=None, draft=True)
    text = pdf_text(document_pdf(view), tmp_path)
    assert skeleton("ร่าง") in skeleton(text)
    assert "....../" in text
    final = pdf_text(document_pdf(make_view()), tmp_path)
    assert skeleton("ร่าง") not in skeleton(final)


def test_pdf_with_emblem_renders(tmp_path: Path) -> None:
    pdf = document_pdf(make_view(emblem=tiny_png()))
    assert pdf.startswith(b"%PDF")
    assert b"/Subtype /Image" in pdf
    assert skeleton(f"เรื่อง {SUBJECT}") in skeleton(pdf_text(pdf, tmp_path))


# ---------------------------------------------------------------- DOCX


def open_docx(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_order_docx_text_fonts_and_margins() -> None:
    document = open_docx(document_docx(make_view()))
    texts = [p.text for p in document.paragraphs]
    for line in (
        f"คำสั่ง{ISSUER}",
        "ที่ ๑๒/๒๕๖๙",
        f"เรื่อง {SUBJECT}",
        "ทั้งนี้ ตั้งแต่วันที่ ๑ เมษายน พ.ศ. ๒๕๖๙",
        "สั่ง ณ วันที่ ๕ มีนาคม พ.ศ. ๒๕๖๙",
    ):
        assert line in texts, line
    assert "(นายสมชาย ใจดี)\nอธิบดีกรมส่งเสริมการทำงานวิถีใหม่" in texts
    body = next(p for p in document.paragraphs if p.text.startswith("อาศัยอำนาจ"))
    assert (
        body.text
        == "อาศัยอำนาจตามความในมาตรา ๓๒ จึงให้ถือปฏิบัติดังนี้\n๑. ให้ทำงานนอกสถานที่ได้ไม่เกินสัปดาห์ละ ๒ วัน"
    )
    assert body.paragraph_format.first_line_indent is not None
    assert round(body.paragraph_format.first_line_indent.cm, 2) == 2.5
    assert body.alignment is not None
    assert body.alignment.name == "LEFT"  # never justified: Thai has no spaces between words

    runs = [run for p in document.paragraphs for run in p.runs if run.text]
    assert runs
    for run in runs:
        rpr = run._element.rPr
        assert rpr is not None
        fonts = rpr.rFonts
        assert fonts is not None
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            assert fonts.get(qn(attribute)) == "Sarabun"
        assert run.font.name == "Sarabun"
        assert run.font.size == Pt(16)
        size_cs = rpr.find(qn("w:szCs"))
        assert size_cs is not None
        assert size_cs.get(qn("w:val")) == "32"
    title = next(p for p in document.paragraphs if p.text.startswith("คำสั่ง"))
    assert all(run.font.bold and run.font.cs_bold for run in title.runs)

    section = document.sections[0]
    assert section.left_margin is not None
    assert section.right_margin is not None
    assert round(section.left_margin.cm, 2) == 3.0
    assert round(section.right_margin.cm, 2) == 2.0
    assert round(section.top_margin.cm, 2) == 2.5  # type: ignore[union-attr]
    assert round(section.bottom_margin.cm, 2) == 2.0  # type: ignore[union-attr]
    assert round(section.page_width.cm, 1) == 21.0  # type: ignore[union-attr]
    assert round(section.page_height.cm, 1) == 29.7  # type: ignore[union-attr]
    assert not document.inline_shapes  # no emblem: the space is left empty


def test_announcement_docx_has_no_number_line() -> None:
    view = make_view(kind="announcement", thai_digits=False)
    texts = [p.text for p in open_docx(document_docx(view)).paragraphs]
    assert f"ประกาศ{ISSUER}" in texts
    assert "ประกาศ ณ วันที่ 5 มีนาคม พ.ศ. 2569" in texts
    assert not any(t.startswith("ที่ ") for t in texts)


def test_draft_docx_is_marked_in_the_header() -> None:
    view = make_view(number=None, signed_on=None, draft=True)
    document = open_docx(document_docx(view))
    texts = [p.text for p in document.paragraphs]
    assert "ที่ ....../๒๕๖๙" in texts
    assert "สั่ง ณ วันที่ ......" in texts
    section = document.sections[0]
    for header in (section.first_page_header, section.header):
        assert "ร่าง" in [p.text for p in header.paragraphs]
    final = open_docx(document_docx(make_view())).sections[0]
    assert "ร่าง" not in [p.text for p in final.header.paragraphs]


def test_docx_emblem_is_a_centred_3cm_picture() -> None:
    document = open_docx(document_docx(make_view(emblem=tiny_png())))
    assert len(document.inline_shapes) == 1
    shape = document.inline_shapes[0]
    assert abs(shape.height - Cm(3)) < Cm(0.01)
    first = document.paragraphs[0]
    assert first.alignment is not None
    assert first.alignment.name == "CENTER"
