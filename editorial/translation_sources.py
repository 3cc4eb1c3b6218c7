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
instead, restricted to their languages. New translations start as drafts either way: where the
page in their language is already public (the English placeholder, or a published translation),
the translation becomes a draft revision of it, never the page visitors see.

"Convert to alias page" throws an approved translation away and shows visitors the English
original instead, so it is for those who may publish the page.
"""

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.models import Locale, Page, TranslatableMixin, WorkflowState
from wagtail_localize.models import Translation, TranslationSource

from core import upstream
from core.upstream import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    UpdateTranslationsForm,
    UpdateTranslationsView,
)

from .translation_review import edit_url, save_translation_as_draft
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
        return upstream.dispatch_submit_view_without_permission_check(
            self, request, *args, **kwargs
        )

    def get_form(self):
        form = super().get_form()
        field = form.fields["locales"]
        field.queryset = field.queryset.filter(id__in=self.allowed_locales.values("id"))
        return form

    def form_valid(self, form):
        """Where the translation in a chosen language is public (``is_public``), it becomes a
        draft revision of it; wagtail-localize makes the others."""
        public = [
            locale
            for locale in form.cleaned_data["locales"]
            if (target := self.object.get_translation_or_none(locale)) is not None
            and self.is_public(target)
        ]
        if not public:
            return super().form_valid(form)
        with transaction.atomic():
            source, _created = TranslationSource.get_or_create_from_instance(self.object)
            for locale in public:
                translation, _created = Translation.objects.update_or_create(
                    source=source, target_locale=locale, defaults={"enabled": True}
                )
                save_translation_as_draft(translation, self.request.user)
            form.cleaned_data["locales"] = [
                locale for locale in form.cleaned_data["locales"] if locale not in public
            ]
            if form.cleaned_data["locales"]:
                super().form_valid(form)
        messages.success(
            self.request, self.draft_message % {"language": public[0].get_display_name()}
        )
        return redirect(edit_url(self.object.get_translation(public[0])))


class PageTranslationView(TranslatorsOwnLanguagesMixin, SubmitPageTranslationView):
    draft_message = gettext_lazy(
        "The translation into %(language)s is a draft: visitors keep seeing the current page "
        "until a moderator approves it."
    )

    def get_form(self):
        form = super().get_form()
        if not self.request.user.has_perm("wagtail_localize.submit_translation"):
            # A subtree is translated in the background, page by page, outside this review.
            form.fields.pop("include_subtree", None)
        return form

    def is_public(self, target):
        return target.live and not target.permissions_for_user(self.request.user).can_publish()

    def form_valid(self, form):
        form.cleaned_data.setdefault("include_subtree", False)
        return super().form_valid(form)


class SnippetTranslationView(TranslatorsOwnLanguagesMixin, SubmitSnippetTranslationView):
    """Translators start snippet translations into their own language too. A new translation is
    made as a draft (``WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE`` is off); where the snippet
    is already live in that language, wagtail-localize would take it off the site and write the
    unreviewed text into it, so the translation becomes a draft revision of it instead, whoever
    asks."""

    draft_message = gettext_lazy(
        "The translation into %(language)s is a draft: visitors keep seeing the current version "
        "until a moderator approves it."
    )

    def is_public(self, target):
        return getattr(target, "live", False)


def convert_to_alias(request, page_id):
    page = get_object_or_404(Page, id=page_id)
    if not page.permissions_for_user(request.user).can_publish():
        raise PermissionDenied
    return upstream.convert_page_to_alias(request, page_id)


submit_page_translation = PageTranslationView.as_view()
submit_snippet_translation = SnippetTranslationView.as_view()


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
    model = upstream.snippet_model_from_url(app_label, model_name)
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


class ReviewAwareUpdateForm(UpdateTranslationsForm):
    """wagtail-localize's "Sync translated pages" form; publishing refuses a language whose
    translation is in review, whose moderator should approve or reject what was submitted."""

    def __init__(self, *args, in_review=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.in_review = in_review
        self.fields["publish_translations"].help_text = _(
            "Publishes every translation with whatever its translators have typed so far, "
            "submitted for review or not."
        )

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("publish_translations") and self.in_review:
            self.add_error(
                "publish_translations",
                _(
                    "%(languages)s: a translation is waiting for review. Approve it or request "
                    "changes first, or update without publishing."
                )
                % {
                    "languages": ", ".join(
                        str(locale.get_display_name()) for locale in self.in_review
                    )
                },
            )
        return cleaned_data


class ReviewAwareUpdateTranslationsView(UpdateTranslationsView):
    @cached_property
    def locales_in_review(self):
        """The languages whose translation of the source (a page or a snippet) is in review
        (asked once a request)."""
        model = self.object.specific_content_type.model_class()
        base = Page if issubclass(model, Page) else model
        targets = base.objects.filter(
            translation_key=self.object.object_id,
            locale__translations__source=self.object,
            locale__translations__enabled=True,
        ).values_list("pk", "locale_id")
        in_review = set(
            WorkflowState.objects.active()
            .filter(
                base_content_type=ContentType.objects.get_for_model(base),
                object_id__in=[str(pk) for pk, _locale in targets],
            )
            .values_list("object_id", flat=True)
        )
        return list(
            Locale.objects.filter(pk__in=[locale for pk, locale in targets if str(pk) in in_review])
        )

    def get_form(self):
        data = self.request.POST if self.request.method == "POST" else None
        return ReviewAwareUpdateForm(data, in_review=self.locales_in_review)

    def post(self, request, **kwargs):
        # wagtail-localize's template shows no field errors: say it above the form.
        for error in self.get_form().errors.get("publish_translations", []):
            messages.error(request, error)
        return super().post(request, **kwargs)


update_translations = ReviewAwareUpdateTranslationsView.as_view()


# Registered before wagtail-localize's own admin URLs (this app comes first in INSTALLED_APPS),
# so these paths win over the same paths of its "localize/" URLs.
urlpatterns = [
    path("localize/update/<int:translation_source_id>/", update_translations),
    path("localize/submit/page/<int:page_id>/", translate_page_from_the_original),
    path(
        "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
        translate_snippet_from_the_original,
    ),
]
