from django.urls import path
from wagtail import hooks

from .translation_updates import translation_changes


@hooks.register("register_admin_urls")
def register_translation_update_url():
    return [
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


@hooks.register("before_serve_document")
def serve_documents_of_pages_the_visitor_may_view(document, request):
    from .privacy import document_serve_response

    return document_serve_response(document, request)
