"""Web pages for orders and announcements: list, prepare, review, sign, publish, read and
acknowledge, remind, and download as PDF or Word."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from govflex.common.errors import DomainError, NotFound, error_text
from govflex.common.forms import BEDateField
from govflex.core.thaidate import format_date
from govflex.org.access import access_for
from govflex.org.models import Unit
from govflex.org.views.helpers import chosen_agency, domain_errors, form_errors
from govflex.policies.document_settings import document_settings_set
from govflex.policies.documents import (
    THAI_KIND,
    acknowledgement_by_unit,
    audience,
    document_acknowledge,
    document_get,
    document_publish,
    document_remind,
    document_save,
    document_sign,
    document_submit,
    documents_visible,
    may_sign,
    may_write,
)
from govflex.policies.documents_render import (
    date_line,
    document_docx,
    document_pdf,
    effective_line,
    heading_lines,
)
from govflex.policies.documents_view import body_template, settings_of, view_of
from govflex.policies.exports import acknowledgement_xlsx
from govflex.policies.models import Acknowledgement, OfficialDocument, PolicyVersion
from govflex.privacy.exportlog import log_personal_export


class DocumentForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=OfficialDocument.Kind.choices)
    subject = forms.CharField(label=gettext_lazy("Subject"), max_length=300)
    body = forms.CharField(
        label=gettext_lazy("Text"),
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=gettext_lazy("Paragraphs are separated by an empty line."),
    )
    effective_date = BEDateField(label=gettext_lazy("Effective date"))
    unit = forms.TypedChoiceField(
        label=gettext_lazy("Concerns (empty: the whole agency)"), coerce=int, required=False
    )
    policy_version = forms.TypedChoiceField(
        label=gettext_lazy("Enacts the policy draft"), coerce=int, required=False
    )
    amends = forms.TypedChoiceField(
        label=gettext_lazy("Amends or cancels the published document"), coerce=int, required=False
    )

    def __init__(self, *args: Any, agency: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(agency=agency, active=True).order_by("path")
        self.fields["unit"].choices = [("", "—"), *[(u.pk, u.name_th) for u in units]]  # type: ignore[attr-defined]
        drafts = PolicyVersion.objects.filter(agency=agency, status=PolicyVersion.Status.DRAFT)
        self.fields["policy_version"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(v.pk, f"{format_date(v.effective_from)} {v.name}") for v in drafts],
        ]
        published = OfficialDocument.objects.filter(
            agency=agency, status=OfficialDocument.Status.PUBLISHED
        ).order_by("-published_at")[:200]
        self.fields["amends"].choices = [  # type: ignore[attr-defined]
            ("", "—"),
            *[(d.pk, f"{THAI_KIND[d.kind]} {d.number}/{d.year_be} {d.subject}") for d in published],
        ]


@login_required
@domain_errors
def document_list(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    items = documents_visible(actor=request.user, agency_id=agency.pk)[:200]
    person_id = access_for(request.user).person_id or 0
    acknowledged = set(
        Acknowledgement.objects.filter(person_id=person_id).values_list("document_id", flat=True)
    )
    return render(
        request,
        "policies/documents.html",
        {
            "agency": agency,
            "items": items,
            "acknowledged": acknowledged,
            "can_write": may_write(request.user, agency.pk),
        },
    )


def _save(request: HttpRequest, form: DocumentForm, agency: Any, document_id: int | None) -> Any:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    unit = Unit.objects.filter(pk=data["unit"], agency=agency).first() if data["unit"] else None
    version = (
        PolicyVersion.objects.filter(pk=data["policy_version"], agency=agency).first()
        if data["policy_version"]
        else None
    )
    amends = (
        OfficialDocument.objects.filter(pk=data["amends"], agency=agency).first()
        if data["amends"]
        else None
    )
    try:
        saved = document_save(
            actor=request.user,
            agency=agency,
            kind=data["kind"],
            subject=data["subject"],
            body=data["body"],
            effective_date=data["effective_date"],
            unit=unit,
            policy_version=version,
            amends=amends,
            document_id=document_id,
        )
    except DomainError as exc:
        form_errors(form, exc)
        return None
    messages.success(request, _("The draft was saved."))
    return redirect("policies:document", document_id=saved.pk)


@login_required
@domain_errors
def document_new(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    kind = request.GET.get("kind", "order")
    form = DocumentForm(
        request.POST or None,
        agency=agency,
        initial={
            "kind": kind,
            "body": body_template(agency, kind),
            "effective_date": timezone.localdate(),
            "subject": _("Work arrangements under the new-normal work guideline"),
        },
    )
    if request.method == "POST":
        saved = _save(request, form, agency, None)
        if saved is not None:
            return saved  # type: ignore[no-any-return]
    return render(request, "policies/document_form.html", {"form": form, "agency": agency})


@login_required
@domain_errors
def document_edit(request: HttpRequest, document_id: int) -> HttpResponse:
    document = document_get(actor=request.user, document_id=document_id)
    if document.status not in {"draft", "in_review"}:
        raise NotFound
    form = DocumentForm(
        request.POST or None,
        agency=document.agency,
        initial={
            "kind": document.kind,
            "subject": document.subject,
            "body": document.body,
            "effective_date": document.effective_date,
            "unit": document.unit_id or "",
            "policy_version": document.policy_version_id or "",
            "amends": document.amends_id or "",
        },
    )
    if request.method == "POST":
        saved = _save(request, form, document.agency, document.pk)
        if saved is not None:
            return saved  # type: ignore[no-any-return]
    return render(
        request,
        "policies/document_form.html",
        {"form": form, "agency": document.agency, "document": document},
    )


@login_required
@domain_errors
def document_detail(request: HttpRequest, document_id: int) -> HttpResponse:
    document = document_get(actor=request.user, document_id=document_id)
    view = view_of(document)
    access = access_for(request.user)
    writer = may_write(request.user, document.agency_id)
    if request.GET.get("format") == "xlsx" and writer:
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        rows = audience(document).count()
        log_personal_export(
            request.user,
            "policies.acknowledgements",
            document.agency_id,
            rows,
            {"document": document.pk, "format": "xlsx"},
        )
        return _download(document, acknowledgement_xlsx(document), "xlsx", mime)
    published = document.status == OfficialDocument.Status.PUBLISHED
    concerned = (
        published
        and access.person_id is not None
        and audience(document).filter(pk=access.person_id).exists()
    )
    return render(
        request,
        "policies/document.html",
        {
            "document": document,
            "view": view,
            "kind_th": THAI_KIND[document.kind],
            "paragraphs": [p for p in view.body.split("\n\n") if p.strip()],
            "heading": heading_lines(view),
            "date_line": date_line(view),
            "effective_line": effective_line(view),
            "writer": writer,
            "can_sign": may_sign(request.user, document.agency_id)
            and document.status == OfficialDocument.Status.IN_REVIEW,
            "concerned": concerned,
            "acknowledged": concerned
            and Acknowledgement.objects.filter(
                document=document, person_id=access.person_id or 0
            ).exists(),
            "by_unit": acknowledgement_by_unit(document) if published and writer else [],
            "past": document.effective_date < timezone.localdate(),
        },
    )


@login_required
@require_POST
@domain_errors
def document_action(request: HttpRequest, document_id: int) -> HttpResponse:
    document = document_get(actor=request.user, document_id=document_id)
    action = request.POST.get("action", "")
    actions: dict[str, Callable[[], object]] = {
        "submit": lambda: document_submit(
            actor=request.user, agency=document.agency, document_id=document.pk
        ),
        "sign": lambda: document_sign(
            actor=request.user, agency=document.agency, document_id=document.pk
        ),
        "publish": lambda: document_publish(
            actor=request.user,
            agency=document.agency,
            document_id=document.pk,
            backdate_reason=request.POST.get("backdate_reason", ""),
        ),
        "acknowledge": lambda: document_acknowledge(actor=request.user, document=document),
        "remind": lambda: document_remind(actor=request.user, document=document),
    }
    if action not in actions:
        raise NotFound
    try:
        actions[action]()
    except DomainError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, _("Done."))
    return redirect("policies:document", document_id=document.pk)


def _download(document: OfficialDocument, content: bytes, suffix: str, mime: str) -> HttpResponse:
    response = HttpResponse(content, content_type=mime)
    number = f"{document.number}-{document.year_be}" if document.number else f"draft-{document.pk}"
    response["Content-Disposition"] = f'attachment; filename="{document.kind}-{number}.{suffix}"'
    return response


@login_required
@domain_errors
def document_file(request: HttpRequest, document_id: int, suffix: str) -> HttpResponse:
    if suffix not in {"pdf", "docx"}:
        raise NotFound
    document = document_get(actor=request.user, document_id=document_id)
    view = view_of(document)
    if suffix == "pdf":
        return _download(document, document_pdf(view), "pdf", "application/pdf")
    mime = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    return _download(document, document_docx(view), "docx", mime)


class SettingsForm(forms.Form):
    issuer = forms.CharField(
        label=gettext_lazy("Issuer as printed (empty: the agency's name)"),
        max_length=200,
        required=False,
    )
    thai_digits = forms.BooleanField(label=gettext_lazy("Thai digits"), required=False)
    emblem = forms.FileField(
        label=gettext_lazy("Garuda emblem (PNG or JPEG, at most 1 MB)"), required=False
    )


@login_required
@domain_errors
def document_settings(request: HttpRequest) -> HttpResponse:
    agency = chosen_agency(request)
    if not may_write(request.user, agency.pk):
        raise NotFound
    current = settings_of(agency)
    form = SettingsForm(
        request.POST or None,
        request.FILES or None,
        initial={"issuer": current.issuer, "thai_digits": current.thai_digits},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            document_settings_set(
                actor=request.user,
                agency=agency,
                issuer=data["issuer"],
                thai_digits=data["thai_digits"],
                emblem=data["emblem"],
            )
        except DomainError as exc:
            form_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("policies:documents")
    return render(
        request,
        "policies/document_settings.html",
        {"form": form, "agency": agency, "current": current},
    )
