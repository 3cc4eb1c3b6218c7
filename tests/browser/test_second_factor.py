"""A moderator sets up two-step sign-in as the admin asks, signs out, and signs in again with
the code an authenticator app would show (computed here from the key on the page)."""

import re
from base64 import b32decode

import pytest
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from .helpers import DEMO_PASSWORD, axe_violations, describe_violations, screenshot


def app_code(key_on_page, steps_ahead=0):
    """What an authenticator app shows for the key typed in by hand."""
    totp = TOTP(b32decode(key_on_page.replace(" ", "")))
    totp.time = totp.time + steps_ahead * totp.step
    return f"{totp.token():06d}"


def sign_in(page, code=None):
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("moderator")
    page.get_by_label("Password").fill(DEMO_PASSWORD)
    if code is not None:
        page.get_by_label("Code from your authenticator app").fill(code)
    page.get_by_role("button", name="Sign in", exact=True).click()


@pytest.fixture
def second_factor_required(settings, django_user_model):
    settings.SECOND_FACTOR_REQUIRED = True
    yield
    # The browser tests share one database: the other tests sign the moderator in by password.
    moderator = django_user_model.objects.get(username="moderator")
    TOTPDevice.objects.filter(user=moderator).delete()
    StaticDevice.objects.filter(user=moderator).delete()


def test_a_moderator_sets_up_two_step_sign_in_and_signs_in_with_a_code(
    open_page, second_factor_required
):
    page = open_page("phone")
    sign_in(page)
    # A moderator publishes, so the admin opens only on the set-up page until it is done.
    expect(page).to_have_url(re.compile(r"/admin/account/two-step/$"))
    expect(page.get_by_text("needs two-step sign-in before you can use the admin")).to_be_visible()
    expect(page.locator(".second-factor-qr svg")).to_be_visible()
    violations = axe_violations(page, include=["main"])
    assert not violations, describe_violations(violations, page.url)
    screenshot(page, "second-factor-set-up-phone")
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/account/two-step/$"))

    key = page.locator("#second-factor-secret").inner_text()
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_label("Code from your authenticator app").fill("000000")
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_text("That code is not right.")).to_be_visible()
    page.wait_for_timeout(1100)  # django-otp holds codes back for a second after a wrong one
    page.get_by_label("Your password").fill(DEMO_PASSWORD)
    page.get_by_label("Code from your authenticator app").fill(app_code(key))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    expect(page.get_by_role("heading", name="Your recovery codes")).to_be_visible()
    codes = page.get_by_role("list", name="Recovery codes").get_by_role("listitem")
    expect(codes).to_have_count(10)
    recovery_code = codes.first.inner_text()
    page.get_by_role("link", name="I have saved them: go to the dashboard").click()
    expect(page).to_have_url(re.compile(r"/admin/$"))

    page.context.clear_cookies()  # signed out
    sign_in(page)
    expect(page.get_by_text("enter the code from your authenticator app")).to_be_visible()
    expect(page).to_have_url(re.compile(r"/admin/login/"))
    sign_in(page, app_code(key, steps_ahead=1))
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.goto("/admin/pages/")
    expect(page).to_have_url(re.compile(r"/admin/pages/$"))

    # Phone lost: a recovery code, once.
    page.context.clear_cookies()
    sign_in(page, recovery_code)
    expect(page).to_have_url(re.compile(r"/admin/$"))
    page.context.clear_cookies()
    sign_in(page, recovery_code)
    expect(page.get_by_text("That code is not right or has expired")).to_be_visible()
