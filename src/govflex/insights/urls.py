from django.urls import path

from govflex.insights import views

app_name = "insights"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("evaluation/", views.evaluation, name="evaluation"),
    path("national/", views.national_view, name="national"),
]
