from django.urls import path
from wagtail import hooks

from .translation_review import submit_translation_for_review
from .translation_updates import translation_changes


@hooks.register("register_admin_urls")
def register_translation_review_url():
    return [
        path(
            "translations/<int:translation_id>/submit-for-review/",
            submit_translation_for_review,
            name="submit_translation_for_review",
        ),
        path(
            "translations/<int:translation_id>/changes/",
            translation_changes,
            name="translation_changes",
        ),
    ]


@hooks.register("construct_homepage_panels")
def add_translation_work_panel(request, panels):
    from .translation_dashboard import TranslationWorkPanel, locales_to_translate

    if locales_to_translate(request.user):
        panels.append(TranslationWorkPanel(request.user))
