from django.urls import path

from govflex.continuity import views, views_rollcall

app_name = "continuity"
urlpatterns = [
    path("", views.emergencies, name="emergencies"),
    path("emergencies/new/", views.emergency_new, name="emergency_new"),
    path("emergencies/<int:emergency_id>/", views.emergency, name="emergency"),
    path("essentials/", views.essentials, name="essentials"),
    path("roll-calls/", views_rollcall.roll_calls, name="roll_calls"),
    path("roll-calls/<int:roll_call_id>/", views_rollcall.roll_call, name="roll_call"),
    path("roll-calls/<int:roll_call_id>/board/", views_rollcall.roll_call_board, name="board"),
    path(
        "roll-calls/<int:roll_call_id>/answer/",
        views_rollcall.roll_call_answer_page,
        name="answer",
    ),
    path(
        "roll-calls/<int:roll_call_id>/results.<str:fmt>",
        views_rollcall.roll_call_export,
        name="export",
    ),
]
