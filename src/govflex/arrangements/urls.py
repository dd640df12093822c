from django.urls import path

from govflex.arrangements import views

app_name = "arrangements"
urlpatterns = [
    path("people/<int:person_id>/", views.person_arrangement, name="person"),
    path("roster/", views.roster, name="roster"),
    path("today/", views.today, name="today"),
]
