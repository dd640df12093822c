"""Documents citizens attach: PDF, JPEG or PNG judged by their content (never by the name or
the browser's word), within the service's size and count limits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from govflex.common.errors import ValidationFailed

KINDS = (
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
)


@dataclass(frozen=True)
class CheckedFile:
    upload: Any
    original_name: str
    content_type: str
    extension: str
    size: int

    def stored_name(self) -> str:
        """A name that tells nothing about the citizen (the original is kept in the row)."""
        return f"{uuid.uuid4().hex}.{self.extension}"


def _kind(upload: Any) -> tuple[str, str] | None:
    head = upload.read(16)
    upload.seek(0)
    for signature, content_type, extension in KINDS:
        if head.startswith(signature):
            return content_type, extension
    return None


def check_files(
    uploads: list[Any], *, max_files: int, max_file_mb: int, required: bool, field: str = "files"
) -> list[CheckedFile]:
    """All problems at once, each naming the file, so the citizen fixes them in one go."""
    uploads = [u for u in uploads if u is not None and u.name]
    problems: list[str] = []
    if required and not uploads:
        problems.append(_("Attach the documents this service asks for."))
    if max_files == 0 and uploads:
        problems.append(_("This service takes no documents."))
    elif len(uploads) > max_files:
        problems.append(
            _("Attach at most %(most)d files (you chose %(count)d).")
            % {"most": max_files, "count": len(uploads)}
        )
    checked: list[CheckedFile] = []
    limit = max_file_mb * 1024 * 1024
    for upload in uploads:
        name = str(upload.name)[-200:]
        size = int(upload.size or 0)
        if size > limit:
            problems.append(
                _("%(name)s is larger than %(mb)d MB.") % {"name": name, "mb": max_file_mb}
            )
            continue
        if size == 0:
            problems.append(_("%(name)s is empty.") % {"name": name})
            continue
        kind = _kind(upload)
        if kind is None:
            problems.append(
                _("%(name)s is not a PDF, JPEG or PNG file (judged by its content).")
                % {"name": name}
            )
            continue
        checked.append(CheckedFile(upload, name, kind[0], kind[1], size))
    if problems:
        raise ValidationFailed(details={"fields": {field: problems}})
    return checked
