from django.urls import path

from govflex.org.views import accounts, importing, people, structure

app_name = "org"
urlpatterns = [
    path("units/", structure.units, name="units"),
    path("units/new/", structure.unit_edit, name="unit_new"),
    path("units/<int:unit_id>/", structure.unit_detail, name="unit"),
    path("units/<int:unit_id>/edit/", structure.unit_edit, name="unit_edit"),
    path("positions/", structure.positions, name="positions"),
    path("positions/new/", structure.position_edit, name="position_new"),
    path("positions/<int:position_id>/edit/", structure.position_edit, name="position_edit"),
    path("work-sites/", structure.work_sites, name="work_sites"),
    path("work-sites/new/", structure.work_site_edit, name="work_site_new"),
    path("work-sites/<int:site_id>/edit/", structure.work_site_edit, name="work_site_edit"),
    path("people/", people.people, name="people"),
    path("people/new/", people.person_edit, name="person_new"),
    path("people/<int:person_id>/", people.person_detail, name="person"),
    path("people/<int:person_id>/edit/", people.person_edit, name="person_edit"),
    path("people/<int:person_id>/account/", accounts.person_account, name="person_account"),
    path("people/<int:person_id>/roles/", accounts.person_role_add, name="person_role_add"),
    path(
        "people/<int:person_id>/roles/<int:grant_id>/remove/",
        accounts.person_role_remove,
        name="person_role_remove",
    ),
    path("import/", importing.import_start, name="import"),
    path("import/<int:job_id>/", importing.import_job, name="import_job"),
    path(
        "import/<int:job_id>/valid-only/",
        importing.import_job_valid_only,
        name="import_job_valid_only",
    ),
    path("import/template/<str:kind>.<str:fmt>", importing.import_template, name="import_template"),
]
