"""Who may do what in the admin: every role against every sensitive action, through the
admin's real URLs. An action counts as done only when its effect is there (a page published,
unpublished or deleted; a screen shown)."""

import pytest
from django.urls import reverse
from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import Locale

from contact_forms.models import FormPage
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db

ROLES = [
    "anonymous",
    "editor",
    "moderator",
    "translator-fi",
    "translator-ru",
    "administrator",
    "admin",
]
EVERYBODY_WHO_MANAGES = {"administrator", "admin"}
MATRIX = {
    "view an English draft": {"editor", "moderator", *EVERYBODY_WHO_MANAGES},
    "view a Finnish draft": {"editor", "moderator", "translator-fi", *EVERYBODY_WHO_MANAGES},
    "edit a Finnish translation": {"editor", "moderator", "translator-fi", *EVERYBODY_WHO_MANAGES},
    "publish": {"moderator", *EVERYBODY_WHO_MANAGES},
    "publish a Finnish page": {"moderator", *EVERYBODY_WHO_MANAGES},
    "unpublish": {"moderator", *EVERYBODY_WHO_MANAGES},
    "delete a live page": {"moderator", *EVERYBODY_WHO_MANAGES},
    # Translators start translations into their own language only (editorial.translation_sources).
    "start a Finnish translation": {"moderator", "translator-fi", *EVERYBODY_WHO_MANAGES},
    "start a Russian translation": {"moderator", "translator-ru", *EVERYBODY_WHO_MANAGES},
    "edit site settings": EVERYBODY_WHO_MANAGES,
    "manage users": EVERYBODY_WHO_MANAGES,
    "see form submissions": {"moderator", *EVERYBODY_WHO_MANAGES},
}


def fresh(page):
    return page.specific_class.objects.filter(pk=page.pk).first()


def text_page(language, title, live):
    home = HomePage.objects.get(locale__language_code=language)
    page = StandardPage(title=title, summary="Permission test page.", live=False)
    home.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    return fresh(page)


@pytest.fixture
def targets():
    contact = FormPage.objects.get(locale__language_code="en", slug="contact-us")
    FormSubmission.objects.create(
        page=contact, form_data={"your_name": "Maria Korhonen", "privacy-consent": True}
    )
    return {
        "draft_en": text_page("en", "Draft plans", live=False),
        "draft_fi": text_page("fi", "Luonnos", live=False),
        "live_en": text_page("en", "Published notice", live=True),
        "translation_fi": StandardPage.objects.filter(locale__language_code="fi", alias_of=None)
        .exclude(translation_key=None)
        .order_by("path")
        .first(),
        "contact": contact,
    }


def shows(response, text=None):
    return response.status_code == 200 and (text is None or text in response.content.decode())


def attempt(action, client, targets):
    """Try the action the way the admin does it; True when it took effect."""
    if action == "view an English draft":
        return shows(
            client.get(reverse("wagtailadmin_pages:view_draft", args=[targets["draft_en"].id]))
        )
    if action == "view a Finnish draft":
        return shows(
            client.get(reverse("wagtailadmin_pages:view_draft", args=[targets["draft_fi"].id]))
        )
    if action == "edit a Finnish translation":
        return shows(
            client.get(reverse("wagtailadmin_pages:edit", args=[targets["translation_fi"].id]))
        )
    if action in ("publish", "publish a Finnish page"):
        draft = targets["draft_en" if action == "publish" else "draft_fi"]
        url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
        client.post(f"{url}?id={draft.id}", {})
        return fresh(draft).live
    if action == "unpublish":
        client.post(reverse("wagtailadmin_pages:unpublish", args=[targets["live_en"].id]), {})
        return not fresh(targets["live_en"]).live
    if action == "delete a live page":
        client.post(reverse("wagtailadmin_pages:delete", args=[targets["live_en"].id]), {})
        return fresh(targets["live_en"]) is None
    if action in ("start a Finnish translation", "start a Russian translation"):
        locale = Locale.objects.get(language_code="fi" if "Finnish" in action else "ru")
        url = reverse("wagtail_localize:submit_page_translation", args=[targets["live_en"].id])
        client.post(url, {"locales": [locale.id]})
        return targets["live_en"].get_translation_or_none(locale) is not None
    if action == "edit site settings":
        # The settings URL forwards to the default site's settings form.
        url = reverse("wagtailsettings:edit", args=["core", "contactsettings"])
        response = client.get(url, follow=True)
        return (
            shows(response, "info@baltic-region.example")
            and response.request["PATH_INFO"] != "/admin/"
        )
    if action == "manage users":
        return shows(client.get(reverse("wagtailusers_users:index")), "translator-fi")
    if action == "see form submissions":
        url = reverse("wagtailforms:list_submissions", args=[targets["contact"].id])
        return shows(client.get(url), "Maria Korhonen")
    raise AssertionError(action)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_permission_matrix(login, targets, role, action):
    client = login(role)
    allowed = role in MATRIX[action]
    assert attempt(action, client, targets) is allowed, (
        f"{role} {'should' if allowed else 'must not'} be able to {action}"
    )


def test_anonymous_visitors_are_sent_to_the_sign_in_page(client, targets):
    for url in (
        reverse("wagtailadmin_pages:view_draft", args=[targets["draft_en"].id]),
        reverse("wagtailforms:list_submissions", args=[targets["contact"].id]),
        reverse("wagtailusers_users:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")


def test_drafts_are_not_public(client, targets):
    assert client.get(targets["draft_en"].url or "/en/draft-plans/").status_code == 404
