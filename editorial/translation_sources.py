"""Who starts a translation, and from which original.

Translations are always made from the English original.

wagtail-localize offers "Translate" on every language's page, so a moderator could translate a
Finnish page into Russian. That Russian page would then follow the Finnish text instead of the
English source, never show up as out of date when the English changes, and a later English-to-
Russian sync gives the page two translation records, which breaks its translation editor
(wagtail-localize #662, #547). The submit views below send every request to the English
original's "Translate" form, with the language that was asked for already ticked.

Translators may start page translations into their own language (the "Translate this page" button of
a page that locale synchronisation put in their tree), never into another one. wagtail-localize
lets only holders of its "submit translation" permission do that, and that permission also
opens its "Update translations" view, which can publish; so translators get this form here
instead, restricted to their languages. New translations start as drafts either way.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.views.snippets import get_snippet_model_from_url_params
from wagtail_localize.components import TranslationComponentManager
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    SubmitTranslationView,
)

from .translator_trees import translator_group_name


def locales_user_may_start(user):
    if user.has_perm("wagtail_localize.submit_translation"):
        return Locale.objects.all()
    groups = set(user.groups.values_list("name", flat=True))
    codes = [
        locale.language_code
        for locale in Locale.objects.all()
        if translator_group_name(locale.language_code) in groups
    ]
    return Locale.objects.filter(language_code__in=codes)


class TranslatorsOwnLanguagesMixin:
    """The submit form of wagtail-localize, open to translators for their own languages."""

    def dispatch(self, request, *args, **kwargs):
        self.allowed_locales = locales_user_may_start(request.user)
        if not self.allowed_locales.exists():
            raise PermissionDenied
        self.object = self.get_object()
        self.components = TranslationComponentManager.from_request(
            request, source_object_instance=self.object
        )
        # Skips SubmitTranslationView.dispatch, whose only addition is the permission check
        # replaced above.
        return super(SubmitTranslationView, self).dispatch(request, *args, **kwargs)

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(id__in=self.allowed_locales.values("id"))
        return form


class PageTranslationView(TranslatorsOwnLanguagesMixin, SubmitPageTranslationView):
    pass


submit_page_translation = PageTranslationView.as_view()
# Snippets stay with the moderators: a snippet has no review step, so its edits are live at once.
submit_snippet_translation = SubmitSnippetTranslationView.as_view()


def _to_the_original(request, original, url):
    messages.info(
        request,
        _("Translations are made from the %(language)s original: this is its translation form.")
        % {"language": original.locale.get_display_name()},
    )
    wanted = request.GET.get("select_locale") or request.POST.get("select_locale")
    return redirect(f"{url}?{urlencode({'select_locale': wanted})}" if wanted else url)


def translate_page_from_the_original(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    default = Locale.get_default()
    if page.locale_id != default.id:
        original = page.get_translation_or_none(default)
        if original is None:
            raise Http404(_("This page has no original to translate from."))
        url = reverse("wagtail_localize:submit_page_translation", args=[original.id])
        return _to_the_original(request, original, url)
    return submit_page_translation(request, page_id=page_id)


def translate_snippet_from_the_original(request, app_label, model_name, pk):
    model = get_snippet_model_from_url_params(app_label, model_name)
    if not issubclass(model, TranslatableMixin):
        raise Http404
    snippet = get_object_or_404(model, pk=unquote(pk))
    default = Locale.get_default()
    if snippet.locale_id != default.id:
        original = snippet.get_translation_or_none(default)
        if original is None:
            raise Http404(_("This item has no original to translate from."))
        url = reverse(
            "wagtail_localize:submit_snippet_translation",
            args=[app_label, model_name, quote(original.pk)],
        )
        return _to_the_original(request, original, url)
    return submit_snippet_translation(request, app_label=app_label, model_name=model_name, pk=pk)


# Registered before wagtail-localize's own admin URLs (this app comes first in INSTALLED_APPS),
# so these paths win over the same paths of its "localize/" URLs.
urlpatterns = [
    path("localize/submit/page/<int:page_id>/", translate_page_from_the_original),
    path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translate_snippet_from_the_original,
    ),
]
