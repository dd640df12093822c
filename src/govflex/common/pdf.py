"""Printable tables as PDF (WeasyPrint with the vendored Sarabun font, A4 landscape).

Reports and rosters share one print layout: a title, the period and print time, one table.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from govflex.core import thaidate

FONT_DIR = Path(settings.PACKAGE_DIR) / "static" / "vendor" / "sarabun"


Table = tuple[str, list[str], list[list[str]]]  # a caption, the header, the rows


def table_pdf(
    *,
    title: str,
    period: str,
    header: list[str],
    rows: list[list[str]],
    more: list[Table] | None = None,
) -> bytes:
    """One table; ``more`` adds captioned tables after it (e.g. a summary, then its people)."""
    from weasyprint import HTML  # type: ignore[import-untyped]  # noqa: PLC0415 - heavy import

    lang = "th" if (translation.get_language() or "th").startswith("th") else "en"
    html = render_to_string(
        "print/table_pdf.html",
        {
            "title": title,
            "period": period,
            "header": header,
            "rows": rows,
            "more": more or [],
            "font_dir": FONT_DIR.as_uri(),
            "printed": thaidate.format_datetime(timezone.localtime(), lang=lang),
        },
    )
    return HTML(string=html).write_pdf()  # type: ignore[no-any-return]
