from django.urls import path

from govflex.notifications import views

app_name = "notifications"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:notification_id>/read/", views.read, name="read"),
    path("read-all/", views.read_all, name="read_all"),
    path("webhooks/", views.webhooks, name="webhooks"),
]
