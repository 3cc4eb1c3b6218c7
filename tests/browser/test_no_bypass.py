"""No route around review (issue 20), clicked through the admin as people do, each judged by what
an anonymous visitor sees afterwards.

1. A translator translates a live Finnish placeholder and submits it: visitors keep seeing the
   English placeholder until a moderator approves, and the translator is offered neither
   "Convert to alias page" nor any button that publishes.
2. Neither an editor nor the Finnish translator can swap a live Finnish translation for the
   English original ("Convert to alias page"); a moderator can.
3. "Release in all languages": a moderator schedules the reviewed versions of three languages
   for one moment; nothing changes for visitors before it, all three change after it. A
   translator pressing "Submit for review" again meanwhile saves nothing.
"""

import datetime
import re

import time_machine
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation
from wagtail_localize.operations import TranslationCreator

from home.models import HomePage, StandardPage

from .helpers import anonymous_status, log_in, screenshot, translate_segments

NOINDEX = 'meta[name="robots"][content="noindex"]'


def locale(code):
    return Locale.objects.get(language_code=code)


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def published_english_page(title, slug, intro):
    home = HomePage.objects.get(locale__language_code="en")
    page = StandardPage(title=title, slug=slug, intro=intro)
    home.add_child(instance=page)
    page.save_revision().publish()
    return fresh(page)


def translation_record(english, code):
    return Translation.objects.get(
        source__object_id=english.translation_key, target_locale=locale(code)
    )


def live_translation(english, code, answers):
    """A published translation of ``english``, made by the operators (outside any request)."""
    TranslationCreator(user=None, target_locales=[locale(code)]).create_translations(english)
    translation = translation_record(english, code)
    po = translation.export_po()
    for entry in po:
        entry.msgstr = answers[entry.msgid]
    translation.import_po(po)
    translation.save_target(publish=True)
    target = fresh(english.get_translation(locale(code)))
    assert target.live and target.alias_of_id is None
    return target


def visitor_sees(open_page, url, title, text, placeholder=False):
    """An anonymous visitor gets the page at ``url`` with this heading and text, marked noindex
    exactly when it is a placeholder."""
    status, visitor = anonymous_status(open_page, url)
    assert status == 200, url
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.locator("main")).to_contain_text(text)
    expect(visitor.locator(NOINDEX)).to_have_count(1 if placeholder else 0)
    return visitor


def header_actions(page):
    """The labels in the editor header's "Actions" menu (Wagtail's page header buttons), which
    Wagtail leaves out when it would be empty."""
    expect(page.get_by_role("button", name="Toggle status")).to_be_visible()  # the header is there
    toggle = page.locator("#w-slim-header-buttons").get_by_role(
        "button", name="Actions", exact=True
    )
    if not toggle.count():
        return ""
    toggle.click()
    menu = page.locator("[data-w-dropdown-target='content']:visible")
    expect(menu.first).to_be_visible()
    labels = menu.first.inner_text()
    page.keyboard.press("Escape")
    return labels


def assert_translator_cannot_convert_or_publish(page):
    """In the translation editor: no "Convert to alias page" anywhere (the header's "Actions",
    wagtail-localize's footer menu), no publish button, and "Submit for review" as the primary
    action."""
    expect(page.get_by_text(re.compile("convert to alias", re.IGNORECASE))).to_have_count(0)
    assert "alias" not in header_actions(page).lower()
    expect(page.get_by_role("button", name=re.compile(r"^Publish"))).to_have_count(0)
    submit = page.get_by_role("button", name="Submit for review", exact=True)
    expect(submit).to_have_count(1)
    expect(submit).to_be_visible()
    expect(submit).to_have_class(re.compile(r"(^|\s)button(\s|$)"))
    expect(submit).not_to_have_class(re.compile("button-secondary"))
    expect(submit.locator("xpath=ancestor::footer")).to_have_count(1)


# 1. A live placeholder stays the English placeholder until a moderator approves its translation.

PLACEHOLDER_EN = {
    "title": "Volunteers wanted at the harbour festival",
    "slug": "volunteers-wanted-harbour-festival",
    "intro": "Help us set up the stalls on Saturday morning.",
}
PLACEHOLDER_FI = {
    PLACEHOLDER_EN["title"]: "Vapaaehtoisia tarvitaan satamajuhlille",
    PLACEHOLDER_EN["slug"]: "vapaaehtoisia-satamajuhlille",
    PLACEHOLDER_EN["intro"]: "Auta meitä pystyttämään kojut lauantaiaamuna.",
}


def english_page_with_a_live_placeholder():
    english = published_english_page(**PLACEHOLDER_EN)
    placeholder = english.get_translation_or_none(locale("fi"))
    if placeholder is None:  # locale synchronisation has not made it (yet)
        placeholder = english.copy_for_translation(locale("fi"), alias=True)
    placeholder = fresh(placeholder)
    assert placeholder.alias_of_id == english.id and placeholder.live
    return english, placeholder


def test_translation_of_a_live_placeholder_waits_for_a_moderator(open_page):
    english, placeholder = english_page_with_a_live_placeholder()
    url = placeholder.url

    def placeholder_shows_english():
        visitor = visitor_sees(
            open_page, url, PLACEHOLDER_EN["title"], PLACEHOLDER_EN["intro"], placeholder=True
        )
        expect(visitor.locator("main")).not_to_contain_text(PLACEHOLDER_FI[PLACEHOLDER_EN["intro"]])
        return visitor

    screenshot(placeholder_shows_english(), "flow-no-bypass-placeholder-before")

    translator = open_page()
    log_in(translator, "translator-fi")
    translator.goto(f"/admin/pages/{placeholder.id}/edit/")
    expect(translator.get_by_text("This page hasn't been translated yet.")).to_be_visible()
    translator.get_by_role("link", name="Translate this page").click()
    expect(translator.get_by_label("Suomi")).to_be_checked()
    translator.get_by_role("button", name="Submit").click()
    expect(translator.get_by_text("The translation into Suomi is a draft")).to_be_visible()
    expect(translator.get_by_text("English to Suomi translation").first).to_be_visible()
    placeholder_shows_english()

    assert_translator_cannot_convert_or_publish(translator)
    translate_segments(translator, PLACEHOLDER_FI)
    screenshot(translator, "flow-no-bypass-translator-translated")
    placeholder_shows_english()

    translator.get_by_role("button", name="Submit for review", exact=True).click()
    expect(
        translator.get_by_text("The Suomi translation was submitted for review.")
    ).to_be_visible()
    placeholder_shows_english()
    row = Page.objects.get(pk=placeholder.pk)
    assert row.alias_of_id == english.id and row.title == PLACEHOLDER_EN["title"]

    moderator = open_page()
    log_in(moderator, "moderator")
    moderator.goto(f"/admin/pages/{placeholder.id}/edit/")
    expect(moderator.get_by_text("This translation is waiting for your review")).to_be_visible()
    screenshot(moderator, "flow-no-bypass-moderator-reviews")
    moderator.get_by_role("button", name="Approve and publish").click()
    expect(moderator.get_by_text("This translation is waiting for your review")).to_be_hidden()

    published = fresh(placeholder)
    assert published.alias_of_id is None and published.live
    visitor = visitor_sees(
        open_page,
        published.url,
        PLACEHOLDER_FI[PLACEHOLDER_EN["title"]],
        PLACEHOLDER_FI[PLACEHOLDER_EN["intro"]],
    )
    expect(visitor.locator("html")).to_have_attribute("lang", "fi")
    expect(visitor.locator("main")).not_to_contain_text(PLACEHOLDER_EN["intro"])
    screenshot(visitor, "flow-no-bypass-placeholder-approved")


# 2. "Convert to alias page" is for those who may publish the page.

SWAP_EN = {
    "title": "Sauna evening for new members",
    "slug": "sauna-evening-new-members",
    "intro": "Bring a towel; we provide the tea.",
}
SWAP_FI = {
    SWAP_EN["title"]: "Saunailta uusille jäsenille",
    SWAP_EN["slug"]: "saunailta-uusille-jasenille",
    SWAP_EN["intro"]: "Ota pyyhe mukaan, me tarjoamme teen.",
}


def refused(response):
    """Refused: 403, or Wagtail's way of sending someone without rights back to the dashboard
    (for a page the browser opened, the redirect it followed)."""
    first = response
    while getattr(first, "request", None) and first.request.redirected_from is not None:
        first = first.request.redirected_from.response()
    location = first.headers.get("location", "")
    return first.status == 403 or (first.status == 302 and location.rstrip("/").endswith("/admin"))


def try_to_convert_to_alias(page, finnish):
    """What a person without the right can try: open the confirmation page and press its button
    if it is there, then post to the route with the session's own CSRF token. Returns the
    (confirmation page, post) responses."""
    url = f"/admin/localize/page/{finnish.id}/convert_to_alias/"
    confirmation = page.goto(url)
    if refused(confirmation):
        expect(page.get_by_text("Sorry, you do not have permission")).to_be_visible()
    convert = page.get_by_role("button", name="Yes, convert it")
    if convert.count():
        convert.click()
        page.wait_for_load_state()
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    post = page.request.post(
        url, headers={"X-CSRFToken": token}, form={"next": ""}, max_redirects=0
    )
    return confirmation, post


def test_only_a_moderator_can_swap_a_live_translation_for_the_english_original(open_page):
    english = published_english_page(**SWAP_EN)
    finnish = live_translation(english, "fi", SWAP_FI)
    url = finnish.url
    visitor_sees(open_page, url, SWAP_FI[SWAP_EN["title"]], SWAP_FI[SWAP_EN["intro"]])

    for username in ("translator-fi", "editor"):
        person = open_page()
        log_in(person, username)
        person.goto(f"/admin/pages/{finnish.id}/edit/")
        expect(person.get_by_text("English to Suomi translation").first).to_be_visible()
        if username == "translator-fi":
            assert_translator_cannot_convert_or_publish(person)
        confirmation, post = try_to_convert_to_alias(person, finnish)
        screenshot(person, f"flow-no-bypass-convert-refused-{username}")

        visitor = visitor_sees(open_page, url, SWAP_FI[SWAP_EN["title"]], SWAP_FI[SWAP_EN["intro"]])
        expect(visitor.locator("main")).not_to_contain_text(SWAP_EN["intro"])
        row = Page.objects.get(pk=finnish.pk)
        assert row.alias_of_id is None, username
        assert translation_record(english, "fi"), username
        assert refused(confirmation), (username, confirmation.status)
        assert refused(post), (username, post.status, post.headers.get("location"))

    moderator = open_page()
    log_in(moderator, "moderator")
    moderator.goto(f"/admin/pages/{finnish.id}/edit/")
    footer = moderator.locator(".js-translation-editor footer")
    footer.get_by_role("button", name="More actions").click()
    footer.get_by_role("link", name="Convert to alias page").click()
    expect(
        moderator.get_by_text("Are you sure you want to convert this page into an alias?")
    ).to_be_visible()
    moderator.get_by_role("button", name="Yes, convert it").click()
    expect(moderator.get_by_text("has been converted into an alias.")).to_be_visible()
    screenshot(moderator, "flow-no-bypass-moderator-converted")

    converted = fresh(finnish)
    assert converted.alias_of_id == english.id
    visitor = visitor_sees(
        open_page, converted.url, SWAP_EN["title"], SWAP_EN["intro"], placeholder=True
    )
    expect(visitor.locator("main")).not_to_contain_text(SWAP_FI[SWAP_EN["intro"]])


# 3. Release in all languages, at one moment, exactly what was reviewed.

RELEASE_EN = {
    "title": "Autumn language café",
    "slug": "autumn-language-cafe",
    "intro": "Meet every Tuesday at the library.",
}
RELEASE_TRANSLATIONS = {
    "fi": {
        RELEASE_EN["title"]: "Syksyn kielikahvila",
        RELEASE_EN["slug"]: "syksyn-kielikahvila",
        RELEASE_EN["intro"]: "Tavataan joka tiistai kirjastossa.",
    },
    "ru": {
        RELEASE_EN["title"]: "Осеннее языковое кафе",
        RELEASE_EN["slug"]: "osennee-yazykovoe-kafe",
        RELEASE_EN["intro"]: "Встречаемся каждый вторник в библиотеке.",
    },
}
RELEASED_INTRO = {
    "en": "From October we meet on Wednesdays at the harbour café.",
    "fi": "Lokakuusta alkaen tapaamme keskiviikkoisin satamakahvilassa.",
    "ru": "С октября встречаемся по средам в кафе у гавани.",
}
NEWER_FINNISH = "Tarkistamaton uudempi teksti, jota kukaan ei hyväksynyt."


def submit_change(page, intro, author):
    page = fresh(page)
    page.intro = intro
    page.save_revision(user=author)
    page.get_workflow().start(page, author)


def edit_segment(page, source, text):
    editor = page.locator(".js-translation-editor")
    segment = (
        editor.locator("li")
        .filter(has_text=source)
        .filter(has=page.get_by_role("button", name="Edit", exact=True))
        .last
    )
    segment.get_by_role("button", name="Edit", exact=True).click()
    segment = editor.locator("li", has=page.locator("textarea"))
    expect(segment.locator("p").first).to_have_text(source)
    segment.locator("textarea").fill(text)
    segment.get_by_role("button", name="Save").click()
    expect(editor.locator("textarea")).to_have_count(0)
    expect(editor).to_contain_text(text)


def choose_in_date_picker(page, field, moment):
    """Pick the day in Wagtail's date-time picker and type the hour, as a person does."""
    field.click()
    picker = page.locator(".xdsoft_datetimepicker:visible")
    expect(picker).to_be_visible()
    day = picker.locator(
        f".xdsoft_date[data-date='{moment.day}'][data-month='{moment.month - 1}']"
        f"[data-year='{moment.year}']"
    )
    if not day.count():  # tomorrow is in a month the calendar does not show yet
        picker.locator(".xdsoft_next").first.click()
    day.first.click()
    screenshot(page, "flow-no-bypass-release-date-picker")
    # The picker's hour list scrolls to the current hour under its own arrow buttons, so which
    # hours can be clicked depends on the time of day; type the hour instead, as people also do.
    expect(field).to_have_value(re.compile(f"^{moment:%Y-%m-%d} "))
    field.fill(f"{moment:%Y-%m-%d %H:%M}")
    page.keyboard.press("Tab")


def test_release_in_all_languages_publishes_the_reviewed_versions_together(open_page, demo_user):
    english = published_english_page(**RELEASE_EN)
    versions = {"en": english}
    for code, answers in RELEASE_TRANSLATIONS.items():
        versions[code] = live_translation(english, code, answers)
    urls = {code: page.url for code, page in versions.items()}
    live_title = {"en": RELEASE_EN["title"]}
    live_title.update(
        {code: answers[RELEASE_EN["title"]] for code, answers in RELEASE_TRANSLATIONS.items()}
    )
    live_intro = {"en": RELEASE_EN["intro"]}
    live_intro.update(
        {code: answers[RELEASE_EN["intro"]] for code, answers in RELEASE_TRANSLATIONS.items()}
    )

    editor = demo_user("editor")
    submit_change(versions["en"], RELEASED_INTRO["en"], editor)
    submit_change(versions["ru"], RELEASED_INTRO["ru"], editor)

    # The Finnish translator submits in the translation editor, then presses again.
    translator = open_page()
    log_in(translator, "translator-fi")
    translator.goto(f"/admin/pages/{versions['fi'].id}/edit/")
    edit_segment(translator, RELEASE_EN["intro"], RELEASED_INTRO["fi"])
    translator.get_by_role("button", name="Submit for review", exact=True).click()
    expect(
        translator.get_by_text("The Suomi translation was submitted for review.")
    ).to_be_visible()
    reviewed = fresh(versions["fi"]).current_workflow_task_state.revision_id
    revisions = fresh(versions["fi"]).revisions.count()
    edit_segment(translator, RELEASE_EN["intro"], NEWER_FINNISH)
    translator.get_by_role("button", name="Submit for review", exact=True).click()
    expect(
        translator.get_by_text(
            "This translation is already waiting for review, so nothing was saved."
        )
    ).to_be_visible()
    screenshot(translator, "flow-no-bypass-submitted-twice")
    assert fresh(versions["fi"]).revisions.count() == revisions
    assert fresh(versions["fi"]).current_workflow_task_state.revision_id == reviewed

    for code in versions:
        visitor_sees(open_page, urls[code], live_title[code], live_intro[code])

    moderator = open_page()
    script_errors = moderator.script_errors
    console_errors = []
    moderator.on(
        "console", lambda message: message.type == "error" and console_errors.append(message.text)
    )
    log_in(moderator, "moderator")
    moderator.goto(f"/admin/pages/{english.id}/edit/")
    moderator.get_by_role("button", name="Actions", exact=True).click()
    moderator.get_by_role("link", name="Release in all languages").click()
    heading = moderator.get_by_role("heading", level=1)
    expect(heading).to_contain_text("Release in all languages")
    expect(heading).to_contain_text(RELEASE_EN["title"])

    languages = moderator.locator("main li", has_text="in review: will be released")
    expect(languages).to_have_count(3)
    for name in ("English", "Suomi", "Русский"):
        row = languages.filter(has_text=name)
        expect(row.get_by_role("link", name="Preview the reviewed version")).to_have_count(1)
        expect(row.get_by_role("link", name="Compare with the live page")).to_have_count(1)
    with moderator.expect_popup() as popup:
        languages.filter(has_text="Suomi").get_by_role(
            "link", name="Preview the reviewed version"
        ).click()
    preview = popup.value
    expect(preview.locator("body")).to_contain_text(RELEASED_INTRO["fi"])
    expect(preview.locator("body")).not_to_contain_text(NEWER_FINNISH)
    preview.close()
    languages.filter(has_text="Русский").get_by_role(
        "link", name="Compare with the live page"
    ).click()
    expect(moderator.locator("main")).to_contain_text(RELEASED_INTRO["ru"])
    moderator.go_back()

    go_live = (timezone.localtime() + datetime.timedelta(days=1)).replace(
        hour=12, minute=0, second=0, microsecond=0
    )
    field = moderator.get_by_label("Go live at")
    choose_in_date_picker(moderator, field, go_live)
    expect(field).to_have_value(go_live.strftime("%Y-%m-%d %H:%M"))
    screenshot(moderator, "flow-no-bypass-release-screen")
    assert not script_errors, script_errors
    assert not console_errors, console_errors

    moderator.get_by_role("button", name="Release", exact=True).click()
    expect(moderator.get_by_text("Scheduled to go live together at")).to_be_visible()
    expect(moderator.get_by_text(re.compile(r"English, Suomi, Русский"))).to_be_visible()
    screenshot(moderator, "flow-no-bypass-release-scheduled")
    assert not script_errors, script_errors
    assert not console_errors, console_errors

    for code in versions:
        visitor = visitor_sees(open_page, urls[code], live_title[code], live_intro[code])
        expect(visitor.locator("main")).not_to_contain_text(RELEASED_INTRO[code])

    with time_machine.travel(go_live + datetime.timedelta(minutes=2)):
        call_command("publish_scheduled")

    for code in versions:
        visitor = visitor_sees(open_page, urls[code], live_title[code], RELEASED_INTRO[code])
        expect(visitor.locator("main")).not_to_contain_text(NEWER_FINNISH)
        screenshot(visitor, f"flow-no-bypass-released-{code}")
