"""What every app's demo content is built with: the languages, the demo logins, collections,
and adding a page in English with its Finnish and Russian translations."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Collection, Locale, Page

from .translation import translate_from_catalogue

SEA = (11, 79, 113)
# The picture colour of each activity area in the demo content.
AREA_RGB = {
    "culture": (150, 40, 70),
    "education": (11, 79, 113),
    "wellness": (30, 100, 60),
    "journeys": (160, 95, 10),
    "hobbies": (90, 60, 140),
}

# Development logins, printed by load_demo_content; production has its own accounts.
# Username, role, group and a full name: Wagtail's account page asks for both names before it
# saves anything, the staff's admin language included.
DEMO_USERS = [
    ("admin", "Administrator", None, ("Aleksi", "Nieminen")),
    ("editor", "Editor", "Editors", ("Elena", "Korhonen")),
    ("moderator", "Moderator", "Moderators", ("Marja", "Lehtinen")),
    ("translator-fi", "Translator (Finnish)", "Translators (fi)", ("Tiina", "Mäkinen")),
    ("translator-ru", "Translator (Russian)", "Translators (ru)", ("Olga", "Ivanova")),
]
DEMO_PASSWORD = "baltic-demo-2026"  # noqa: S105


def english():
    return Locale.objects.get(language_code="en")


def translation_locales():
    return [Locale.objects.get_or_create(language_code=code)[0] for code in ("fi", "ru")]


def demo_collection(name):
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=name).first()
    return existing or root.add_child(name=name)


def add_page(parent, page, areas=()):
    """Add and publish an English page, and translate it into Finnish and Russian."""
    parent.add_child(instance=page)
    if areas:
        page.areas.set(areas)
    page.save_revision().publish()
    # Translate what is stored, not the in-memory object with its unsaved child objects.
    page = page.__class__.objects.get(pk=page.pk)
    translate_from_catalogue(page, translation_locales())
    return page


def language_home(locale):
    """The home page of a language: each is a child of Wagtail's root."""
    return Page.objects.get(depth=2, locale=locale).specific


def load_users(report):
    User = get_user_model()
    for username, role, group_name, (first_name, last_name) in DEMO_USERS:
        if User.objects.filter(username=username).exists():
            continue
        user = User(
            username=username,
            email=f"{username}@example.org",
            first_name=first_name,
            last_name=last_name,
        )
        user.set_password(DEMO_PASSWORD)
        if group_name is None:
            user.is_superuser = True
            user.is_staff = True
        user.save()
        if group_name:
            group, _created = Group.objects.get_or_create(name=group_name)
            user.groups.add(group)
        report(f"Created the demo user {username!r} ({role})")
