from django.urls import path

from govflex.attendance import (
    views,
    views_corrections,
    views_kiosk,
    views_leave,
    views_reports,
    views_terminal,
)

app_name = "attendance"
urlpatterns = [
    path("", views.checkin, name="checkin"),
    path("today/", views.today_fragment, name="today"),
    path("punch/", views.punch, name="punch"),
    path("consent/", views.consent, name="consent"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="sw"),
    path("corrections/", views_corrections.corrections, name="corrections"),
    path(
        "corrections/<int:correction_id>/withdraw/",
        views_corrections.withdraw,
        name="correction_withdraw",
    ),
    path(
        "corrections/<int:correction_id>/evidence/",
        views_corrections.evidence,
        name="correction_evidence",
    ),
    path("leave/", views_leave.leave_home, name="leave"),
    path("leave/<int:leave_id>/cancel/", views_leave.leave_cancel_view, name="leave_cancel"),
    path("leave/<int:leave_id>/decide/", views_leave.leave_decide_view, name="leave_decide"),
    path("leave/import/", views_leave.leave_import_view, name="leave_import"),
    path("approvals/", views_corrections.approvals, name="approvals"),
    path("approvals/<int:correction_id>/", views_corrections.decide, name="correction_decide"),
    path("reports/", views_reports.report, name="reports"),
    path("exports/<int:job_id>/", views_reports.export_job, name="export_job"),
    path("exports/<int:job_id>/download/", views_reports.export_download, name="export_download"),
    path("terminal/", views_terminal.terminal, name="terminal"),
    path("terminal/<int:job_id>/", views_terminal.terminal_job, name="terminal_job"),
    path("kiosks/", views_kiosk.kiosk_list, name="kiosks"),
    path("kiosk/<int:kiosk_id>/", views_kiosk.kiosk_screen, name="kiosk_screen"),
    path("kiosk/<int:kiosk_id>/code/", views_kiosk.kiosk_code, name="kiosk_code"),
    path("scan/<str:token>/", views_kiosk.scan, name="scan"),
]
