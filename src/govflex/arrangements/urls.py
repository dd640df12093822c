from django.urls import path

from govflex.arrangements import views, views_optimiser, views_orders, views_requests

app_name = "arrangements"
urlpatterns = [
    path("people/<int:person_id>/", views.person_arrangement, name="person"),
    path("roster/", views.roster, name="roster"),
    path("roster.pdf", views.roster_pdf, name="roster_pdf"),
    path("today/", views.today, name="today"),
    path("me/", views.my_calendar, name="my_calendar"),
    path("ical/renew/", views.ical_renew, name="ical_renew"),
    path("ical/<str:token>.ics", views.ical_feed, name="ical"),
    path("requests/", views_requests.my_requests, name="requests"),
    path("requests/new/", views_requests.request_new, name="request_new"),
    path("requests/<int:request_id>/", views_requests.request_detail, name="request"),
    path("swaps/new/", views_requests.swap_new, name="swap_new"),
    path("approvals/", views_requests.approvals, name="approvals"),
    path("approvals/bulk/", views_requests.approvals_bulk, name="approvals_bulk"),
    path("recalls/", views_orders.recalls, name="recalls"),
    path("delegations/", views_orders.delegations, name="delegations"),
    path(
        "delegations/<int:delegation_id>/end/", views_orders.delegation_end, name="delegation_end"
    ),
    path("settings/", views_orders.settings_page, name="settings"),
    path("optimiser/", views_optimiser.optimiser, name="optimiser"),
    path("optimiser/<int:proposal_id>/", views_optimiser.proposal_detail, name="proposal"),
    path("preferences/", views_optimiser.preferences, name="preferences"),
]
