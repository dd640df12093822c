from django.urls import path

from govflex.attendance import views

app_name = "attendance"
urlpatterns = [
    path("", views.checkin, name="checkin"),
    path("today/", views.today_fragment, name="today"),
    path("punch/", views.punch, name="punch"),
    path("consent/", views.consent, name="consent"),
    path("manifest.webmanifest", views.manifest, name="manifest"),
    path("sw.js", views.service_worker, name="sw"),
]
