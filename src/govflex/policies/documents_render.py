"""Thai official orders (คำสั่ง) and announcements (ประกาศ) as PDF and Word files.

Pure rendering: a :class:`DocumentView` in, bytes out, no database. The layout follows the
Correspondence regulation (ระเบียบสำนักนายกรัฐมนตรีว่าด้วยงานสารบรรณ พ.ศ. ๒๕๒๖ and its
amendments): form 4 for an order, form 7 for an announcement. See docs/documents.md.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, cast

from django.template.loader import render_to_string

from govflex.common.pdf import FONT_DIR
from govflex.core.thaidate import THAI_MONTHS, be_year, to_thai_digits

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.oxml.text.font import CT_RPr
    from docx.styles.style import ParagraphStyle
    from docx.text.paragraph import Paragraph

KINDS = ("order", "announcement")
FONT = "Sarabun"
FONT_SIZE_PT = 16
DRAFT_MARK = "ร่าง"
BLANK = "......"

# Page and paragraph geometry, in centimetres (A4 portrait).
PAGE_WIDTH_CM = 21.0
PAGE_HEIGHT_CM = 29.7
MARGIN_LEFT_CM = 3.0
MARGIN_RIGHT_CM = 2.0
MARGIN_TOP_CM = 2.5
MARGIN_BOTTOM_CM = 2.0
EMBLEM_HEIGHT_CM = 3.0
PARAGRAPH_INDENT_CM = 2.5
DATE_LINE_INDENT_CM = 5.0  # the date line sits in from the left, as on the regulation's forms
RULE_WIDTH_CM = 4.0
TEXT_WIDTH_CM = PAGE_WIDTH_CM - MARGIN_LEFT_CM - MARGIN_RIGHT_CM
SIGNATURE_INDENT_CM = TEXT_WIDTH_CM / 2  # name and position are centred in the right half
SIGNATURE_SPACE_LINES = 3  # blank lines left for the signature (3.9em in the PDF template)

_PARAGRAPH_SPLIT = re.compile(r"\n[ \t]*\n")
# The children of w:pPr that come after w:pBdr (ECMA-376 order), for inserting a border.
_PPR_AFTER_BORDERS = (
    "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
    "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
    "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip


@dataclass(frozen=True)
class DocumentView:
    """Everything printed on one order or announcement."""

    kind: str  # "order" (คำสั่ง, form 4) or "announcement" (ประกาศ, form 7)
    issuer: str  # e.g. "กรมส่งเสริมการทำงานวิถีใหม่"
    number: int | None  # running number; None for an unnumbered draft
    year_be: int  # Buddhist-Era year of the number, e.g. 2569
    subject: str  # เรื่อง ...
    body: str  # paragraphs separated by blank lines ("\n\n"); single "\n" = line break
    effective_date: date
    signed_on: date | None  # the date after "สั่ง ณ วันที่" / "ประกาศ ณ วันที่"; None on a draft
    signer_name: str  # full name, printed in parentheses under the signature space
    signer_position: str
    thai_digits: bool  # agency setting: Thai digits (๐-๙) in numbers and dates, else Arabic
    emblem: bytes | None  # the Garuda emblem image (PNG/JPEG) the agency uploaded, or None
    draft: bool  # prints a visible "ร่าง" (DRAFT) marking

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}, not {self.kind!r}")
        if self.emblem is not None:
            _emblem_mime(self.emblem)  # fail early on an image neither format recognises


# ---------------------------------------------------------------- text lines


def _digits(view: DocumentView, text: str) -> str:
    return to_thai_digits(text) if view.thai_digits else text


def _long_date(view: DocumentView, value: date) -> str:
    """``๕ มีนาคม พ.ศ. ๒๕๖๙`` (or ``5 มีนาคม พ.ศ. 2569`` with Arabic digits)."""
    return _digits(view, f"{value.day} {THAI_MONTHS[value.month - 1]} พ.ศ. {be_year(value.year)}")


def _title(view: DocumentView) -> str:
    word = "คำสั่ง" if view.kind == "order" else "ประกาศ"
    return _digits(view, f"{word}{view.issuer}")


def number_line(view: DocumentView) -> str:
    """``ที่ ๑๒/๒๕๖๙`` for an order (``ที่ ....../๒๕๖๙`` unnumbered); ``""`` for an announcement."""
    if view.kind != "order":
        return ""
    number = BLANK if view.number is None else str(view.number)
    return _digits(view, f"ที่ {number}/{view.year_be}")


def date_line(view: DocumentView) -> str:
    """``สั่ง ณ วันที่ ๕ มีนาคม พ.ศ. ๒๕๖๙`` / ``ประกาศ ณ วันที่ ...``; dotted while unsigned."""
    word = "สั่ง" if view.kind == "order" else "ประกาศ"
    when = BLANK if view.signed_on is None else _long_date(view, view.signed_on)
    return f"{word} ณ วันที่ {when}"


def heading_lines(view: DocumentView) -> list[str]:
    """The centred head under the emblem: title, the number line (orders), the subject."""
    lines = [_title(view)]
    if view.kind == "order":
        lines.append(number_line(view))
    lines.append(_digits(view, f"เรื่อง {view.subject}"))
    return lines


def effective_line(view: DocumentView) -> str:
    return f"ทั้งนี้ ตั้งแต่วันที่ {_long_date(view, view.effective_date)}"


def _body_paragraphs(view: DocumentView) -> list[list[str]]:
    """The body as paragraphs, each a list of lines (a single newline is a line break)."""
    paragraphs = []
    for chunk in _PARAGRAPH_SPLIT.split(view.body.replace("\r\n", "\n").strip()):
        lines = [line.strip() for line in chunk.strip().split("\n")]
        if any(lines):
            paragraphs.append([_digits(view, line) for line in lines])
    return paragraphs


def _emblem_mime(data: bytes) -> str:
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    raise ValueError("the emblem must be a PNG or JPEG image")


# ---------------------------------------------------------------- PDF


def document_pdf(view: DocumentView) -> bytes:
    """The document as an A4 PDF (WeasyPrint, the vendored Sarabun font embedded)."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415 - heavy import

    emblem_uri = None
    if view.emblem is not None:
        encoded = base64.b64encode(view.emblem).decode("ascii")
        emblem_uri = f"data:{_emblem_mime(view.emblem)};base64,{encoded}"
    html = render_to_string(
        "policies/document_pdf.html",
        {
            "font_dir": FONT_DIR.as_uri(),
            "emblem_uri": emblem_uri,
            "draft": view.draft,
            "draft_mark": DRAFT_MARK,
            "heading_lines": heading_lines(view),
            "paragraphs": _body_paragraphs(view),
            "effective_line": effective_line(view),
            "date_line": date_line(view),
            "signer_name": view.signer_name,
            "signer_position": _digits(view, view.signer_position),
            "page_counter": "thai" if view.thai_digits else "decimal",
        },
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]


# ---------------------------------------------------------------- DOCX


def _set_font(rpr: CT_RPr) -> None:
    """Sarabun 16 pt for Latin and complex-script (Thai) text alike, on a run or a style."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.oxml.parser import OxmlElement  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    fonts = rpr.get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), FONT)
    half_points = str(int(Pt(FONT_SIZE_PT).pt * 2))
    size = rpr.get_or_add_sz()
    size.set(qn("w:val"), half_points)
    size_cs = rpr.find(qn("w:szCs"))
    if size_cs is None:
        size_cs = OxmlElement("w:szCs")
        size.addnext(size_cs)
    size_cs.set(qn("w:val"), half_points)


def _add_run(
    paragraph: Paragraph, text: str, *, bold: bool = False, break_before: bool = False
) -> None:
    """A Sarabun 16 pt run; ``break_before`` starts it on a new line (``w:br``)."""
    from docx.shared import Pt  # noqa: PLC0415

    run = paragraph.add_run()
    if break_before:
        run.add_break()
    run.add_text(text)
    run.font.name = FONT
    run.font.size = Pt(FONT_SIZE_PT)
    if bold:
        run.font.bold = True
        run.font.cs_bold = True
    _set_font(run._element.get_or_add_rPr())


def _add_lines(
    document: DocxDocument,
    lines: list[str],
    *,
    bold: bool = False,
    centred: bool = False,
    first_line_indent_cm: float | None = None,
    left_indent_cm: float | None = None,
    space_before_lines: int = 0,
) -> Paragraph:
    """One paragraph; its lines are joined by line breaks (``w:br``)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Cm, Pt  # noqa: PLC0415

    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if centred else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    if first_line_indent_cm is not None:
        fmt.first_line_indent = Cm(first_line_indent_cm)
    if left_indent_cm is not None:
        fmt.left_indent = Cm(left_indent_cm)
    if space_before_lines:
        fmt.space_before = Pt(FONT_SIZE_PT * 1.2 * space_before_lines)
    for index, line in enumerate(lines):
        _add_run(paragraph, line, bold=bold, break_before=index > 0)
    return paragraph


def _add_rule(document: DocxDocument) -> None:
    """A short centred rule under the subject: an empty paragraph with a bottom border."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.oxml.parser import OxmlElement  # noqa: PLC0415
    from docx.shared import Cm, Pt  # noqa: PLC0415

    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    side = (TEXT_WIDTH_CM - RULE_WIDTH_CM) / 2
    fmt.left_indent = Cm(side)
    fmt.right_indent = Cm(side)
    fmt.line_spacing = Pt(FONT_SIZE_PT / 2)
    fmt.space_after = Pt(FONT_SIZE_PT)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "auto")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(borders, *_PPR_AFTER_BORDERS)


def _set_up_document(document: DocxDocument) -> None:
    """A4 portrait, the regulation's margins, Sarabun 16 pt Thai in the Normal style."""
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.oxml.parser import OxmlElement  # noqa: PLC0415
    from docx.shared import Cm  # noqa: PLC0415

    section = document.sections[0]
    section.page_width = Cm(PAGE_WIDTH_CM)
    section.page_height = Cm(PAGE_HEIGHT_CM)
    section.left_margin = Cm(MARGIN_LEFT_CM)
    section.right_margin = Cm(MARGIN_RIGHT_CM)
    section.top_margin = Cm(MARGIN_TOP_CM)
    section.bottom_margin = Cm(MARGIN_BOTTOM_CM)
    # The template's document defaults name theme fonts (w:cstheme etc.), which Word may prefer
    # to plain font names; name Sarabun there too.
    for fonts in document.styles.element.iterfind(f"{qn('w:docDefaults')}//{qn('w:rFonts')}"):
        for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(attribute), None)
        for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attribute), FONT)
    normal = document.styles["Normal"]
    rpr = normal.element.get_or_add_rPr()
    _set_font(rpr)
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, "w:eastAsianLayout", "w:specVanish", "w:oMath")
    lang.set(qn("w:val"), "th-TH")
    lang.set(qn("w:bidi"), "th-TH")
    fmt = cast("ParagraphStyle", normal).paragraph_format
    fmt.space_before = 0
    fmt.space_after = 0
    fmt.line_spacing = 1.0


def _add_page_numbers(document: DocxDocument, view: DocumentView) -> None:
    """``- ๒ -`` centred at the top from the second page on; the first page has none."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.oxml.parser import OxmlElement  # noqa: PLC0415

    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_run(paragraph, "- ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), r"PAGE \* ThaiArabic" if view.thai_digits else "PAGE")
    result = OxmlElement("w:r")  # the last computed value; Word and LibreOffice update it
    result_props = OxmlElement("w:rPr")
    _set_font(cast("CT_RPr", result_props))
    result_text = OxmlElement("w:t")
    result_text.text = _digits(view, "2")
    result.append(result_props)
    result.append(result_text)
    field.append(result)
    paragraph._p.append(field)
    _add_run(paragraph, " -")  # appended after the field


def _draft_mark(document: DocxDocument) -> None:
    """``ร่าง`` at the top right of every page (both header kinds)."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415

    section = document.sections[0]
    for header in (section.first_page_header, section.header):
        paragraph = header.paragraphs[0]
        mark = paragraph.insert_paragraph_before()
        mark.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        _add_run(mark, DRAFT_MARK, bold=True)


def document_docx(view: DocumentView) -> bytes:
    """The document as a Word file (python-docx), Sarabun 16 pt, A4, the regulation's margins."""
    import docx  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH  # noqa: PLC0415
    from docx.shared import Cm  # noqa: PLC0415

    document = docx.Document()
    _set_up_document(document)
    _add_page_numbers(document, view)
    if view.draft:
        _draft_mark(document)

    # The emblem, 3 cm tall and centred; the same space is left empty without one.
    emblem = document.paragraphs[0] if document.paragraphs else document.add_paragraph()
    emblem.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if view.emblem is not None:
        emblem.add_run().add_picture(io.BytesIO(view.emblem), height=Cm(EMBLEM_HEIGHT_CM))
    else:
        emblem.paragraph_format.line_spacing = Cm(EMBLEM_HEIGHT_CM)

    for line in heading_lines(view):
        _add_lines(document, [line], bold=True, centred=True)
    _add_rule(document)
    for lines in _body_paragraphs(view):
        _add_lines(document, lines, first_line_indent_cm=PARAGRAPH_INDENT_CM)
    _add_lines(
        document,
        [effective_line(view)],
        first_line_indent_cm=PARAGRAPH_INDENT_CM,
        space_before_lines=1,
    )
    _add_lines(
        document, [date_line(view)], left_indent_cm=DATE_LINE_INDENT_CM, space_before_lines=1
    )
    _add_lines(
        document,
        [f"({view.signer_name})", _digits(view, view.signer_position)],
        centred=True,
        left_indent_cm=SIGNATURE_INDENT_CM,
        space_before_lines=SIGNATURE_SPACE_LINES,
    )

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
