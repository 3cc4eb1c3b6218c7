from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from . import review_guard, translator_trees
        from .permissions import register_media_permission_policies

        register_media_permission_policies()
        translator_trees.connect()
        review_guard.connect()
