"""Staff change their own admin settings on Wagtail's account page, as a browser sends it."""

import lxml.html
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.users.models import UserProfile

pytestmark = pytest.mark.django_db


def account_form_as_shown(client):
    """Every field of the account page's form with the value it is shown with."""
    response = client.get(reverse("wagtailadmin_account"))
    assert response.status_code == 200
    page = lxml.html.fromstring(response.content)
    (form,) = [form for form in page.forms if form.get("method", "").lower() == "post"]
    return dict(form.form_values()), page


@pytest.mark.parametrize("username", ["translator-fi", "translator-ru", "editor", "moderator"])
def test_demo_staff_can_change_their_admin_language_and_time_zone(client, username):
    """The demo users have full names: Wagtail's name form refuses an empty last name, and
    with it every other setting of the page."""
    client.force_login(get_user_model().objects.get(username=username))
    values, _page = account_form_as_shown(client)
    values["locale-preferred_language"] = "fi"
    values["locale-current_time_zone"] = "Europe/Helsinki"
    response = client.post(reverse("wagtailadmin_account"), values)
    assert response.status_code == 302, response.content.decode()[:2000]
    profile = UserProfile.objects.get(user__username=username)
    assert (profile.preferred_language, profile.current_time_zone) == ("fi", "Europe/Helsinki")


def test_the_time_zone_list_offers_only_real_zones(client, caplog):
    """The machine's zone list holds files that are no zones ("localtime"): offered, the admin
    logged "Invalid time zone specified" on every page once someone chose one."""
    client.force_login(get_user_model().objects.get(username="editor"))
    _values, page = account_form_as_shown(client)
    offered = page.xpath('//select[@name="locale-current_time_zone"]/option/@value')
    assert "Europe/Helsinki" in offered and "UTC" in offered
    assert not [zone for zone in offered if zone in {"localtime", "Factory"} or "posix/" in zone]
    assert "Invalid time zone" not in caplog.text
