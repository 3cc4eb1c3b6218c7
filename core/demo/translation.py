from wagtail.models import DraftStateMixin

from core import upstream

from .catalogue import catalogue


def translate_from_catalogue(instance, locales):
    """Translate a page or snippet (and the snippets it uses) into ``locales`` from the demo's
    catalogue of parallel texts."""
    translate_segments(
        instance,
        locales,
        lambda english, language, _current: catalogue.translate(english, language),
    )


def translate_segments(instance, locales, translated):
    """Translate a page or snippet (and the snippets it uses) into ``locales`` the way a
    translator would: wagtail-localize creates the translation, every segment is filled in with
    ``translated(english, language_code, current_translation)``, and the translation is
    published. (The snippets it uses are translated again: the current translation of each of
    their segments, if any, is given.)"""
    if isinstance(instance, DraftStateMixin) and instance.live_revision_id is None:
        # Made live by the demo (as a moderator would publish it), with its first revision.
        instance.save_revision().publish()
    for translation in upstream.create_translations(instance, locales):
        po = translation.export_po()
        language = translation.target_locale.language_code
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = translated(entry.msgid, language, entry.msgstr)
        translation.import_po(po)
        has_drafts = issubclass(
            translation.source.specific_content_type.model_class(), DraftStateMixin
        )
        # wagtail-localize publishes pages on commit; publishing the draft here keeps the
        # whole demo load in one transaction.
        translation.save_target(publish=not has_drafts)
        if has_drafts:
            translation.get_target_instance().get_latest_revision().publish()
