from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"

    def ready(self):
        from .image_filters import share_parsed_filters
        from .invalidation import connect_signals

        connect_signals()
        share_parsed_filters()
