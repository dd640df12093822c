from django.urls import path

from govflex.privacy import views

app_name = "privacy"
urlpatterns = [
    path("", views.my_privacy, name="mine"),
    path("consent/", views.consent, name="consent"),
    path("my-data.json", views.my_data, {"fmt": "json"}, name="my_data_json"),
    path("my-data.xlsx", views.my_data, {"fmt": "xlsx"}, name="my_data_xlsx"),
    path("notices/", views.notices, name="notices"),
    path("retention/", views.retention, name="retention"),
]
