from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"

    def ready(self):
        from . import image_filters, invalidation, renditions

        invalidation.connect_signals()
        renditions.connect_signals()
        renditions.encode_avif_at_speed()
        image_filters.share_parsed_filters()
