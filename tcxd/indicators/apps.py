from importlib import import_module

from django.apps import AppConfig, apps
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "tcxd.indicators"
    label = "indicators"
    verbose_name = _("Indicators and targets")

    def ready(self) -> None:
        autodiscover()


def autodiscover() -> None:
    """Import ``<app>.indicators`` of every installed app that has one, in app order
    (like ``admin.autodiscover``); each module registers its indicators."""
    for config in apps.get_app_configs():
        if module_has_submodule(config.module, "indicators"):
            import_module(f"{config.name}.indicators")
