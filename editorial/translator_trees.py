"""Translators edit their own language's page tree, and no other.

Page permissions in Wagtail belong to a place in the tree, and a language's tree only exists
once its home page does (made by the first translation or by locale synchronisation). So the
"Translators (fi)" group gets the rights editorial.roles declares on the Finnish tree the moment
its home page is created; the migrations (0005, and apply_roles in 0006) do the same for trees
that existed before.
"""

from django.db.models.signals import post_save
from wagtail.models import Page

from .role_migration import grant_rights_on_new_home_page
from .roles import translator_group_name

__all__ = ["connect", "translator_group_name"]


def on_page_saved(sender, instance, created, raw=False, **kwargs):
    # depth 2: the home page of a language, directly under the root.
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        grant_rights_on_new_home_page(instance)


def connect():
    post_save.connect(on_page_saved, dispatch_uid="editorial.translator_trees")
