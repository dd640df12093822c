from django.urls import path

from govflex.policies import views

app_name = "policies"
urlpatterns = [
    path("", views.policy_list, name="list"),
    path("new/", views.policy_new, name="new"),
    path("compare/", views.policy_compare, name="compare"),
    path("<int:version_id>/", views.policy_detail, name="detail"),
    path("<int:version_id>/edit/", views.policy_edit, name="edit"),
    path("<int:version_id>/action/", views.policy_action, name="action"),
]
