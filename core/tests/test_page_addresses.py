"""A page directly under a home page cannot take an address the site's own views answer first
(/fi/search/, /en/newsletter/): visitors would get the view and never the page."""

import pytest
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import nested_form_data, streamfield

from home.models import StandardPage

pytestmark = pytest.mark.django_db


def add_text_page(client, parent, slug):
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.pk))
    data = nested_form_data(
        {"title": "Our newsletter", "slug": slug, "intro": "", "body": streamfield([])}
    )
    return client.post(url, {**data, "action-submit": "1"})


@pytest.mark.parametrize(("language", "slug"), [("en", "newsletter"), ("fi", "search")])
def test_a_views_address_is_refused_under_a_home_page(client, demo_user, language, slug):
    client.force_login(demo_user("editor"))
    home = Page.objects.get(depth=2, locale__language_code=language)
    response = add_text_page(client, home, slug)
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "belongs to a page the site makes itself" in str(errors["slug"])
    assert not StandardPage.objects.filter(slug=slug).exists()


def test_the_same_slug_deeper_down_is_fine(client, demo_user):
    client.force_login(demo_user("editor"))
    below_home = Page.objects.get(depth=2, locale__language_code="en").get_children().first()
    response = add_text_page(client, below_home, "newsletter")
    assert response.status_code == 302
    assert StandardPage.objects.filter(slug="newsletter").exists()
