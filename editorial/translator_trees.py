"""Translators edit their own language's page tree, and no other.

Page permissions in Wagtail belong to a place in the tree, and a language's tree only exists
once its home page does (made by the first translation or by locale synchronisation). So the
"Translators (fi)" group gets its rights on the Finnish home page the moment that page is
created; migration 0005 does the same for trees that existed before.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from wagtail.models import GroupPagePermission, Page

# Add and change only: publishing goes through the moderators' review.
TRANSLATOR_PAGE_PERMISSIONS = ["add_page", "change_page"]


def translator_group_name(language_code):
    return f"Translators ({language_code})"


def grant_translators_their_tree(home_page):
    group = Group.objects.filter(name=translator_group_name(home_page.locale.language_code)).first()
    if group is None:
        return
    for codename in TRANSLATOR_PAGE_PERMISSIONS:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=home_page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


def on_page_saved(sender, instance, created, raw=False, **kwargs):
    # depth 2: the home page of a language, directly under the root.
    if created and not raw and isinstance(instance, Page) and instance.depth == 2:
        grant_translators_their_tree(instance)


def connect():
    post_save.connect(on_page_saved, dispatch_uid="editorial.translator_trees")
