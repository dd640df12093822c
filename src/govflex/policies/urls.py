from django.urls import path

from govflex.policies import views, views_assessments, views_documents, views_readiness

app_name = "policies"
urlpatterns = [
    path("", views.policy_list, name="list"),
    path("new/", views.policy_new, name="new"),
    path("compare/", views.policy_compare, name="compare"),
    path("<int:version_id>/", views.policy_detail, name="detail"),
    path("<int:version_id>/edit/", views.policy_edit, name="edit"),
    path("<int:version_id>/action/", views.policy_action, name="action"),
    path("assessments/", views_assessments.assessments, name="assessments"),
    path(
        "assessments/positions/<int:position_id>/",
        views_assessments.assessment_position,
        name="assessment",
    ),
    path("readiness/", views_readiness.readiness_gaps, name="readiness_gaps"),
    path("readiness/me/", views_readiness.readiness_person, name="readiness_me"),
    path(
        "readiness/people/<int:person_id>/",
        views_readiness.readiness_person,
        name="readiness_person",
    ),
    path("documents/", views_documents.document_list, name="documents"),
    path("documents/new/", views_documents.document_new, name="document_new"),
    path("documents/settings/", views_documents.document_settings, name="document_settings"),
    path("documents/<int:document_id>/", views_documents.document_detail, name="document"),
    path("documents/<int:document_id>/edit/", views_documents.document_edit, name="document_edit"),
    path(
        "documents/<int:document_id>/action/",
        views_documents.document_action,
        name="document_action",
    ),
    path(
        "documents/<int:document_id>.<str:suffix>",
        views_documents.document_file,
        name="document_file",
    ),
]
