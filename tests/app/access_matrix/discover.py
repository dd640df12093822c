"""Discovery (a tool for writing entries, not a test): walk routes with a guessed entry and print
what each role gets, as a draft line for the table. ACCESS_MATRIX_DISCOVER=1 runs it."""

from __future__ import annotations

from tests.app.access_matrix.expect import SIGNED_IN, Rule, _parse

GUESS = {
    "person_id": "person",
    "unit_id": "unit",
    "position_id": "position",
    "site_id": "site",
    "token_id": "token",
    "grant_id": "grant",
    "correction_id": "correction",
    "leave_id": "leave",
    "kiosk_id": "kiosk",
    "delegation_id": "delegation",
    "proposal_id": "proposal",
    "notification_id": "notification",
    "version_id": "policy",
    "document_id": "document",
    "item_id": "work_item",
    "template_id": "template",
    "output_id": "work_output",
    "check_id": "contact_check",
    "answer_id": "contact_answer",
    "report_id": "day_report",
    "emergency_id": "emergency",
    "roll_call_id": "roll_call",
    "round_id": "round",
    "survey_id": "survey",
    "file_id": "request_file",
    "service_id": "service",
    "agency_id": "agency",
    "subscription_id": "webhook",
    "assessment_id": "assessment",
}
BODY_GUESS = {
    "agency_id": "agency",
    "unit_id": "unit",
    "unit": "unit",
    "person": "person",
    "person_id": "person",
    "partner_id": "person",
    "service_id": "service",
    "survey_id": "survey",
    "emergency_id": "emergency",
    "template_id": "template",
    "policy_version_id": "policy",
    "order_id": "document",
    "staff_id": "person.staff_id",
}
FIXED = {
    "kind": "people",
    "fmt": "csv",
    "suffix": "pdf",
    "day": "2026-12-01",
    "path": "x.txt",
    "url": "nowhere/",
    "app_label": "org",
    "object_id": "1",
    "content_type_id": "1",
    "pk": "1",
    "token": "x",
    "code": "x",
    "agency_code": "mx-a",
    "service_code": "x",
}


def guess(route: object) -> Rule:
    key, params = route.key, route.params  # type: ignore[attr-defined]
    refs = {}
    for p in params:
        if p in GUESS:
            refs[p] = GUESS[p]
        elif p == "job_id":
            refs[p] = (
                "import_job"
                if "import" in key
                else "export_job"
                if "export" in key
                else "terminal_job"
            )
        elif p == "request_id":
            refs[p] = "service_request" if "eservice" in key else "arrangement_request"
    if key == "arrangements:ical":
        refs = {"token": "@ical"}
    if key.startswith("attendance:kiosk_"):
        refs["key"] = "@kiosk"
    if "status/{code}" in key:
        refs = {"code": "@tracking"}
    if key == "eservice_public:catalogue":
        refs = {"agency_code": "agency.code"}
    if key == "eservice_public:form":
        refs = {"agency_code": "service.agency.code", "service_code": "service.code"}
    if route.is_api:  # type: ignore[attr-defined]
        from tests.app.access_matrix.body import body_for
        from tests.app.access_matrix.check import _operation, _schema
        from tests.app.access_matrix.routes import api_operations  # noqa: F401

        op = _operation(route)  # type: ignore[arg-type]
        names = {p["name"] for p in op.get("parameters", []) if p["in"] == "query"}
        names |= body_for(op, _schema()["components"]["schemas"])[2]
        for name in names:
            if name in BODY_GUESS and name not in params:
                refs[name] = BODY_GUESS[name]
    fixed = {p: FIXED[p] for p in params if p in FIXED and p not in refs}
    allow = _parse(SIGNED_IN)
    allow = {r: frozenset({"in", "out", "foreign"}) for r in allow} if refs else allow
    return Rule(allow, refs=refs, fixed=fixed)
