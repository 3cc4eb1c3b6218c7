"""The roles of the people who work in the admin, declared as data.

Each role is a Django group. What a group may do is written here, and only here:

- ``permissions``: what it may do with kinds of things ("add people", "see the searches"),
  written as Django writes them, ``"app_label.codename"`` (``user.has_perm()`` takes the same);
- ``pages``: what it may do with pages, and where in the page tree (a page permission covers a
  page and everything below it);
- ``media``: what it may do with images and documents, in every collection;
- ``reviews``: the workflow tasks in which its members approve or reject changes.

``editorial.role_migration.apply_roles`` makes the database match this declaration: it creates
the groups, grants what is declared and takes back from these groups whatever is not, including
rights given to them by hand in the admin. Groups that are not declared here are left alone.

To change a role: edit it here, run ``manage.py apply_roles`` (``--check`` first shows what will
change), regenerate ``docs/roles.md`` with ``manage.py apply_roles --docs > docs/roles.md``, and
add a migration that calls ``apply_roles`` (as ``0006_roles_from_declaration`` does) so that
every other database gets the change too.
"""

from dataclasses import dataclass

# Where the snippet models live, by model label ("app_label.ModelName"). This is the one place
# to change when a model moves to another app; the permissions below follow. A model that moves
# also needs a migration calling apply_roles that runs after the move (see role_migration).
SNIPPET_MODELS = {
    "Area": "core.Area",
    "Person": "core.Person",
    "Partner": "core.Partner",
    "Venue": "events.Venue",
    "OrganisationDetails": "core.OrganisationDetails",
}
SNIPPETS = tuple(SNIPPET_MODELS)


def snippet(name, action):
    """The permission to ``action`` ("add", "change", "delete", "view", "publish", "lock" or
    "unlock") the snippet ``name``:
    ``snippet("Area", "change") == "core.change_area"``."""
    app_label, model_name = SNIPPET_MODELS[name].split(".")
    return f"{app_label}.{action}_{model_name.lower()}"


def snippets(*actions):
    return tuple(snippet(name, action) for name in SNIPPETS for action in actions)


@dataclass(frozen=True)
class PageTree:
    """Where page permissions are given: the root page (every language's tree), or the home
    page of one language (that language's tree only)."""

    language: str | None = None

    def __str__(self):
        if self.language is None:
            return "every language's pages (the root page)"
        return f"the {LANGUAGE_NAMES.get(self.language, self.language)} pages ({self.language} home page)"


EVERY_LANGUAGE = PageTree()


def home_page_of(language_code):
    """The tree of one language. Its home page may not exist yet (a fresh database before the
    demo content): the rights are given when it is made (editorial.translator_trees)."""
    return PageTree(language_code)


@dataclass(frozen=True)
class Role:
    """A group of people and everything its members may do in the admin."""

    name: str
    description: str
    permissions: tuple[str, ...] = ()
    pages: tuple[tuple[PageTree, tuple[str, ...]], ...] = ()
    media: tuple[str, ...] = ()
    reviews: tuple[str, ...] = ()


# Building blocks ---------------------------------------------------------------------------

ADMIN_ACCESS = ("wagtailadmin.access_admin",)
SEE_SEARCHES = ("search.view_searchterm",)
READ_FORM_ANSWERS = ("contact_forms.view_submissions",)
# The newsletter's list: see the addresses, erase one (at its owner's request), import a list.
MANAGE_SUBSCRIBERS = (
    "subscribers.view_subscriber",
    "subscribers.delete_subscriber",
    "subscribers.import_subscribers",
)
# wagtail-localize's "submit translation" also opens its "Update translations" view, which can
# publish every translation of a page without asking for the publish permission: so only those
# who publish anyway hold it. Translators start translations through editorial.translation_sources.
START_ANY_TRANSLATION = ("wagtail_localize.submit_translation",)
REDIRECTS_AND_PROMOTED_RESULTS = tuple(
    f"{model}.{action}_{model_name}"
    for model, model_name in (
        ("wagtailredirects", "redirect"),
        ("wagtailsearchpromotions", "searchpromotion"),
    )
    for action in ("add", "change", "delete")
)
MANAGE_PEOPLE = tuple(
    f"auth.{action}_{model}"
    for model in ("user", "group")
    for action in ("add", "change", "delete")
)
MANAGE_WORKFLOWS = (
    "wagtailcore.add_workflow",
    "wagtailcore.change_workflow",
    "wagtailcore.add_task",
    "wagtailcore.change_task",
)
CONTACT_SETTINGS = ("core.change_contactsettings",)
# Sending an issue reaches every subscriber at once: moderators only (newsletters.admin_views).
SEND_NEWSLETTERS = ("newsletters.send_newsletter",)

# Image and document permissions, given on the root collection (so in every collection).
# Wagtail checks these; "delete" is needed to delete a file somebody else uploaded
# (editorial.permissions).
MEDIA_EDITING = (
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtaildocs.choose_document",
)
MEDIA_DELETING = ("wagtailimages.delete_image", "wagtaildocs.delete_document")

# Page permissions (wagtailcore), given on a place in the page tree.
WRITE_PAGES = ("add_page", "change_page")
PUBLISH_PAGES = WRITE_PAGES + ("publish_page", "lock_page", "unlock_page", "bulk_delete_page")

# The moderators' review step of the "Editorial review" workflow (migration 0003), which every
# change to any page of any language goes through.
EDITORIAL_REVIEW_TASK = "Moderator review"

LANGUAGE_NAMES = {"en": "English", "fi": "Finnish", "ru": "Russian"}
TRANSLATED_LANGUAGES = ("fi", "ru")


def translator_group_name(language_code):
    return f"Translators ({language_code})"


# The roles ---------------------------------------------------------------------------------

EDITORS = Role(
    name="Editors",
    description=(
        "Write the site in English. Editors add and edit pages in every language and submit "
        "them for review; a moderator publishes them. They upload, edit and choose images and "
        "documents, and delete only the files they uploaded themselves. They add and edit the "
        "areas, people, partners, venues and organisation details in every language and submit "
        "them for review like pages. They see what visitors search for.\n\n"
        "They cannot publish, unpublish or lock pages or snippets, delete published pages or "
        "whole branches, delete snippets, start or update translations, read the answers sent "
        "with forms, see the newsletter's subscribers, manage "
        "redirects or promoted search results, change settings, or manage users."
    ),
    permissions=(
        ADMIN_ACCESS
        + snippets("add", "change", "view")
        + SEE_SEARCHES
        # Model-wide image and document rights given by Wagtail's own first migrations; kept as
        # they were (what Wagtail checks are the collection rights in ``media``).
        + MEDIA_EDITING
    ),
    pages=((EVERY_LANGUAGE, WRITE_PAGES),),
    media=MEDIA_EDITING,
)

MODERATORS = Role(
    name="Moderators",
    description=(
        "Decide what the public sees. Moderators review every change submitted in the "
        '"Editorial review" workflow and approve it (which publishes it) or request changes '
        "with a comment. They add, edit, publish, unpublish, lock, unlock and delete pages, "
        "branches included, in every language. They start and update translations, edit, "
        "publish, unpublish, lock and unlock the areas, people, partners, venues and "
        "organisation details, manage redirects and "
        "promoted search results, delete any image or document, read the answers sent with "
        "forms, see, erase and import the newsletter's subscribers, send the newsletter's "
        "published issues and see what visitors search for.\n\n"
        "They cannot change the contact settings, manage users and groups, or change workflows."
    ),
    permissions=(
        ADMIN_ACCESS
        + snippets("add", "change", "view", "publish", "lock", "unlock")
        + START_ANY_TRANSLATION
        + REDIRECTS_AND_PROMOTED_RESULTS
        + READ_FORM_ANSWERS
        + MANAGE_SUBSCRIBERS
        + SEE_SEARCHES
        + SEND_NEWSLETTERS
        # Model-wide, as Wagtail's first migrations gave them (see Editors).
        + MEDIA_EDITING
        + MEDIA_DELETING
    ),
    pages=((EVERY_LANGUAGE, PUBLISH_PAGES),),
    media=MEDIA_EDITING + MEDIA_DELETING,
    reviews=(EDITORIAL_REVIEW_TASK,),
)

ADMINISTRATORS = Role(
    name="Administrators",
    description=(
        "Run the association's site. Administrators may do what moderators do with pages, "
        "images, documents, snippets, translations, redirects, promoted search results and "
        "form answers and newsletter subscribers, and also manage users and groups, change the contact settings, and "
        "add and change workflows and their tasks.\n\n"
        'They are not among the reviewers of the "Editorial review" workflow unless they also '
        "belong to Moderators. Unlike superusers, they have only the rights listed here."
    ),
    permissions=(
        ADMIN_ACCESS
        + snippets("add", "change", "publish", "lock", "unlock")
        + START_ANY_TRANSLATION
        + REDIRECTS_AND_PROMOTED_RESULTS
        + READ_FORM_ANSWERS
        + MANAGE_SUBSCRIBERS
        + SEE_SEARCHES
        + MANAGE_PEOPLE
        + CONTACT_SETTINGS
        + MANAGE_WORKFLOWS
    ),
    pages=((EVERY_LANGUAGE, PUBLISH_PAGES),),
    media=MEDIA_EDITING + MEDIA_DELETING,
)


def translators(language_code):
    language = LANGUAGE_NAMES[language_code]
    return Role(
        name=translator_group_name(language_code),
        description=(
            f"Translate the site into {language}. Translators add and edit pages in the "
            f"{language} tree only, and submit them for review; a moderator publishes them. "
            f"They start translations of English pages into {language} (never into another "
            "language), and translate the pages that locale synchronisation puts in their "
            "tree as placeholders. They translate the areas, people, partners, venues and "
            f"organisation details into {language} in the translation editor and submit them "
            "for review like pages.\n\n"
            "They cannot publish, unpublish or lock pages or snippets, delete published pages "
            "or whole branches, edit other languages' pages or snippets, upload images or "
            "documents, read form answers, see the newsletter's subscribers, or change settings."
        ),
        # Snippet rights are model-wide in Django: editorial.snippet_languages keeps a
        # translator's to the snippets of their own language.
        permissions=ADMIN_ACCESS + snippets("change", "view"),
        pages=((home_page_of(language_code), WRITE_PAGES),),
    )


ROLES = (EDITORS, MODERATORS, *(translators(code) for code in TRANSLATED_LANGUAGES), ADMINISTRATORS)
