from django.urls import path

from govflex.arrangements import views

app_name = "arrangements"
urlpatterns = [
    path("people/<int:person_id>/", views.person_arrangement, name="person"),
    path("roster/", views.roster, name="roster"),
    path("today/", views.today, name="today"),
    path("ical/renew/", views.ical_renew, name="ical_renew"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
]
