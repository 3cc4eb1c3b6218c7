"""Parts other apps add to a page type's page, so that the page's app need not know them: the
registrations app adds its sign-up form to event pages without events importing it.

An app registers a template and a function giving its context for a page and the request; the
page's template shows them where it says ``{% page_extras page %}`` (core.templatetags.site_tags)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class PageExtra:
    template: str
    # (page, request) -> dict for the template, or None when nothing is to be shown.
    context: Callable


_extras: dict[str, list[PageExtra]] = {}


def register_page_extra(model_label, template, context):
    """``model_label`` as "app_label.ModelName", e.g. "events.EventPage"."""
    _extras.setdefault(model_label.lower(), []).append(PageExtra(template, context))


def page_extras(page, request):
    """(template, context) of each part registered for the page's type."""
    shown = []
    for extra in _extras.get(page._meta.label_lower, []):
        context = extra.context(page, request)
        if context is not None:
            shown.append((extra.template, context))
    return shown
