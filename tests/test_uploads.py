"""Uploads through the admin: sizes, pixel counts and file types are checked by content, and a
refused file gets a clear message, never a 500."""

import io
import os
import struct
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
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
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


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
WINDOWS_EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 120 + b"This program cannot be run in DOS mode."
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
        ("holiday.jpg", WINDOWS_EXECUTABLE, "Upload a valid image"),
        ("photo.jpg", png_bytes(), "Not a valid .jpeg image"),
        ("bomb.png", png_header_only(50_000, 50_000), "too many pixels"),
    ],
    ids=["svg", "svg-named-png", "executable-named-jpg", "png-named-jpg", "decompression-bomb"],
)
def test_images_are_checked_by_content(editor_client, name, content, message):
    count = Image.objects.count()
    response = upload_image(editor_client, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
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
        {"files[]": SimpleUploadedFile("logo.svg", SVG), "collection": Collection.get_first_root_node().pk},
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
    count = Document.objects.count()
    response = upload_document(editor_client, name, content)
    assert response.status_code == 200
    assert message in form_errors(response)
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
    # Signed in: no published page uses it yet, so visitors would get a 404 (home.privacy).
    response = editor_client.get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"].startswith("text/plain")
    # Served by Django from storage, not from a folder under the web server's document root.
    assert document.url.startswith("/documents/")
