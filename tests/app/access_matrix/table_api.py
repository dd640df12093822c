"""Expectations (see expect.py for how an entry is written). Notes marked FINDING or WEAK
are listed in docs/security.md, "Access matrix"."""

from __future__ import annotations

from tests.app.access_matrix.expect import ALL_VARIANTS, SIGNED_IN, Rule, api

MISSING_AGENCY = (
    "FINDING (minor): the administrator gets 200 and empty data for an agency that does not exist"
)

DAY = "2026-12-01"  # a day for the day-keyed paths (the answer may be 422: past the permission)

LATE = (
    "FINDING: the body is judged before the permission; with a minimal body every viewer gets "
    "422, so this entry proves the scope (404 out of scope) but not the role"
)

API: dict[str, list[Rule]] = {
    "DELETE /api/v1/agencies/{agency_id}/webhooks/{subscription_id}": [
        api("hr:i admin:if other:f", refs={"agency_id": "agency", "subscription_id": "webhook"})
    ],
    "DELETE /api/v1/me/tokens/{token_id}": [api("staff:i", refs={"token_id": "token"})],
    "DELETE /api/v1/policies/{version_id}": [
        api("hr:i executive:i admin:if other:f", refs={"version_id": "policy"})
    ],
    "GET /api/v1/agencies": [api(SIGNED_IN)],
    "GET /api/v1/agencies/{agency_id}": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/agencies/{agency_id}/approval-settings": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/assessments/summary": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/agencies/{agency_id}/dashboard": [
        api(
            "supervisor:i hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency", "unit_id": "unit"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/dashboard/people": [
        api(
            "supervisor:i hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency", "unit_id": "unit"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/dashboard/today": [
        api(
            "supervisor:i hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency", "unit_id": "unit"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/dashboard/trend": [
        api(
            "supervisor:i hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency", "unit_id": "unit"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/dashboard/units": [
        api(
            "supervisor:i hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency", "unit_id": "unit"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/documents": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/evaluation": [
        api(
            "hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency"},
            query="change=x",
            ok=(422,),
            checked_late=(
                "the change key is read before the permission: a malformed key is 422 for every "
                "role (no data)"
            ),
        )
    ],
    "GET /api/v1/agencies/{agency_id}/evaluation/changes": [
        api(
            "hr:i executive:i auditor:i admin:if other:f",
            refs={"agency_id": "agency"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/policies": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
            missing_ok=MISSING_AGENCY,
        )
    ],
    "GET /api/v1/agencies/{agency_id}/suitability-matrix": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/agencies/{agency_id}/webhooks": [
        api("hr:i admin:if other:f", refs={"agency_id": "agency"}, missing_ok=MISSING_AGENCY)
    ],
    "GET /api/v1/arrangement-requests": [api(SIGNED_IN)],
    "GET /api/v1/arrangement-requests/{request_id}": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"request_id": "arrangement_request"},
        )
    ],
    "GET /api/v1/checklist-templates": [
        api(
            "staff:io supervisor:io hr:io executive:io auditor:io admin:iof other:f central:io",
            refs={"unit_id": "unit"},
        )
    ],
    "GET /api/v1/contact-checks/{check_id}": [
        api(
            "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"check_id": "contact_check"},
        )
    ],
    "GET /api/v1/corrections": [api(SIGNED_IN)],
    "GET /api/v1/corrections/pending": [api(SIGNED_IN)],
    "GET /api/v1/day-reports/to-review": [api(SIGNED_IN)],
    "GET /api/v1/day-results": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person": "person", "unit": "unit"},
        )
    ],
    "GET /api/v1/delegations": [api(SIGNED_IN)],
    "GET /api/v1/documents/{document_id}": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"document_id": "document"},
        )
    ],
    "GET /api/v1/documents/{document_id}/acknowledgements": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"document_id": "document"},
        )
    ],
    "GET /api/v1/documents/{document_id}/file.{suffix}": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"document_id": "document"},
            fixed={"suffix": "pdf"},
        )
    ],
    "GET /api/v1/emergencies": [api(SIGNED_IN)],
    "GET /api/v1/emergencies/active": [api(SIGNED_IN)],
    "GET /api/v1/emergencies/{emergency_id}": [
        api("hr:i executive:i admin:if other:f", refs={"emergency_id": "emergency"})
    ],
    "GET /api/v1/emergencies/{emergency_id}/people": [
        api("hr:i executive:i admin:if other:f", refs={"emergency_id": "emergency"})
    ],
    "GET /api/v1/eservice/requests": [
        api(
            "staff:iof supervisor:iof hr:iof executive:iof auditor:iof admin:iof other:iof "
            "central:iof",
            refs={"service_id": "service"},
        )
    ],
    "GET /api/v1/eservice/requests/{request_id}": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"request_id": "service_request"},
        )
    ],
    "GET /api/v1/eservice/services": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/eservice/services/{service_id}": [
        api(
            "staff:io supervisor:io hr:io executive:io auditor:io admin:iof other:f central:io",
            refs={"service_id": "service"},
        )
    ],
    "GET /api/v1/imports/templates/{kind}": [api(SIGNED_IN, fixed={"kind": "people"})],
    "GET /api/v1/imports/{job_id}": [api("hr:i admin:if other:f", refs={"job_id": "import_job"})],
    "GET /api/v1/leave": [api("staff supervisor hr executive auditor other central")],
    "GET /api/v1/leave/balances": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person": "person"},
        )
    ],
    "GET /api/v1/leave/pending": [api(SIGNED_IN)],
    "GET /api/v1/me": [api(SIGNED_IN)],
    "GET /api/v1/me/data": [api(SIGNED_IN)],
    "GET /api/v1/me/day-reports": [api("staff supervisor hr executive auditor other central")],
    "GET /api/v1/me/notifications": [api(SIGNED_IN)],
    "GET /api/v1/me/pulse-rounds": [api("staff supervisor hr executive auditor other central")],
    "GET /api/v1/me/roll-calls": [api(SIGNED_IN)],
    "GET /api/v1/me/roster-preferences": [
        api("staff supervisor hr executive auditor other central")
    ],
    "GET /api/v1/me/today": [api("staff supervisor hr executive auditor other central")],
    "GET /api/v1/me/tokens": [api(SIGNED_IN)],
    "GET /api/v1/me/work-items": [api("staff supervisor hr executive auditor other central")],
    "GET /api/v1/national": [api("admin central")],
    "GET /api/v1/people": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"unit": "unit", "agency_id": "agency"},
        )
    ],
    "GET /api/v1/people/{person_id}": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person_id": "person"},
        )
    ],
    "GET /api/v1/people/{person_id}/arrangement": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person_id": "person"},
        )
    ],
    "GET /api/v1/people/{person_id}/evidence": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person_id": "person"},
        )
    ],
    "GET /api/v1/people/{person_id}/readiness": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person_id": "person"},
        )
    ],
    "GET /api/v1/policies/compare": [
        api("hr:i executive:i admin:if other:f", refs={"a": "policy", "b": "policy"})
    ],
    "GET /api/v1/policies/{version_id}": [
        api("hr:i executive:i admin:if other:f", refs={"version_id": "policy"})
    ],
    "GET /api/v1/positions": [
        api(
            "staff:if supervisor:if hr:if executive:if auditor:if admin:if other:if central:if",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/positions/{position_id}": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"position_id": "position"},
        )
    ],
    "GET /api/v1/positions/{position_id}/assessments": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"position_id": "position"},
        )
    ],
    "GET /api/v1/public/eservice/status/{code}": [
        api(
            "anonymous:iof " + ALL_VARIANTS,
            refs={"code": "@tracking"},
            public=(
                "citizen status by tracking code (the request's own status only; a forged code "
                "gets 404)"
            ),
        )
    ],
    "GET /api/v1/pulse-rounds/{round_id}/results": [
        api(
            "supervisor:i hr:i executive:i auditor:i admin:if other:f",
            refs={"round_id": "round", "unit_id": "unit"},
        )
    ],
    "GET /api/v1/pulse-scores": [
        api(
            "hr:i executive:i auditor:i admin:if other:f",
            refs={"survey_id": "survey", "agency_id": "agency"},
        )
    ],
    "GET /api/v1/punches": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person": "person", "unit": "unit"},
        )
    ],
    "GET /api/v1/recalls": [api(SIGNED_IN)],
    "GET /api/v1/roll-calls/{roll_call_id}/board": [
        api(
            "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"roll_call_id": "roll_call"},
        )
    ],
    "GET /api/v1/roll-calls/{roll_call_id}/results": [
        api(
            "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"roll_call_id": "roll_call"},
        )
    ],
    "GET /api/v1/roster-proposals/{proposal_id}": [
        api("supervisor:i hr:io executive:io admin:iof other:f", refs={"proposal_id": "proposal"})
    ],
    "GET /api/v1/terminal-logs/{job_id}": [
        api("hr:i admin:if other:f", refs={"job_id": "terminal_job"})
    ],
    "GET /api/v1/units": [
        api(
            "staff:if supervisor:if hr:if executive:if auditor:if admin:if other:if central:if",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/units/{unit_id}": [
        api(
            "staff:io supervisor:io hr:io executive:io auditor:io admin:iof other:f central:io",
            refs={"unit_id": "unit"},
        )
    ],
    "GET /api/v1/units/{unit_id}/evidence": [
        api(
            "supervisor:i hr:io executive:io auditor:io admin:iof other:f", refs={"unit_id": "unit"}
        )
    ],
    "GET /api/v1/units/{unit_id}/roster": [
        api(
            "staff:io supervisor:io hr:io executive:io auditor:io admin:iof other:f central:io",
            refs={"unit_id": "unit"},
            note=(
                "any unit of the agency; the rows are only the people in the caller's scope "
                "(roster_rows)"
            ),
        )
    ],
    "GET /api/v1/work-items/{item_id}": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"item_id": "work_item"},
        )
    ],
    "GET /api/v1/work-search": [api(SIGNED_IN)],
    "GET /api/v1/work-sites": [
        api(
            "staff:if supervisor:if hr:if executive:if auditor:if admin:if other:if central:if",
            refs={"agency_id": "agency"},
        )
    ],
    "GET /api/v1/work-sites/{site_id}": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
            refs={"site_id": "site"},
        )
    ],
    "POST /api/v1/agencies/{agency_id}/assessments/bulk": [
        api("hr:i admin:if other:f", refs={"agency_id": "agency"})
    ],
    "POST /api/v1/agencies/{agency_id}/documents": [
        api(
            "hr:i executive:i admin:if other:f",
            refs={"agency_id": "agency", "policy_version_id": "policy", "unit_id": "unit"},
        )
    ],
    "POST /api/v1/agencies/{agency_id}/policies": [
        api("hr:i executive:i admin:if other:f", refs={"agency_id": "agency"})
    ],
    "POST /api/v1/agencies/{agency_id}/webhooks": [
        api("hr:i admin:if other:f", refs={"agency_id": "agency"})
    ],
    "POST /api/v1/arrangement-requests": [
        api("staff supervisor hr executive auditor other central")
    ],
    "POST /api/v1/arrangement-requests/bulk-approve": [
        api(
            "staff supervisor hr executive auditor admin other central",
            note="each listed request is decided on its own: one the caller may not decide "
            "comes back refused with the reason, an empty list is an empty answer",
        )
    ],
    "POST /api/v1/arrangement-requests/{request_id}/approve": [
        api("supervisor:i hr:io other:f", refs={"request_id": "arrangement_request"})
    ],
    "POST /api/v1/arrangement-requests/{request_id}/reject": [
        api("supervisor:i hr:io other:f", refs={"request_id": "arrangement_request"})
    ],
    "POST /api/v1/arrangement-requests/{request_id}/withdraw": [
        api("staff:i", refs={"request_id": "arrangement_request"})
    ],
    "POST /api/v1/assessments/{assessment_id}/decide": [
        api("hr:i admin:if other:f", refs={"assessment_id": "assessment"})
    ],
    "POST /api/v1/checklist-templates": [
        api("supervisor:i hr:i admin:if other:f", refs={"agency_id": "agency", "unit_id": "unit"})
    ],
    "POST /api/v1/contact-answers/{answer_id}": [
        api("staff:i", refs={"answer_id": "contact_answer"})
    ],
    "POST /api/v1/contact-checks": [
        api(
            "supervisor:i hr:io admin:iof other:f",
            refs={"unit_id": "unit"},
            checked_late=(
                "check_send says 'Nobody to check' (422) before the permission when the unit "
                "holds nobody but the caller (staff alone in A1)"
            ),
        )
    ],
    "POST /api/v1/corrections": [api("staff supervisor hr executive auditor other central")],
    "POST /api/v1/corrections/{correction_id}/decision": [
        api("supervisor:i hr:io admin:iof other:f", refs={"correction_id": "correction"})
    ],
    "POST /api/v1/corrections/{correction_id}/withdraw": [
        api("staff:i", refs={"correction_id": "correction"})
    ],
    "POST /api/v1/day-reports/{report_id}/review": [
        api("supervisor:i hr:io admin:iof other:f", refs={"report_id": "day_report"})
    ],
    "POST /api/v1/delegations": [api("supervisor hr executive other")],
    "POST /api/v1/delegations/{delegation_id}/end": [
        api("supervisor:i", refs={"delegation_id": "delegation"})
    ],
    "POST /api/v1/documents/{document_id}/acknowledge": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i other:f central:i",
            refs={"document_id": "document"},
        )
    ],
    "POST /api/v1/documents/{document_id}/publish": [
        api("hr:i executive:i admin:if other:f", refs={"document_id": "document"})
    ],
    "POST /api/v1/documents/{document_id}/remind": [
        api("hr:i executive:i admin:if other:f", refs={"document_id": "document"})
    ],
    "POST /api/v1/documents/{document_id}/sign": [
        api("executive:i admin:if", refs={"document_id": "document"})
    ],
    "POST /api/v1/documents/{document_id}/submit": [
        api("hr:i executive:i admin:if other:f", refs={"document_id": "document"})
    ],
    "POST /api/v1/emergencies": [
        api(
            "hr:i executive:i admin:if other:f",
            refs={"agency_id": "agency", "order_id": "document"},
        )
    ],
    "POST /api/v1/emergencies/{emergency_id}/declare": [
        api("executive:i admin:if", refs={"emergency_id": "emergency"})
    ],
    "POST /api/v1/emergencies/{emergency_id}/end": [
        api("executive:i admin:if", refs={"emergency_id": "emergency"})
    ],
    "POST /api/v1/emergencies/{emergency_id}/extend": [
        api("executive:i admin:if", refs={"emergency_id": "emergency"})
    ],
    "POST /api/v1/eservice/requests/{request_id}/accept": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"request_id": "service_request"},
        )
    ],
    "POST /api/v1/eservice/requests/{request_id}/ask-info": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"request_id": "service_request"},
        )
    ],
    "POST /api/v1/eservice/requests/{request_id}/complete": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"request_id": "service_request"},
        )
    ],
    "POST /api/v1/eservice/requests/{request_id}/notes": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"request_id": "service_request"},
        )
    ],
    "POST /api/v1/eservice/requests/{request_id}/reject": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"request_id": "service_request"},
        )
    ],
    "POST /api/v1/imports": [api("hr:i admin:if other:f", refs={"agency_id": "agency"})],
    "POST /api/v1/leave": [api("staff supervisor hr executive auditor other central")],
    "POST /api/v1/leave/import": [api("hr:i admin:if other:f", refs={"agency_id": "agency"})],
    "POST /api/v1/leave/{leave_id}/cancel": [
        api("staff:i hr:io admin:iof other:f", refs={"leave_id": "leave"})
    ],
    "POST /api/v1/leave/{leave_id}/decision": [
        api("supervisor:i hr:io admin:iof other:f", refs={"leave_id": "leave"})
    ],
    "POST /api/v1/me/calendar-feed": [api("staff supervisor hr executive auditor other central")],
    "POST /api/v1/me/day-reports/{day}/result": [
        api("staff supervisor hr executive auditor other central", fixed={"day": DAY})
    ],
    "POST /api/v1/me/notifications/{notification_id}/read": [
        api("staff:i", refs={"notification_id": "notification"})
    ],
    "POST /api/v1/people": [
        api("hr:i admin:if other:f", refs={"staff_id": "person.staff_id", "agency_id": "agency"})
    ],
    "POST /api/v1/policies/{version_id}/issue": [
        api("executive:i admin:if", refs={"version_id": "policy"})
    ],
    "POST /api/v1/positions": [api("hr:i admin:if other:f", refs={"agency_id": "agency"})],
    "POST /api/v1/positions/{position_id}/assessments": [
        api("hr:i admin:if other:f", refs={"position_id": "position", "person_id": "person"})
    ],
    "POST /api/v1/pulse-rounds/{round_id}/answers": [
        api(
            "staff:i supervisor:i hr:i executive:i auditor:i other:f central:i",
            refs={"round_id": "round"},
        )
    ],
    "POST /api/v1/punches": [
        api(
            "staff:i",
            refs={"staff_id": "person.staff_id", "agency_id": "agency"},
            refused=(422,),
            note="a person punches for themselves; a staff ID out of scope is refused as unknown "
            "(422), exactly like one that does not exist",
        )
    ],
    "POST /api/v1/punches/bulk": [api(SIGNED_IN, checked_late=LATE)],
    "POST /api/v1/recalls": [
        api(
            "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
            refs={"person_id": "person", "unit_id": "unit"},
            checked_late=LATE,
        )
    ],
    "POST /api/v1/roll-calls": [
        api(
            "executive:i admin:if",
            refs={"agency_id": "agency", "unit_id": "unit", "emergency_id": "emergency"},
        )
    ],
    "POST /api/v1/roll-calls/{roll_call_id}/answer": [
        api("staff:i other:f", refs={"roll_call_id": "roll_call"})
    ],
    "POST /api/v1/roll-calls/{roll_call_id}/close": [
        api("supervisor:i executive:io admin:iof", refs={"roll_call_id": "roll_call"})
    ],
    "POST /api/v1/roster-proposals": [
        api("supervisor:i hr:io executive:io admin:iof other:f", refs={"unit_id": "unit"})
    ],
    "POST /api/v1/roster-proposals/{proposal_id}/discard": [
        api("supervisor:i hr:io executive:io admin:iof other:f", refs={"proposal_id": "proposal"})
    ],
    "POST /api/v1/roster-proposals/{proposal_id}/publish": [
        api("supervisor:i hr:io executive:io admin:iof other:f", refs={"proposal_id": "proposal"})
    ],
    "POST /api/v1/swaps": [
        api(
            "staff:io supervisor:io hr:io executive:io auditor:io other:f central:io",
            refs={"partner_id": "person"},
        )
    ],
    "POST /api/v1/swaps/{request_id}/answer": [
        api("admin:iof", refs={"request_id": "arrangement_request"})
    ],
    "POST /api/v1/terminal-logs": [api("hr:i admin:if other:f", refs={"agency_id": "agency"})],
    "POST /api/v1/units": [api("hr:i admin:if other:f", refs={"agency_id": "agency"})],
    "POST /api/v1/work-items": [
        api(
            "staff:io supervisor:io hr:io executive:io auditor:io other:f central:io",
            refs={"template_id": "template", "unit_id": "unit"},
            checked_late=LATE,
        )
    ],
    "POST /api/v1/work-items/{item_id}/comments": [
        api(
            "staff:i supervisor:i hr:io executive:io admin:iof other:f",
            refs={"item_id": "work_item"},
            note="auditors read work items but do not comment (403)",
        )
    ],
    "POST /api/v1/work-items/{item_id}/outputs": [api("staff:i", refs={"item_id": "work_item"})],
    "POST /api/v1/work-items/{item_id}/progress": [
        api("staff:i supervisor:i hr:io admin:iof other:f", refs={"item_id": "work_item"})
    ],
    "POST /api/v1/work-sites": [api("hr:i admin:if other:f", refs={"agency_id": "agency"})],
    "PUT /api/v1/agencies/{agency_id}/approval-settings": [
        api("hr:i executive:i admin:if other:f", refs={"agency_id": "agency"})
    ],
    "PUT /api/v1/agencies/{agency_id}/suitability-matrix": [
        api("hr:i admin:if other:f", refs={"agency_id": "agency"})
    ],
    "PUT /api/v1/checklist-templates/{template_id}": [
        api(
            "supervisor:i hr:i admin:if other:f",
            refs={"template_id": "template", "agency_id": "agency", "unit_id": "unit"},
        )
    ],
    "PUT /api/v1/me/day-reports/{day}/plan": [
        api("staff supervisor hr executive auditor other central", fixed={"day": DAY})
    ],
    "PUT /api/v1/me/roster-preferences": [
        api("staff supervisor hr executive auditor other central")
    ],
    "PUT /api/v1/national/agency-days": [api("admin")],
    "PUT /api/v1/people/{person_id}": [
        api(
            "hr:io admin:iof other:f",
            refs={"person_id": "person", "staff_id": "person.staff_id", "agency_id": "agency"},
        )
    ],
    "PUT /api/v1/people/{person_id}/arrangement/exceptions/{day}": [
        api(
            "supervisor:i hr:io admin:iof other:f", refs={"person_id": "person"}, fixed={"day": DAY}
        )
    ],
    "PUT /api/v1/people/{person_id}/arrangement/pattern": [
        api("supervisor:i hr:io admin:iof other:f", refs={"person_id": "person"})
    ],
    "PUT /api/v1/people/{person_id}/readiness": [
        api("staff:i hr:io admin:iof other:f", refs={"person_id": "person"})
    ],
    "PUT /api/v1/policies/{version_id}": [
        api("hr:i executive:i admin:if other:f", refs={"version_id": "policy"})
    ],
    "PUT /api/v1/positions/{position_id}": [
        api("hr:i admin:if other:f", refs={"position_id": "position", "agency_id": "agency"})
    ],
    "PUT /api/v1/roster-proposals/{proposal_id}/days/{person_id}/{day}": [
        api(
            "supervisor:i hr:io executive:io admin:iof other:f",
            refs={"proposal_id": "proposal", "person_id": "person"},
            fixed={"day": DAY},
        )
    ],
    "PUT /api/v1/units/{unit_id}": [
        api("hr:i admin:if other:f", refs={"unit_id": "unit", "agency_id": "agency"})
    ],
    "PUT /api/v1/work-sites/{site_id}": [
        api("hr:i admin:if other:f", refs={"site_id": "site", "agency_id": "agency"})
    ],
}
