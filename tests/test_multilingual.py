"""Issue 6: every model is translatable, new English pages reach the translators, translations
are made from the English original only, and the switcher never leads to a 404."""

import pytest
from django.db import models
from django.urls import reverse
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from modelcluster.models import get_all_child_relations
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, TranslatableMixin, get_page_models
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

OUR_APPS = {
    "core",
    "home",
    "culture",
    "events",
    "publications",
    "editorial",
    "search",
    "newsletters",
}
TEXT_FIELDS = (models.CharField, models.TextField, RichTextField, StreamField)
# Left out on purpose: tags are words of each language; a translation starts with a copy of the
# source's tags and is then kept in its own language (see PublicationPage).
KEPT_PER_LANGUAGE = {("PublicationPage", "tagged_items")}


def our_models():
    pages = [m for m in get_page_models() if m._meta.app_label in OUR_APPS]
    snippets = [m for m in get_snippet_models() if m._meta.app_label in OUR_APPS]
    inlines = {
        relation.related_model
        for model in pages + snippets
        for relation in get_all_child_relations(model)
        if issubclass(relation.related_model, TranslatableMixin)
    }
    return pages + snippets + sorted(inlines, key=lambda m: m.__name__)


def declared_translatable_fields(model):
    """translatable_fields written in our code, not wagtail-localize's automatic guess."""
    for klass in model.__mro__:
        if "translatable_fields" in vars(klass):
            assert klass.__module__.split(".")[0] in OUR_APPS, (
                f"{model.__name__} inherits translatable_fields from {klass.__module__}"
            )
            return {field.field_name for field in klass.translatable_fields}
    raise AssertionError(f"{model.__name__} does not declare translatable_fields")


def test_the_models_cover_pages_snippets_and_inlines():
    names = {model.__name__ for model in our_models()}
    assert {"HomePage", "EventPage", "PublicationPage", "GalleryPage"} <= names
    assert {"Area", "Person", "Partner", "Venue", "OrganisationDetails"} <= names
    assert "GalleryImage" in names


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m.__name__)
def test_every_model_is_registered_for_translation(model):
    assert issubclass(model, TranslatableMixin)
    declared = declared_translatable_fields(model)
    forgotten = [
        field.name
        for field in model._meta.get_fields()
        if getattr(field, "model", None) is not None
        and field.model._meta.app_label in OUR_APPS
        and isinstance(field, (*TEXT_FIELDS, models.ForeignKey, models.ManyToManyField))
        and field.editable
        and not field.auto_created
        and field.name not in declared
        and not field.name.endswith("_ptr")
        and not isinstance(field, ParentalKey)  # the link to the page it belongs to
    ]
    forgotten += [
        relation.get_accessor_name()
        for relation in get_all_child_relations(model)
        if relation.get_accessor_name() not in declared
        and relation.related_model._meta.app_label in OUR_APPS
        and (model.__name__, relation.get_accessor_name()) not in KEPT_PER_LANGUAGE
    ]
    assert not forgotten, f"{model.__name__}: neither translated nor synchronised: {forgotten}"
    if issubclass(model, Page):
        assert {"title", "slug"} <= declared


def add_english_page_in_the_admin(client, user, title):
    home = HomePage.objects.get(locale__language_code="en")
    client.force_login(user)
    response = client.post(
        reverse("wagtailadmin_pages:add", args=["home", "standardpage", home.id]),
        {"title": title, "slug": slugify(title), "intro": "", "body-count": "0", "summary": ""},
    )
    assert response.status_code == 302, response.context["form"].errors
    return StandardPage.objects.get(locale__language_code="en", title=title)


def test_the_dashboard_lists_a_page_added_after_the_translator_last_saw_it(client, demo_user):
    # What is untranslated is kept between visits (editorial.translation_dashboard).
    translator = demo_user("translator-fi")
    client.force_login(translator)
    assert "Autumn fair 2027" not in client.get(reverse("wagtailadmin_home")).content.decode()
    add_english_page_in_the_admin(client, demo_user("editor"), "Autumn fair 2027")
    client.force_login(translator)
    assert "Autumn fair 2027" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_new_english_page_appears_in_the_finnish_and_russian_trees(client, demo_user):
    page = add_english_page_in_the_admin(client, demo_user("editor"), "Summer camp 2027")
    for code in ("fi", "ru"):
        placeholder = Page.objects.get(
            translation_key=page.translation_key, locale__language_code=code
        )
        assert placeholder.alias_of_id == page.id
        assert not placeholder.live  # the English page is still a draft in review
        home = HomePage.objects.get(locale__language_code=code)
        assert placeholder.get_parent().id == home.id

    # The Finnish translator finds it on the dashboard and starts translating it from there.
    translator = demo_user("translator-fi")
    client.force_login(translator)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Summer camp 2027" in dashboard
    finnish = Locale.objects.get(language_code="fi")
    placeholder = page.get_translation(finnish)
    alias_view = client.get(reverse("wagtailadmin_pages:edit", args=[placeholder.id]))
    assert "Translate this page" in alias_view.content.decode()

    submit_url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    form = client.get(submit_url, {"select_locale": "fi"})
    assert form.status_code == 200
    offered = {locale.language_code for locale in form.context["form"].fields["locales"].queryset}
    assert offered == {"fi"}  # never Russian for the Finnish translator
    refused = client.post(submit_url, {"locales": [Locale.objects.get(language_code="ru").id]})
    assert refused.status_code == 200 and refused.context["form"].errors
    started = client.post(submit_url, {"locales": [finnish.id]})
    assert started.status_code == 302
    translated = Page.objects.get(id=placeholder.id)
    assert translated.alias_of_id is None and not translated.live
    assert (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale=finnish
        ).count()
        == 1
    )


def test_editors_cannot_start_translations(client, demo_user):
    page = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    client.force_login(demo_user("editor"))
    url = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    assert client.get(url).status_code in (302, 403)


def test_translating_from_a_translation_goes_to_the_english_original(client, demo_user):
    """en→fi and then fi→ru must not give the Russian page two translation records."""
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title="Choir evenings", intro="We sing on Tuesdays.")
    home.add_child(instance=page)
    page.save_revision().publish()
    finnish, russian = (Locale.objects.get(language_code=c) for c in ("fi", "ru"))
    TranslationCreator(user=None, target_locales=[finnish]).create_translations(page)
    finnish_page = page.get_translation(finnish)

    client.force_login(demo_user("moderator"))
    from_finnish = reverse("wagtail_localize:submit_page_translation", args=[finnish_page.id])
    redirect = client.get(from_finnish, {"select_locale": "ru"})
    english_form = reverse("wagtail_localize:submit_page_translation", args=[page.id])
    assert redirect.status_code == 302
    assert redirect["Location"] == f"{english_form}?select_locale=ru"
    # A form posted straight at the Finnish page creates nothing either.
    client.post(from_finnish, {"locales": [russian.id]})
    assert not TranslationSource.objects.filter(
        locale=finnish, object_id=page.translation_key
    ).exists()

    assert client.post(english_form, {"locales": [russian.id]}).status_code == 302
    records = Translation.objects.filter(source__object_id=page.translation_key)
    assert sorted(records.values_list("target_locale__language_code", flat=True)) == ["fi", "ru"]
    assert TranslationSource.objects.filter(object_id=page.translation_key).count() == 1
    russian_page = page.get_translation(russian)
    assert client.get(reverse("wagtailadmin_pages:edit", args=[russian_page.id])).status_code == 200
    # Russian is translated now, so the English form no longer offers it.
    offered = client.get(english_form).context["form"].fields["locales"].queryset
    assert russian not in offered and finnish not in offered


def test_switcher_falls_back_to_the_nearest_translated_section(client):
    """A page that is not in Russian yet links to its Russian parent page, which says so."""
    welcome = StandardPage.objects.get(locale__language_code="en", slug="welcome")
    page = StandardPage(title="Poetry night", intro="Poems in three languages.")
    welcome.add_child(instance=page)
    page.save_revision().publish()

    html = client.get(page.url).content.decode()
    russian_welcome = welcome.get_translation(Locale.objects.get(language_code="ru"))
    assert f'href="{russian_welcome.url}?untranslated=1" lang="ru"' in html
    head = html.split("</head>")[0]
    assert 'hreflang="ru" href' not in head
    assert f'hreflang="x-default" href="http://testserver{page.url}"' in head

    landing = client.get(f"{russian_welcome.url}?untranslated=1")
    assert landing.status_code == 200
    assert "ещё не переведена" in landing.content.decode()
    assert "ещё не переведена" not in client.get(russian_welcome.url).content.decode()


def test_a_translation_made_with_wagtail_localize_shows_its_text_and_the_shared_image(client):
    english = HomePage.objects.get(locale__language_code="en")
    russian = english.get_translation(Locale.objects.get(language_code="ru"))
    assert TranslationSource.objects.filter(object_id=english.translation_key).exists()
    assert russian.hero_image_id == english.hero_image_id
    html = client.get(russian.url).content.decode()
    assert russian.hero_title in html and russian.hero_title != english.hero_title
    assert english.hero_image.file.name.split("/")[-1].split(".")[0] in html


@pytest.mark.parametrize(
    "model",
    [m for m in get_snippet_models() if m._meta.app_label in OUR_APPS],
    ids=lambda m: m.__name__,
)
def test_every_snippet_opens_in_the_translation_editor(client, demo_user, model):
    finnish = Locale.objects.get(language_code="fi")
    translated = model.objects.filter(locale=finnish).first()
    assert translated is not None, f"the demo has no Finnish {model.__name__}"
    assert Translation.objects.filter(
        source__object_id=translated.translation_key, target_locale=finnish, enabled=True
    ).exists()
    client.force_login(demo_user("moderator"))
    meta = model._meta
    url = reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[translated.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert 'class="js-translation-editor"' in response.content.decode()
