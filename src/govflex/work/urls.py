from django.urls import path

from govflex.work import views, views_contact, views_items

app_name = "work"
urlpatterns = [
    path("", views_items.my_board, name="my_board"),
    path("unit/", views_items.unit_board, name="unit_board"),
    path("items/new/", views_items.item_new, name="item_new"),
    path("items/<int:item_id>/", views_items.item_detail, name="item"),
    path("outputs/<int:output_id>/", views_items.output_file, name="output"),
    path("contact/", views_contact.contact, name="contact"),
    path("contact/<int:check_id>/", views_contact.contact_check, name="contact_check"),
    path("contact/answer/<int:answer_id>/", views_contact.contact_answer, name="contact_answer"),
    path("reports/", views.my_reports, name="reports"),
    path("reviews/", views.reviews, name="reviews"),
    path("reviews/<int:report_id>/", views.review, name="review"),
    path("reports/<int:report_id>/attachment/", views.attachment, name="attachment"),
]
