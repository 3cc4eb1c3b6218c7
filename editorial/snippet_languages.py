"""Translators write the snippets of their own language, and no other.

Django's model permissions cover every row of a model: "change venue" would let a Finnish
translator edit the English and Russian venues too. A translator's snippet rights come from their
"Translators (xx)" group (editorial.roles), so the languages whose snippets someone may write are
those of the translator groups that grant them the right, or every language when anything else
grants it (Editors, Moderators, Administrators, a superuser). The review guard refuses every
other write, and the snippet editor refuses to open (editorial.wagtail_hooks).
"""

from django.contrib.auth.models import Permission
from django.db.models import Q
from wagtail.models import DraftStateMixin, Locale, Page

from .roles import LANGUAGE_NAMES, translator_group_name

TRANSLATOR_GROUPS = {translator_group_name(code): code for code in LANGUAGE_NAMES}


def snippet_languages(user, model):
    """The language codes of the ``model`` snippets that ``user`` may change, None for every
    language (asked once per request and model)."""
    if user.is_superuser:
        return None
    remembered = user.__dict__.setdefault("_snippet_languages", {})
    if model not in remembered:
        opts = model._meta
        granting = Permission.objects.filter(
            content_type__app_label=opts.app_label, codename=f"change_{opts.model_name}"
        )
        direct = granting.filter(user=user).exists()
        groups = set(
            granting.filter(Q(group__user=user)).values_list("group__name", flat=True).distinct()
        )
        if direct or groups - set(TRANSLATOR_GROUPS):
            remembered[model] = None
        else:
            remembered[model] = {TRANSLATOR_GROUPS[name] for name in groups}
    return remembered[model]


def may_edit_in_its_language(user, instance):
    """For wagtail-localize's translation views: a snippet with drafts only in a language the
    user writes; anything else as localize decides."""
    if isinstance(instance, DraftStateMixin) and not isinstance(instance, Page):
        return may_write_snippet(user, type(instance), instance.locale_id)
    return True


def may_write_snippet(user, model, locale_id):
    """Whether ``user``'s right to change ``model`` snippets covers the language of ``locale_id``."""
    languages = snippet_languages(user, model)
    if languages is None:
        return True
    return Locale.objects.filter(pk=locale_id, language_code__in=languages).exists()
