"""URL configuration."""

from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from govflex.common import views as common_views
from govflex.config.api import api
from govflex.org.views import home as home_views

urlpatterns = [
    path("", home_views.home, name="home"),
    path("healthz", common_views.healthz, name="healthz"),
    path("accounts/", include("govflex.accounts.urls")),
    path("org/", include("govflex.org.urls")),
    path("audit/", include("govflex.org.urls_audit")),
    path("attendance/", include("govflex.attendance.urls")),
    path("arrangements/", include("govflex.arrangements.urls")),
    path("notifications/", include("govflex.notifications.urls")),
    path("policies/", include("govflex.policies.urls")),
    path("work/", include("govflex.work.urls")),
    path("insights/", include("govflex.insights.urls")),
    path("continuity/", include("govflex.continuity.urls")),
    path("surveys/", include("govflex.surveys.urls")),
    path("eservice/", include("govflex.eservice.urls")),
    path("e/", include("govflex.eservice.urls_public")),
    path("privacy/", include("govflex.privacy.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
