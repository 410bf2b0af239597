from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tcxd.core"
    label = "core"
