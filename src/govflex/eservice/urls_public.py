"""Public pages of the e-service (no sign-in), under /e/."""

from django.urls import path

from govflex.eservice import views_public

app_name = "eservice_public"
urlpatterns = [
    path("", views_public.index, name="index"),
    path("track/", views_public.track, name="track"),
    path("track/reply/", views_public.reply, name="reply"),
    path("<slug:agency_code>/", views_public.catalogue, name="catalogue"),
    path("<slug:agency_code>/<slug:service_code>/", views_public.service_form, name="form"),
]
