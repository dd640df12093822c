from django.urls import path

from govflex.work import views

app_name = "work"
urlpatterns = [
    path("reports/", views.my_reports, name="reports"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:report_id>/", views.review, name="review"),
    path("reports/<int:report_id>/attachment/", views.attachment, name="attachment"),
]
