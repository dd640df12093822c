"""Staff pages of the e-service (signed in), under /eservice/."""

from django.urls import path

from govflex.eservice import views_catalogue, views_staff

app_name = "eservice"
urlpatterns = [
    path("", views_staff.queue_page, name="queue"),
    path("requests/<int:request_id>/", views_staff.request_page, name="request"),
    path("requests/<int:request_id>/act/", views_staff.request_action, name="request_action"),
    path("files/<int:file_id>/", views_staff.file_download, name="file"),
    path("catalogue/", views_catalogue.catalogue_page, name="catalogue"),
    path("catalogue/new/", views_catalogue.service_edit, name="service_new"),
    path("catalogue/<int:service_id>/", views_catalogue.service_edit, name="service_edit"),
    path("privacy/", views_catalogue.notice_page, name="notice"),
]
