from wagtail import hooks


@hooks.register("construct_homepage_panels")
def add_translation_work_panel(request, panels):
    from .translation_dashboard import TranslationWorkPanel, locales_to_translate

    if locales_to_translate(request.user):
        panels.append(TranslationWorkPanel(request.user))
