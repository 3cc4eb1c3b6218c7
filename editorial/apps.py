from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from core import upstream

        from . import review_guard, translator_trees
        from .permissions import register_media_permission_policies
        from .snippet_languages import may_edit_in_its_language

        register_media_permission_policies()
        translator_trees.connect()
        review_guard.connect()
        upstream.patch_localize_instance_edit_check(may_edit_in_its_language)
        upstream.patch_localize_snippet_status_panel()
