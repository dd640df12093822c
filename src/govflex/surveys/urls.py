from django.urls import path

from govflex.surveys import views, views_results, views_setup

app_name = "surveys"
urlpatterns = [
    path("", views.mine, name="mine"),
    path("rounds/<int:round_id>/", views.answer, name="answer"),
    path("setup/", views_setup.setup, name="setup"),
    path("setup/<int:survey_id>/", views_setup.survey, name="survey"),
    path("results/", views_results.results_list, name="results_list"),
    path("results/<int:round_id>/", views_results.results, name="results"),
    path("results/<int:round_id>/export.xlsx", views_results.export, name="export"),
    path("results/<int:round_id>/export.pdf", views_results.export_pdf, name="export_pdf"),
]
