from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EserviceConfig(AppConfig):
    name = "govflex.eservice"
    label = "eservice"
    verbose_name = _("Citizen e-service")
