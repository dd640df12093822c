from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContinuityConfig(AppConfig):
    name = "govflex.continuity"
    label = "continuity"
    verbose_name = _("Emergency operation and roll call")
