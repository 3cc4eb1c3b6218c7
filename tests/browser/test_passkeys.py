"""A moderator adds a passkey on the two-step page as the admin asks, signs out, and signs in
again with the passkey alone, in Chromium with its virtual authenticator (as a phone's or
laptop's screen lock would answer). Then the page in Finnish.

WebAuthn needs a host name: the live server listens on 127.0.0.1, and the browser goes to it
as http://localhost (a secure context, and the passkeys' RP ID in the test settings)."""

import re

import pytest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from .helpers import DEMO_PASSWORD


@pytest.fixture
def site_url(live_server, settings):
    url = live_server.url.replace("127.0.0.1", "localhost")
    settings.SECOND_FACTOR_REQUIRED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [url]
    return url


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.get(username="moderator")
    yield user
    # The browser tests share one database: the other tests sign the moderator in by password.
    WebAuthnCredential.objects.filter(user=user).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = ""
    profile.save()


def with_virtual_authenticator(page):
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )
    return cdp


def test_a_moderator_adds_a_passkey_and_signs_in_with_it(open_page, site_url, moderator):
    page = open_page("desktop")
    with_virtual_authenticator(page)
    page.goto(f"{site_url}/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Sign in", exact=True).click()
    expect(page).to_have_url(re.compile(r"/admin/account/two-step/$"))

    page.get_by_role("link", name=re.compile("Use a passkey instead")).click()
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add a passkey").click()
    # Saved: the page comes back listing it, and the admin opens.
    expect(page.get_by_role("cell", name="Passkey 1")).to_be_visible()
    assert WebAuthnCredential.objects.filter(user=moderator, confirmed=True).count() == 1
    page.get_by_role("button", name="Make recovery codes").click()
    expect(page.get_by_role("list", name="Recovery codes").get_by_role("listitem")).to_have_count(
        10
    )
    page.goto(f"{site_url}/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))

    page.context.clear_cookies()  # signed out
    page.goto(f"{site_url}/admin/login/")
    page.get_by_role("button", name="Sign in with a passkey").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto(f"{site_url}/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))

    # In Finnish: the page and the passkey script's messages.
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "fi"
    profile.save()
    page.goto(f"{site_url}/admin/account/two-step/")
    expect(page.get_by_role("heading", name="Kaksivaiheinen kirjautuminen")).to_be_visible()
    page.wait_for_function("typeof window.gettext === 'function'")
    assert page.evaluate("gettext('Registration successful!')") == "Pääsyavain lisätty!"
    assert page.evaluate("gettext('Verify with Passkey')") == "Kirjaudu pääsyavaimella"
    assert not page.script_errors
