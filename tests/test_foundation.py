"""The foundation: three languages, the demo site, errors, settings and migrations."""

import os
import re
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import translation
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import StringTranslation, Translation

from conftest import LANGUAGES
from core.models import OrganisationDetails
from core.tests.factories import PartnerFactory, StandardPageFactory, translate
from home.models import HomePage, StandardPage

pytestmark = pytest.mark.django_db
BASE_DIR = Path(__file__).resolve().parent.parent


def live_page(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("path").first()


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("model", [HomePage, StandardPage])
def test_each_page_type_renders_in_each_language(client, model, language):
    page = live_page(model, language)
    assert page is not None, f"the demo has no {model.__name__} in {language}"
    assert page.url.startswith(f"/{language}/")
    response = client.get(page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert page.title in html
    assert html.count("<h1") == 1
    assert 'href="#main"' in html and 'id="main"' in html


@pytest.mark.no_demo
def test_translated_pages_show_translated_text(client, home_page):
    welcome = StandardPageFactory(title="Welcome", intro="Who we are and what we do.")
    russian = translate(
        welcome,
        "ru",
        {"Welcome": "Добро пожаловать", "Who we are and what we do.": "Кто мы и что мы делаем."},
    )
    response = client.get(russian.url)
    html = response.content.decode()
    assert "Добро пожаловать" in html
    assert "Welcome" not in re.sub(r"<head>.*?</head>", "", html, flags=re.S).split("<main")[1]


@pytest.mark.parametrize(
    ("accept_language", "expected"),
    [("ru", "/ru/"), ("fi-FI,fi;q=0.9,en;q=0.5", "/fi/"), ("de-DE,de", "/en/"), ("", "/en/")],
)
def test_root_redirects_to_the_browser_language(client, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == expected


@pytest.mark.parametrize("path", ["/xx/", "/en/no-such-page/", "/de/welcome/", "/en/welcome/%ff/"])
def test_unknown_addresses_give_the_404_page(client, path):
    response = client.get(path, follow=True)
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_404_page_is_in_the_visitors_language(client):
    response = client.get("/ru/net-takoj-stranicy/")
    assert response.status_code == 404
    assert "Страница не найдена" in response.content.decode()
    assert '<html lang="ru">' in response.content.decode()


@pytest.mark.parametrize(
    ("language", "text"),
    [("en", "Something went wrong"), ("fi", "Jokin meni vikaan"), ("ru", "Что-то пошло не так")],
)
def test_500_page_is_in_the_visitors_language(language, text):
    with translation.override(language):
        html = render_to_string("500.html")
    assert text in html
    assert f'<html lang="{language}">' in html


def test_language_switcher_goes_to_the_same_page(client):
    welcome = live_page(StandardPage, "en")
    html = client.get(welcome.url).content.decode()
    for language in ("fi", "ru"):
        translated = welcome.get_translation(Locale.objects.get(language_code=language))
        assert f'href="{translated.url}" lang="{language}" hreflang="{language}"' in html
        assert f'<link rel="alternate" hreflang="{language}"' in html


@pytest.mark.no_demo
def test_footer_shows_organisation_details_in_the_visitors_language(client, home_page):
    organisation = OrganisationDetails.objects.get()
    organisation.name = "Harbour association"
    organisation.opening_hours = "Monday to Thursday 10–17"
    organisation.save()
    translate(
        organisation,
        "fi",
        {
            "Harbour association": "Satamayhdistys ry",
            "Monday to Thursday 10–17": "Maanantaista torstaihin 10–17",
        },
    )
    translate(PartnerFactory(name="City of Turku"), "fi", {"City of Turku": "Turun kaupunki"})
    html = client.get("/fi/").content.decode()
    assert "Satamayhdistys ry" in html
    assert "Maanantaista torstaihin 10–17" in html
    assert "Turun kaupunki" in html


@pytest.mark.no_demo
def test_navigation_lists_live_pages_of_the_current_language(client, home_page):
    translate(
        StandardPageFactory(title="Welcome", show_in_menus=True), "fi", {"Welcome": "Tervetuloa"}
    )
    translate(
        StandardPageFactory(title="Turku Process", show_in_menus=True),
        "fi",
        {"Turku Process": "Turku-prosessi"},
    )
    html = client.get("/fi/").content.decode()
    nav = html.split('class="main-nav"')[1].split("</nav>")[0]
    assert "Tervetuloa" in nav and "Turku-prosessi" in nav
    assert "Welcome" not in nav


def test_demo_translations_are_wagtail_localize_records():
    welcome = live_page(StandardPage, "en")
    translations = Translation.objects.filter(source__object_id=welcome.translation_key)
    assert sorted(t.target_locale.language_code for t in translations) == ["fi", "ru"]
    assert StringTranslation.objects.filter(locale__language_code="ru").count() > 50


def test_second_demo_load_changes_nothing():
    def counts():
        return (
            Page.objects.count(),
            Revision.objects.count(),
            get_image_model().objects.count(),
            StringTranslation.objects.count(),
            Translation.objects.count(),
        )

    before = counts()
    out = StringIO()
    call_command("load_demo_content", stdout=out)
    assert counts() == before
    assert "nothing changed" in out.getvalue()


def run_manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def production_env(**extra):
    env = {k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG"}}
    env.update(DJANGO_SETTINGS_MODULE="site_config.settings.production", **extra)
    return env


def test_production_settings_refuse_to_start_without_secret_key():
    result = run_manage("check", env=production_env())
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deployment_checks():
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(SECRET_KEY="x" * 20 + "a-long-random-production-key-for-tests"),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_migrations_are_complete():
    out = StringIO()
    call_command("makemigrations", check=True, dry_run=True, stdout=out)
