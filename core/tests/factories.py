"""Factories for tests that build the little they need instead of using the demo content.

Such tests are marked ``no_demo`` (see docs/testing.md): they run on the bare, migrated
database (the languages, groups and review workflow of the migrations, nothing else), so an
edited demo sentence cannot break them. ``site_with_home()`` (the ``home_page`` fixture) is
their site; pages made by these factories are published, as an editor would publish them,
unless made with ``live=False``.

Core is the base app and imports no content app: the home app's pages are named by string
(as core's models name them), and each content app keeps the factories of its own models in
its tests (``events/tests/factories.py``...), depending on these only.
"""

import factory
import wagtail_factories
from django.apps import apps
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Locale, Page, Site

from core.demo.translation import translate_segments
from core.models import Area, ContactSettings, OrganisationDetails, Partner, Person


def locale(language="en"):
    return Locale.objects.get(language_code=language)


def translate(instance, language, texts=None):
    """The page or snippet translated into ``language`` with wagtail-localize, as a translator
    would (published): each English text in ``texts`` becomes its translation, any other
    segment keeps the translation it has or else the English text. The snippets the instance
    uses are translated with it (wagtail-localize's way). Returns the translation."""
    texts = texts or {}
    target = locale(language)
    translate_segments(
        instance,
        [target],
        lambda english, _language, current: texts.get(english) or current or english,
    )
    translation = instance.get_translation(target)
    return translation.specific if isinstance(translation, Page) else translation


def english_home():
    """The English home page: the root of the test's site."""
    return apps.get_model("home", "HomePage").objects.get(depth=2, locale=locale("en"))


class PageFactory(wagtail_factories.PageFactory):
    """A page added under ``parent`` and published, or saved as a draft with ``live=False``.

    Child objects (``occurrences=[...]``) and parental many-to-many fields (``areas=[...]``)
    are given as keywords; ``tags=[...]`` for pages with tags. The page returned is read back
    from the database."""

    title = factory.Sequence(lambda n: f"Page {n}")
    parent = factory.LazyFunction(english_home)

    class Meta:
        abstract = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tags = kwargs.pop("tags", ())
        page = model_class(**kwargs)
        if tags:
            page.tags.add(*tags)
        parent.add_child(instance=page)
        revision = page.save_revision()
        if page.live:
            revision.publish()
        return model_class.objects.get(pk=page.pk)


def list_page(factory_class):
    """The English list page of a kind (the schedule, the publications...), of which a home
    page has one: the one there is, or a new one made by ``factory_class``."""
    model = factory_class._meta.get_model_class()
    return model.objects.filter(locale=locale("en")).first() or factory_class()


class HomePageFactory(PageFactory):
    title = "Home"
    slug = "home"
    parent = factory.LazyFunction(Page.get_first_root_node)

    class Meta:
        model = "home.HomePage"


class StandardPageFactory(PageFactory):
    intro = factory.LazyAttribute(lambda page: f"About {page.title}.")

    class Meta:
        model = "home.StandardPage"


def site_with_home(title="Home", languages=("fi", "ru"), **fields):
    """The default site, answering any host, with an English home page as its root, and the
    home page translated into ``languages``: /en/, /fi/ and /ru/ answer. The organisation's
    details (in English, named ``title``) and the contact settings are made too. Replaces Wagtail's
    "Welcome" page of the bare database; refuses to run where the demo content is loaded."""
    HomePage = apps.get_model("home", "HomePage")
    if HomePage.objects.exists():
        raise RuntimeError(
            "The demo content is in the database: a site of a test's own is for no_demo tests, which "
            "run before the demo is loaded (and not on a database kept with --reuse-db)."
        )
    root = Page.get_first_root_node()
    for page in root.get_children():
        page.delete()  # Wagtail's welcome page, and the site that points at it
    home = HomePageFactory(parent=root, title=title, **fields)
    Site.objects.create(
        hostname="localhost", port=80, root_page=home, is_default_site=True, site_name=title
    )
    # What the layout shows on every page, made as the demo makes them.
    ContactSettings.load()
    OrganisationDetailsFactory(name=title)
    for language in languages:
        # The home pages are siblings under the root: each language has a slug of its own.
        translate(home, language, {home.slug: f"{home.slug}-{language}"})
    return home


class TranslatableSnippetFactory(DjangoModelFactory):
    """A snippet in English (``locale=locale("fi")`` for another language)."""

    locale = factory.LazyFunction(locale)

    class Meta:
        abstract = True


class AreaFactory(TranslatableSnippetFactory):
    name = factory.Sequence(lambda n: f"Area {n}")
    slug = factory.LazyAttribute(lambda area: slugify(area.name))

    class Meta:
        model = Area


class PersonFactory(TranslatableSnippetFactory):
    name = factory.Sequence(lambda n: f"Person {n}")
    role = "Volunteer"

    class Meta:
        model = Person


class PartnerFactory(TranslatableSnippetFactory):
    name = factory.Sequence(lambda n: f"Partner {n}")
    url = factory.LazyAttribute(lambda partner: f"https://{slugify(partner.name)}.example.org/")
    show_in_footer = True

    class Meta:
        model = Partner


class OrganisationDetailsFactory(TranslatableSnippetFactory):
    name = "The association"
    address = "Harbour street 1, Turku"

    class Meta:
        model = OrganisationDetails
