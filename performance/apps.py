from django.apps import AppConfig


class PerformanceConfig(AppConfig):
    name = "performance"

    def ready(self):
        from core import upstream

        from . import invalidation, renditions

        invalidation.connect_signals()
        renditions.connect_signals()
        upstream.patch_pillow_avif_encoder_speed(renditions.AVIF_ENCODER_SPEED)
        upstream.patch_image_filters_to_share_parses()
        upstream.patch_leaf_page_delete_check()
        upstream.patch_block_definitions_packed_once()
        upstream.patch_page_user_filters()
