from django.urls import path

from govflex.work import views, views_contact, views_evidence, views_items, views_tools

app_name = "work"
urlpatterns = [
    path("", views_items.my_board, name="my_board"),
    path("unit/", views_items.unit_board, name="unit_board"),
    path("items/new/", views_items.item_new, name="item_new"),
    path("items/<int:item_id>/", views_items.item_detail, name="item"),
    path("search/", views_tools.search_page, name="search"),
    path("templates/", views_tools.templates_page, name="templates"),
    path("templates/<int:template_id>/", views_tools.templates_page, name="template"),
    path("evidence/", views_evidence.evidence_home, name="evidence"),
    path("evidence/pick/", views_evidence.evidence_pick, name="evidence_pick"),
    path("evidence/units/<int:unit_id>/", views_evidence.evidence_unit, name="evidence_unit"),
    path(
        "evidence/people/<int:person_id>/",
        views_evidence.evidence_person,
        name="evidence_person",
    ),
    path("outputs/<int:output_id>/", views_items.output_file, name="output"),
    path("contact/", views_contact.contact, name="contact"),
    path("contact/<int:check_id>/", views_contact.contact_check, name="contact_check"),
    path("contact/answer/<int:answer_id>/", views_contact.contact_answer, name="contact_answer"),
    path("reports/", views.my_reports, name="reports"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:report_id>/", views.review, name="review"),
    path("reports/<int:report_id>/", views.report_detail, name="report"),
    path("reports/<int:report_id>/attachment/", views.attachment, name="attachment"),
]
