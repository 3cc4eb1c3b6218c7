"""Editors write, moderators review, and only what a moderator approved reaches the public."""

import re

from django.utils import timezone
from playwright.sync_api import expect
from wagtail.images import get_image_model
from wagtail.models import Collection

from core.demo.images import draw_picture
from culture.models import GalleryIndexPage, GalleryPage
from events.models import EventIndexPage, EventOccurrence, EventPage

from .helpers import (
    anonymous_status,
    axe_violations,
    describe_violations,
    log_in,
    moderate_from_dashboard,
    screenshot,
)


def fill_title(page, title):
    """The slug on the Promote tab follows the title once the editor moves on."""
    page.get_by_placeholder("Page title*").fill(title)
    page.keyboard.press("Tab")
    expect(page.locator("#id_slug")).to_have_value(re.compile(r"^[\w-]+$"))


def add_event(page, title, image_title):
    """The editor adds an event to the schedule: a date, an image from the library, an area."""
    schedule = EventIndexPage.objects.get(locale__language_code="en")
    page.goto(f"/admin/pages/{schedule.id}/")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.get_by_role("heading", name="New: Event")).to_be_visible()
    fill_title(page, title)
    starts = (timezone.localtime() + timezone.timedelta(days=60)).replace(hour=18, minute=0)
    # The Dates panel starts empty: an event's dates come from a repeat or from rows added here.
    page.get_by_role("button", name="Add date and time").click()
    page.get_by_label("Starts").fill(starts.strftime("%Y-%m-%d %H:%M"))
    page.get_by_label("Ends").fill(
        (starts + timezone.timedelta(hours=2)).strftime("%Y-%m-%d %H:%M")
    )
    page.keyboard.press("Tab")  # leaves the date picker

    page.get_by_role("button", name="Choose an image").click()
    chooser = page.locator(".modal")
    chooser.get_by_label("Search term").fill(image_title)
    chooser.get_by_role("link", name=image_title).first.click()
    expect(chooser).to_be_hidden()
    expect(page.locator("[data-chooser-title]").first).to_have_text(image_title)
    page.get_by_label("Culture").check()


def preview_shows(page, text):
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text(text)
    expect(preview.locator("img.page-image")).to_be_visible()
    page.get_by_role("button", name="Toggle preview").click()


def submit_for_moderation(page):
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Editorial review").click()
    expect(page.get_by_text("submitted for moderation")).to_be_visible()


def test_editor_creates_an_event_previews_and_submits_it(open_page):
    title = "Poetry night by the river"
    image = get_image_model().objects.order_by("id").first()
    page = open_page()
    log_in(page, "editor")
    add_event(page, title, image.title)
    preview_shows(page, title)
    submit_for_moderation(page)

    event = EventPage.objects.get(locale__language_code="en", title=title)
    assert event.image_id == image.id
    assert event.occurrences.count() == 1
    assert not event.live
    status, visitor = anonymous_status(open_page, f"/en/{event.get_parent().slug}/{event.slug}/")
    assert status == 404
    expect(visitor.get_by_role("heading", level=1)).not_to_have_text(title)


def submitted_event(title, author):
    """An event its author has written and submitted for moderation."""
    schedule = EventIndexPage.objects.get(locale__language_code="en")
    starts = timezone.now() + timezone.timedelta(days=30)
    event = EventPage(title=title, summary="An evening of songs.", owner=author, live=False)
    event.occurrences.add(EventOccurrence(start=starts, end=starts + timezone.timedelta(hours=2)))
    schedule.add_child(instance=event)
    event.save_revision(user=author)
    event.get_workflow().start(event, author)
    return event


def test_moderator_requests_changes_then_approves_the_fixed_event(open_page, demo_user):
    title = "Choir rehearsal open day"
    comment = "Please say whether the hall has step-free access."
    event = submitted_event(title, demo_user("editor"))
    public_url = f"/en/{event.get_parent().slug}/{event.slug}/"

    moderator = open_page()
    log_in(moderator, "moderator")
    expect(moderator.locator("tr", has_text=title)).to_be_visible()
    violations = axe_violations(moderator, include=["main"])
    assert not violations, describe_violations(violations, moderator.url)
    moderate_from_dashboard(moderator, title, "Request changes")
    dialog = moderator.locator(".modal")
    dialog.get_by_role("button", name="Request changes").click()
    expect(dialog.get_by_text("Tell the author what to change.")).to_be_visible()
    dialog.get_by_label("What should the author change?").fill(comment)
    dialog.get_by_role("button", name="Request changes").click()
    expect(moderator.locator("tr", has_text=title)).to_be_hidden()
    assert anonymous_status(open_page, public_url)[0] == 404

    editor = open_page()
    log_in(editor, "editor")
    editor.goto(f"/admin/pages/{event.id}/edit/")
    editor.get_by_role("button", name="Toggle status").click()
    expect(editor.get_by_text("Changes requested").first).to_be_visible()
    editor.get_by_role("button", name="View details").click()
    expect(editor.get_by_text(comment)).to_be_visible()
    editor.keyboard.press("Escape")
    editor.get_by_role("button", name="Toggle status").click()
    editor.get_by_label("Accessibility", exact=True).fill(
        "Step-free access through the courtyard door."
    )
    editor.get_by_role("button", name="More actions").click()
    editor.get_by_role("button", name=re.compile("^Resubmit to")).click()
    expect(editor.get_by_text("submitted for moderation")).to_be_visible()
    assert anonymous_status(open_page, public_url)[0] == 404

    moderator.goto("/admin/")
    with moderator.expect_navigation():
        moderate_from_dashboard(moderator, title, "Approve")
    expect(moderator.locator("tr", has_text=title)).to_be_hidden()

    status, visitor = anonymous_status(open_page, public_url)
    assert status == 200
    expect(visitor.get_by_role("heading", level=1)).to_have_text(title)
    expect(visitor.get_by_text("Step-free access through the courtyard door.")).to_be_visible()


def test_editor_uploads_images_into_a_collection_and_builds_a_gallery_from_it(open_page, tmp_path):
    collection = Collection.get_first_root_node().add_child(name="Summer picnic 2027")
    files = []
    for number in range(1, 4):
        path = tmp_path / f"picnic-{number}.jpg"
        draw_picture(f"picnic-{number}", (40, 120, 90), size=(800, 500)).save(path, quality=80)
        files.append(path)
    descriptions = [f"Families at the picnic, photo {number}" for number in range(1, 4)]

    page = open_page()
    log_in(page, "editor")
    page.goto("/admin/images/multiple/add/")
    page.get_by_label("Add to collection:").select_option(value=str(collection.id))
    page.locator("input[type=file]").set_input_files(files)
    uploads = page.locator("#upload-list > li")
    expect(uploads).to_have_count(3)
    for upload in uploads.all():
        expect(upload.get_by_text("Upload successful.").first).to_be_visible()
    for updated, description in enumerate(descriptions, start=1):
        upload = uploads.first  # an updated image leaves the list
        upload.get_by_label("Description").fill(description)
        upload.get_by_role("button", name="Update").click()
        expect(uploads).to_have_count(len(descriptions) - updated)
    expect(page.get_by_role("status").get_by_text("Image updated.")).to_be_visible()
    assert get_image_model().objects.filter(collection=collection).count() == 3

    galleries = GalleryIndexPage.objects.get(locale__language_code="en")
    page.goto(f"/admin/pages/{galleries.id}/")
    page.get_by_role("link", name="Add child page").first.click()
    expect(page.get_by_role("heading", name="New: Gallery")).to_be_visible()
    fill_title(page, "Summer picnic")
    page.get_by_role("textbox", name="Date").fill(timezone.localdate().isoformat())
    page.keyboard.press("Tab")  # leaves the date picker
    page.get_by_role("combobox", name="Add all images of a collection").select_option(
        label=collection.name
    )
    page.get_by_role("button", name="Save draft").click()
    expect(page.get_by_text("Page 'Summer picnic' created.")).to_be_visible()

    images = page.locator("[id^='inline_child_gallery_images-'][data-inline-panel-child]")
    expect(images).to_have_count(3)
    alt_texts = page.locator(
        "[name^='gallery_images-'][name$='-alt_text']:not([name*='__prefix__'])"
    )
    assert (
        sorted(alt_texts.evaluate_all("inputs => inputs.map(input => input.value)")) == descriptions
    )
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.get_by_role("heading", level=1)).to_have_text("Summer picnic")
    expect(preview.locator("[data-gallery-link] img")).to_have_count(3)
    expect(preview.get_by_role("img", name=descriptions[0])).to_be_visible()
    screenshot(page, "flow-editor-gallery-preview")
    gallery = GalleryPage.objects.get(locale__language_code="en", title="Summer picnic")
    assert not gallery.live
