from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from .release import release_in_all_languages
from .translation_sources import urlpatterns as translation_source_urls


@hooks.register("register_admin_urls")
def register_release_url():
    return [
        path("release/<int:page_id>/", release_in_all_languages, name="release_in_all_languages"),
        *translation_source_urls,
    ]


@hooks.register("register_page_header_buttons")
def release_button(page, user, view_name, next_url=None):
    if page.depth > 1 and page.permissions_for_user(user).can_publish():
        yield Button(
            _("Release in all languages"),
            url=reverse("release_in_all_languages", args=[page.id]),
            icon_name="globe",
            priority=66,
        )
