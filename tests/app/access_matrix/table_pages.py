"""Expectations (see expect.py for how an entry is written). Notes marked FINDING or WEAK
are listed in docs/security.md, "Access matrix"."""

from __future__ import annotations

from tests.app.access_matrix.expect import ALL_VARIANTS, EVERYONE, SIGNED_IN, Rule, page, post

PAGES: dict[str, list[Rule]] = {
    "^media/(?P<path>.*)$": page(
        "",
        fixed={"path": "matrix-missing.txt"},
        note=(
            "development server only (DEBUG): serves uploads to anyone; production routes "
            "no /media/ but emblems (docs/deploy.md)"
        ),
    ),
    "accounts:backup_codes_renew": post(SIGNED_IN),
    "accounts:login": page(EVERYONE, post=EVERYONE, public="the sign-in form"),
    "accounts:logout": post(SIGNED_IN, ok=(302,), note="signing out ends at the sign-in page"),
    "accounts:oidc_callback": page(
        "", note="404 for everyone: OpenID Connect is off unless configured"
    ),
    "accounts:oidc_start": page(
        "", note="404 for everyone: OpenID Connect is off unless configured"
    ),
    "accounts:preferences": page(SIGNED_IN, post=SIGNED_IN),
    "accounts:set_language": post(EVERYONE, public="the language switch (a cookie)"),
    "accounts:signin_admin": page("admin", post="admin"),
    "accounts:token_create": post(SIGNED_IN),
    "accounts:token_revoke": post(
        SIGNED_IN,
        refs={"token_id": "token"},
        refused=(302,),
        note=(
            "WEAK: revoking answers every POST with a redirect; someone else's token is "
            "simply not found (api_token_revoke filters by owner), the redirect hides it"
        ),
    ),
    "accounts:two_factor": page(SIGNED_IN),
    "accounts:two_factor_disable": post(SIGNED_IN),
    "accounts:two_factor_setup": page(SIGNED_IN, post=SIGNED_IN),
    "accounts:two_factor_verify": page(SIGNED_IN, post=SIGNED_IN),
    "api:api-root": page("", note="404 for everyone: there is no root document"),
    "api:openapi-json": page(EVERYONE, public="the API description (no data)"),
    "api:openapi-view": page(EVERYONE, public="the API documentation page (no data)"),
    "arrangements:approvals": page(SIGNED_IN),
    "arrangements:approvals_bulk": post(
        SIGNED_IN,
        note="acts only on requests the caller may decide (selector), the rest are reported",
    ),
    "arrangements:delegation_end": post("supervisor:i", refs={"delegation_id": "delegation"}),
    "arrangements:delegations": page(SIGNED_IN, post=SIGNED_IN),
    "arrangements:ical": page(
        "anonymous:iof " + ALL_VARIANTS,
        refs={"token": "@ical"},
        public="calendar feed behind its secret token (a forged token gets 404)",
    ),
    "arrangements:ical_renew": post("staff supervisor hr executive auditor other central"),
    "arrangements:my_calendar": page("staff supervisor hr executive auditor other central"),
    "arrangements:optimiser": page(
        "supervisor hr executive admin other", post="supervisor hr executive admin other"
    ),
    "arrangements:person": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        post="supervisor:i hr:io admin:iof other:f",
        refs={"person_id": "person"},
    ),
    "arrangements:preferences": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "arrangements:proposal": page(
        "supervisor:i hr:io executive:io admin:iof other:f",
        post="supervisor:i hr:io executive:io admin:iof other:f",
        refs={"proposal_id": "proposal"},
    ),
    "arrangements:recalls": page(SIGNED_IN, post="supervisor executive"),
    "arrangements:request": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"request_id": "arrangement_request"},
    ),
    "arrangements:request_new": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "arrangements:requests": page(SIGNED_IN),
    "arrangements:roster": page("supervisor hr executive auditor admin other"),
    "arrangements:roster_pdf": page("supervisor hr executive auditor admin other"),
    "arrangements:settings": page("hr executive admin other", post="hr executive admin other"),
    "arrangements:swap_new": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "arrangements:today": page("supervisor hr executive auditor admin other"),
    "attendance:approvals": page(SIGNED_IN),
    "attendance:checkin": page("staff supervisor hr executive auditor other central"),
    "attendance:consent": post(SIGNED_IN),
    "attendance:correction_decide": post(
        "supervisor:i hr:io admin:iof other:f", refs={"correction_id": "correction"}
    ),
    "attendance:correction_evidence": page(
        "staff:i supervisor:i hr:io admin:iof other:f", refs={"correction_id": "correction"}
    ),
    "attendance:correction_withdraw": post("staff:i", refs={"correction_id": "correction"}),
    "attendance:corrections": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "attendance:export_download": page("supervisor:i", refs={"job_id": "export_job"}),
    "attendance:export_job": page("supervisor:i", refs={"job_id": "export_job"}),
    "attendance:kiosk_code": page(
        ALL_VARIANTS.replace("staff", "anonymous:if staff"),
        refs={"kiosk_id": "kiosk", "key": "@kiosk"},
        public="the kiosk tablet, behind its secret key (a forged key gets 404)",
    ),
    "attendance:kiosk_screen": page(
        ALL_VARIANTS.replace("staff", "anonymous:if staff"),
        refs={"kiosk_id": "kiosk", "key": "@kiosk"},
        public="the kiosk tablet, behind its secret key (a forged key gets 404)",
    ),
    "attendance:kiosks": page("hr admin other", post="hr admin other"),
    "attendance:leave": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "attendance:leave_cancel": post("staff:i hr:io admin:iof other:f", refs={"leave_id": "leave"}),
    "attendance:leave_decide": post(
        "supervisor:i hr:io admin:iof other:f", refs={"leave_id": "leave"}
    ),
    "attendance:leave_import": page("hr admin other", post="hr admin other"),
    "attendance:manifest": page(EVERYONE, public="web-app manifest"),
    "attendance:punch": post(
        "staff supervisor hr executive auditor other central",
        note="admin has no person record: 403",
    ),
    "attendance:reports": page(SIGNED_IN),
    "attendance:scan": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
        fixed={"token": "matrix-not-a-token"},
        ok=(400,),
        note="a forged kiosk token is refused with 400 for everyone who may punch",
    ),
    "attendance:sw": page(EVERYONE, public="service worker script"),
    "attendance:terminal": page("hr admin other", post="hr admin other"),
    "attendance:terminal_job": page("hr:i admin:if other:f", refs={"job_id": "terminal_job"}),
    "attendance:today": page("staff supervisor hr executive auditor other central"),
    "audit:list": page("auditor admin"),
    "continuity:answer": page(
        "staff:i other:f", post="staff:i other:f", refs={"roll_call_id": "roll_call"}
    ),
    "continuity:board": page(
        "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"roll_call_id": "roll_call"},
    ),
    "continuity:emergencies": page(SIGNED_IN),
    "continuity:emergency": page(
        "hr:i executive:i admin:if other:f",
        post="hr:i executive:i admin:if other:f",
        refs={"emergency_id": "emergency"},
    ),
    "continuity:emergency_new": page(SIGNED_IN, post=SIGNED_IN),
    "continuity:essentials": page(SIGNED_IN, post=SIGNED_IN),
    "continuity:export": page(
        "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"roll_call_id": "roll_call"},
        fixed={"fmt": "xlsx"},
    ),
    "continuity:roll_call": page(
        "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"roll_call_id": "roll_call"},
    )
    + post(
        ALL_VARIANTS,
        refs={"roll_call_id": "roll_call"},
        refused=(302,),
        note="WEAK: closing answers every POST with a redirect; a refusal is a message",
    ),
    "continuity:roll_calls": page(SIGNED_IN, post=SIGNED_IN),
    "eservice:catalogue": page(SIGNED_IN),
    "eservice:file": page(
        "staff:i supervisor:i hr:io executive:io admin:iof other:f",
        refs={"file_id": "request_file"},
    ),
    "eservice:notice": page(SIGNED_IN, post="hr executive admin other"),
    "eservice:queue": page(SIGNED_IN),
    "eservice:request": page(
        "staff:i supervisor:i hr:io executive:io admin:iof other:f",
        refs={"request_id": "service_request"},
    ),
    "eservice:request_action": post(
        ALL_VARIANTS,
        refs={"request_id": "service_request"},
        refused=(302,),
        note=(
            "WEAK: every POST is answered with a redirect to the request page; a refusal "
            "(404 out of scope) is a message, so the matrix cannot tell it from success"
        ),
    ),
    "eservice:service_edit": page(
        "hr:io executive:io admin:iof other:f",
        post="hr:io executive:io admin:iof other:f",
        refs={"service_id": "service"},
    ),
    "eservice:service_new": page("hr executive admin other", post="hr executive admin other"),
    "eservice_public:catalogue": page(
        ALL_VARIANTS.replace("staff", "anonymous:if staff"),
        refs={"agency_code": "agency.code"},
        public="citizen e-service catalogue of an agency",
    ),
    "eservice_public:form": page(
        ALL_VARIANTS.replace("staff", "anonymous:iof staff"),
        post=ALL_VARIANTS.replace("staff", "anonymous:iof staff"),
        refs={"agency_code": "service.agency.code", "service_code": "service.code"},
        public="citizen e-service form (POST files a request: rate-limited, honeypot)",
    ),
    "eservice_public:index": page(EVERYONE, public="citizen e-service start page"),
    "eservice_public:reply": post(
        EVERYONE, public="citizen reply to a request for information, by tracking code"
    ),
    "eservice_public:track": page(EVERYONE, public="citizen request status by tracking code"),
    "healthz": page(EVERYONE, public="health check for the load balancer"),
    "home": page(SIGNED_IN),
    "insights:dashboard": page("supervisor hr executive auditor admin other"),
    "insights:evaluation": page("hr executive auditor admin other"),
    "insights:national": page("admin central"),
    "notifications:inbox": page(SIGNED_IN),
    "notifications:read": post("staff:i", refs={"notification_id": "notification"}),
    "notifications:read_all": post(SIGNED_IN),
    "notifications:webhooks": page("hr admin other", post="hr admin other"),
    "org:import": page("hr admin other", post="hr admin other"),
    "org:import_job": page("hr:i admin:if other:f", refs={"job_id": "import_job"}),
    "org:import_job_valid_only": post("hr:i admin:if other:f", refs={"job_id": "import_job"}),
    "org:import_template": page(SIGNED_IN, fixed={"kind": "people", "fmt": "csv"}),
    "org:people": page(SIGNED_IN),
    "org:person": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"person_id": "person"},
    ),
    "org:person_account": post(
        "hr:io admin:iof other:f",
        refs={"person_id": "person"},
        data={
            "username": "matrix-new-login",
            "password": "a long matrix passphrase 42",  # pragma: allowlist secret
        },
        note=(
            "an empty form is refused before the permission check (a message for every "
            "viewer), so the form is filled"
        ),
    ),
    "org:person_edit": page(
        "hr:io admin:iof other:f", post="hr:io admin:iof other:f", refs={"person_id": "person"}
    ),
    "org:person_new": page("hr admin other", post="hr admin other"),
    "org:person_role_add": post(
        "hr:io admin:iof other:f", refs={"person_id": "person"}, data={"role": "executive"}
    ),
    "org:person_role_remove": post(
        "hr:io admin:iof other:f", refs={"person_id": "grant_holder", "grant_id": "grant"}
    ),
    "org:position_edit": page(
        "hr:i admin:if other:f", post="hr:i admin:if other:f", refs={"position_id": "position"}
    ),
    "org:position_new": page("hr admin other", post="hr admin other"),
    "org:positions": page(SIGNED_IN),
    "org:unit": page(
        "staff:io supervisor:io hr:io executive:io auditor:io admin:iof other:f central:io",
        refs={"unit_id": "unit"},
    ),
    "org:unit_edit": page(
        "hr:io admin:iof other:f", post="hr:io admin:iof other:f", refs={"unit_id": "unit"}
    ),
    "org:unit_new": page("hr admin other", post="hr admin other"),
    "org:units": page(SIGNED_IN),
    "org:work_site_edit": page(
        "hr:i admin:if other:f", post="hr:i admin:if other:f", refs={"site_id": "site"}
    ),
    "org:work_site_new": page("hr admin other", post="hr admin other"),
    "org:work_sites": page(SIGNED_IN),
    "policies:action": post(
        "", refs={"version_id": "policy"}, note="404 without a valid action (the form names one)"
    ),
    "policies:assessment": page(
        "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
        post="hr:i admin:if other:f",
        refs={"position_id": "position"},
    ),
    "policies:assessments": page(SIGNED_IN, post="hr admin other"),
    "policies:compare": page("", note="404 without the versions to compare (?a=&b=)"),
    "policies:detail": page("hr:i executive:i admin:if other:f", refs={"version_id": "policy"}),
    "policies:document": page(
        "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
        refs={"document_id": "document"},
    ),
    "policies:document_action": post(
        "", refs={"document_id": "document"}, note="404 without a valid action"
    ),
    "policies:document_edit": page(
        "hr:i executive:i admin:if other:f",
        post="hr:i executive:i admin:if other:f",
        refs={"document_id": "draft_document"},
    ),
    "policies:document_file": page(
        "staff:i supervisor:i hr:i executive:i auditor:i admin:if other:f central:i",
        refs={"document_id": "document"},
        fixed={"suffix": "pdf"},
    ),
    "policies:document_new": page(SIGNED_IN, post=SIGNED_IN),
    "policies:document_settings": page("hr executive admin other", post="hr executive admin other"),
    "policies:documents": page(SIGNED_IN),
    "policies:edit": page(
        "hr:i executive:i admin:if other:f",
        post="hr:i executive:i admin:if other:f",
        refs={"version_id": "policy"},
    ),
    "policies:list": page(SIGNED_IN),
    "policies:new": page(SIGNED_IN, post=SIGNED_IN),
    "policies:readiness_gaps": page("supervisor hr executive auditor admin other"),
    "policies:readiness_me": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "policies:readiness_person": page(
        "staff:i hr:io admin:iof other:f",
        post="staff:i hr:io admin:iof other:f",
        refs={"person_id": "person"},
    ),
    "privacy:consent": post(SIGNED_IN),
    "privacy:mine": page(SIGNED_IN),
    "privacy:my_data_json": page(SIGNED_IN),
    "privacy:my_data_xlsx": page(SIGNED_IN),
    "privacy:notices": page(SIGNED_IN, post="hr admin other"),
    "privacy:retention": page(SIGNED_IN, post="hr admin other"),
    "surveys:answer": page(
        "staff:i supervisor:i hr:i executive:i auditor:i other:f central:i",
        post="staff:i supervisor:i hr:i executive:i auditor:i other:f central:i",
        refs={"round_id": "round"},
    ),
    "surveys:export": page(
        "supervisor:i hr:i executive:i auditor:i admin:if other:f", refs={"round_id": "round"}
    ),
    "surveys:export_pdf": page(
        "supervisor:i hr:i executive:i auditor:i admin:if other:f", refs={"round_id": "round"}
    ),
    "surveys:mine": page(SIGNED_IN),
    "surveys:results": page(
        "supervisor:i hr:i executive:i auditor:i admin:if other:f", refs={"round_id": "round"}
    ),
    "surveys:results_list": page("supervisor hr executive auditor admin other"),
    "surveys:setup": page("hr executive admin other", post="hr executive admin other"),
    "surveys:survey": page(
        "hr:i executive:i admin:if other:f",
        post="hr:i executive:i admin:if other:f",
        refs={"survey_id": "survey"},
    ),
    "work:attachment": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"report_id": "day_report"},
    ),
    "work:contact": page(SIGNED_IN, post=SIGNED_IN),
    "work:contact_answer": page("staff:i", post="staff:i", refs={"answer_id": "contact_answer"}),
    "work:contact_check": page(
        "supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"check_id": "contact_check"},
    ),
    "work:evidence": page(SIGNED_IN),
    "work:evidence_person": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"person_id": "person"},
    ),
    "work:evidence_pick": page("", note="404 without a unit or person to pick"),
    "work:evidence_unit": page(
        "supervisor:i hr:io executive:io auditor:io admin:iof other:f", refs={"unit_id": "unit"}
    ),
    "work:item": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        post="staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"item_id": "work_item"},
        note="WEAK: every POST answers with a redirect and shows a refusal as a message "
        "(an auditor's comment is refused by the service: see the API entry)",
    ),
    "work:item_new": page("supervisor hr admin other", post="supervisor hr admin other"),
    "work:my_board": page("staff supervisor hr executive auditor other central"),
    "work:output": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"output_id": "work_output"},
    ),
    "work:report": page(
        "staff:i supervisor:i hr:io executive:io auditor:io admin:iof other:f",
        refs={"report_id": "day_report"},
    ),
    "work:reports": page(
        "staff supervisor hr executive auditor other central",
        post="staff supervisor hr executive auditor other central",
    ),
    "work:review": post(
        "supervisor:i hr:io admin:iof other:f",
        refs={"report_id": "day_report"},
        refused=(302,),
        note="WEAK: a refused review is a redirect with a message",
    ),
    "work:reviews": page(SIGNED_IN),
    "work:search": page(SIGNED_IN),
    "work:template": page(
        "supervisor:i hr:io admin:iof other:f",
        post="supervisor:i hr:io admin:iof other:f",
        refs={"template_id": "template"},
    ),
    "work:templates": page(
        "supervisor hr executive auditor admin other",
        post="supervisor hr executive auditor admin other",
    ),
    "work:unit_board": page("supervisor hr executive auditor admin other"),
}
