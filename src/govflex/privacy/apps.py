from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "govflex.privacy"
    label = "privacy"
    verbose_name = _("Privacy (PDPA)")

    def ready(self) -> None:
        # The exporters of "download my data": ours for every app, then any app's own
        # ``privacy_export`` module (a new app adds its data there without touching this one).
        from django.utils.module_loading import autodiscover_modules  # noqa: PLC0415

        from govflex.privacy.mydata import exporters  # noqa: F401, PLC0415

        autodiscover_modules("privacy_export")
