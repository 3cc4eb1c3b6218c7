"""Two-step sign-in through the admin's real views: setting it up, signing in, every other way
into the admin, and the accounts that must have it."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.users.models import UserProfile

from core.demo.site import DEMO_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN_URL = "/admin/login/"
DASHBOARD = "/admin/"
SETTINGS_URL = "/admin/account/two-step/"


def current_code(device):
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def next_code(device):
    """A code the device has not seen: each code signs in once."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + device.step
    return f"{totp.token():06d}"


def set_up_second_factor(client, user):
    """The enrolment as a person does it: open the page, type the app's code."""
    client.force_login(user)
    page = client.get(SETTINGS_URL)
    assert page.status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    key_on_page = re.search(r'id="second-factor-secret">([A-Z2-7 ]+)<', page.content.decode())
    assert key_on_page, "the key for typing into the app by hand is on the page"
    response = client.post(SETTINGS_URL, {"password": DEMO_PASSWORD, "code": current_code(device)})
    assert response.status_code == 200
    codes = re.findall(
        r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode()
    )
    assert len(codes) == 10
    client.logout()
    device.refresh_from_db()
    return device, codes


def sign_in(client, username, code="", **extra):
    return client.post(
        LOGIN_URL, {"username": username, "password": DEMO_PASSWORD, "otp_code": code}, **extra
    )


def test_setting_it_up_needs_the_apps_right_code(client, demo_user):
    editor = demo_user("editor")
    client.force_login(editor)
    page = client.get(SETTINGS_URL)
    assert "<svg" in page.content.decode(), "a QR code to scan"
    response = client.post(SETTINGS_URL, {"password": DEMO_PASSWORD, "code": "000000"})
    assert response.status_code == 400
    assert "That code is not right" in response.content.decode()
    # Someone at an unattended computer does not know the password.
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        response = client.post(SETTINGS_URL, {"password": "guess", "code": current_code(device)})
    assert response.status_code == 400
    assert "That is not your password" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    # Reloading the page keeps the same key, so the app set up a moment ago still fits.
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    client.get(SETTINGS_URL)
    assert TOTPDevice.objects.get(user=editor, confirmed=False).key == device.key


def test_a_password_alone_no_longer_opens_the_account(client, demo_user):
    device, _codes = set_up_second_factor(client, demo_user("editor"))
    response = sign_in(client, "editor")
    assert response.status_code == 200
    assert "enter the code from your authenticator app" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = sign_in(client, "editor", "123456")
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session
    # django-otp holds the app's codes back for a moment after a wrong one, and says so.
    response = sign_in(client, "editor", next_code(device))
    assert "wait 1 second" in response.content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        response = sign_in(client, "editor", next_code(device))
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_a_recovery_code_signs_in_once(client, demo_user):
    _device, codes = set_up_second_factor(client, demo_user("editor"))
    assert sign_in(client, "editor", codes[0].upper()).status_code == 302
    client.logout()
    response = sign_in(client, "editor", codes[0])
    assert "That code is not right" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout(client, demo_user, settings):
    device, _codes = set_up_second_factor(client, demo_user("editor"))
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "editor", "999999")
    assert sign_in(client, "editor", next_code(device)).status_code == 429


def test_the_sign_in_of_private_pages_asks_for_the_code_too(client, demo_user):
    device, _codes = set_up_second_factor(client, demo_user("editor"))
    members_sign_in = reverse("wagtailcore_login")
    credentials = {"username": "editor", "password": DEMO_PASSWORD}
    response = client.post(members_sign_in, credentials)
    assert response.status_code == 200
    assert "This account uses two-step sign-in" in response.content.decode()
    assert "_auth_user_id" not in client.session
    response = client.post(members_sign_in, {**credentials, "otp_code": next_code(device)})
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 200


def test_a_session_begun_without_the_second_step_does_not_open_the_admin(client, demo_user):
    editor = demo_user("editor")
    set_up_second_factor(client, editor)
    # A session from before the account turned on two-step sign-in.
    client.logout()
    client.force_login(editor)
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert "_auth_user_id" not in client.session
    # Nor does any admin address that accepts a post.
    client.force_login(editor)
    response = client.post(reverse("wagtailadmin_pages:add_subpage", args=[3]), {})
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)


def test_the_password_reset_does_not_pass_the_second_step(client, demo_user, settings):
    editor = demo_user("editor")
    set_up_second_factor(client, editor)
    editor.email = "editor@example.org"
    editor.save()
    client.post(reverse("wagtailadmin_password_reset"), {"email": "editor@example.org"})
    link = re.search(r"https?://[^\s]+/password_reset/confirm/[^\s]+", mail.outbox[-1].body)
    assert link
    form_page = client.get(link.group(0), follow=True)
    new_password = "a-new-and-long-passphrase-2026"
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link.group(0),
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert response.status_code == 302
    assert client.get(DASHBOARD).status_code == 302
    response = client.post(LOGIN_URL, {"username": "editor", "password": new_password})
    assert "_auth_user_id" not in client.session
    assert "enter the code from your authenticator app" in response.content.decode()


def test_moderators_must_set_it_up_before_using_the_admin(client, demo_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    moderator = demo_user("moderator")
    assert sign_in(client, "moderator").status_code == 302
    for url in (DASHBOARD, reverse("wagtailadmin_explore_root"), "/admin/pages/3/edit/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == SETTINGS_URL
    response = client.post(reverse("wagtailadmin_pages:add_subpage", args=[3]), {})
    assert response["Location"] == SETTINGS_URL
    page = client.get(SETTINGS_URL)
    assert "needs two-step sign-in before you can use the admin" in page.content.decode()
    # What the set-up page's scripts fetch is not sent to the set-up page.
    for url in (reverse("wagtailadmin_sprite"), reverse("wagtailadmin_javascript_catalog")):
        assert client.get(url).status_code == 200
    device = TOTPDevice.objects.get(user=moderator, confirmed=False)
    client.post(SETTINGS_URL, {"password": DEMO_PASSWORD, "code": current_code(device)})
    assert client.get(DASHBOARD).status_code == 200
    # And it cannot be turned off again.
    device.refresh_from_db()
    client.post(SETTINGS_URL, {"code": next_code(device), "action": "turn-off"})
    assert TOTPDevice.objects.filter(user=moderator, confirmed=True).exists()


def test_editors_and_translators_may_go_without(client, demo_user, settings):
    settings.SECOND_FACTOR_REQUIRED = True
    for username in ("editor", "translator-fi"):
        assert sign_in(client, username).status_code == 302
        assert client.get(DASHBOARD).status_code == 200
        client.logout()


def test_turning_it_off_needs_a_current_code(client, demo_user):
    editor = demo_user("editor")
    device, _codes = set_up_second_factor(client, editor)
    sign_in(client, "editor", next_code(device))
    response = client.post(SETTINGS_URL, {"code": "000000", "action": "turn-off"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=editor, confirmed=True).exists()
    response = client.post(SETTINGS_URL, {"code": _codes[0], "action": "turn-off"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=editor).exists()
    assert sign_in(client, "editor").status_code == 302


def test_new_recovery_codes_replace_the_old_ones(client, demo_user):
    editor = demo_user("editor")
    device, old_codes = set_up_second_factor(client, editor)
    sign_in(client, "editor", next_code(device))
    response = client.post(SETTINGS_URL, {"code": old_codes[0], "action": "new-codes"})
    new_codes = re.findall(
        r"<li><code>([a-z2-7]{4}-[a-z2-7]{4})</code></li>", response.content.decode()
    )
    assert len(new_codes) == 10 and not set(new_codes) & set(old_codes)
    client.logout()
    assert "That code is not right" in sign_in(client, "editor", old_codes[1]).content.decode()
    assert "wait 1 second" in sign_in(client, "editor", new_codes[0]).content.decode()
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        assert sign_in(client, "editor", new_codes[0]).status_code == 302


@pytest.mark.parametrize(("language", "text"), [("fi", "Kaksivaiheinen"), ("ru", "Двухэтапный")])
def test_the_pages_speak_the_users_language(client, demo_user, language, text):
    editor = demo_user("editor")
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    client.force_login(editor)
    assert text in client.get(SETTINGS_URL).content.decode()
    assert text in client.get(reverse("wagtailadmin_account")).content.decode()


def test_an_administrator_can_reset_a_lost_second_factor(client, demo_user):
    editor = demo_user("editor")
    set_up_second_factor(client, editor)
    call_command("reset_second_factor", "editor")
    assert sign_in(client, "editor").status_code == 302


def test_a_second_factor_passes_an_address_that_is_held_back(client, demo_user, settings):
    device, _codes = set_up_second_factor(client, demo_user("editor"))
    for attempt in range(settings.LOGIN_NETWORK_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": f"guess{attempt}", "password": "wrong"})
    assert sign_in(client, "editor").status_code == 429
    assert sign_in(client, "editor", "123456").status_code == 429
    with time_machine.travel(timezone.now() + timedelta(seconds=2)):
        assert sign_in(client, "editor", next_code(device)).status_code == 302


def test_a_stranger_at_a_held_back_address_learns_nothing_and_wears_nothing_down(
    client, demo_user, settings
):
    device, _codes = set_up_second_factor(client, demo_user("editor"))
    for attempt in range(settings.LOGIN_NETWORK_FAILURE_LIMIT):
        client.post(LOGIN_URL, {"username": f"guess{attempt}", "password": "wrong"})
    wrong_password = client.post(
        LOGIN_URL, {"username": "editor", "password": "guess", "otp_code": next_code(device)}
    )
    wrong_code = sign_in(client, "editor", "000000")
    no_code = sign_in(client, "editor")
    pages = {response.status_code for response in (wrong_password, wrong_code, no_code)}
    assert pages == {429}
    messages = [
        re.findall(r'<li class="error">(.*?)</li>', response.content.decode())
        for response in (wrong_password, wrong_code, no_code)
    ]
    assert messages[0] == messages[1] == messages[2]
    # A wrong password never reaches the codes: had it, django-otp would hold them back for
    # two seconds after this, not one (the wrong code above).
    client.post(LOGIN_URL, {"username": "editor", "password": "guess", "otp_code": "111111"})
    with time_machine.travel(timezone.now() + timedelta(seconds=1.5)):
        assert sign_in(client, "editor", next_code(device)).status_code == 302
