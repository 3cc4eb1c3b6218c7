"""Uploaded documents are checked by their content, not only by their name: a file called
``report.pdf`` must really be a PDF. Images are checked by Wagtail (it opens every upload with
Willow and refuses a file whose format differs from its extension); here they only lose their
location and other personal metadata (``image_metadata``)."""

import os
import re
import zipfile

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from core.upstream import check_image_upload_first
from performance.renditions import ImageFormMakingRenditions

from .image_metadata import LocationNotRemovable, without_metadata

OFFICE_OPEN_XML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPEN_DOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}
# Executables and scripts are refused whatever they are called.
EXECUTABLE_SIGNATURES = (b"MZ", b"\x7fELF", b"#!", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe")
TEXT_SAMPLE_SIZE = 64 * 1024
# An SVG drawing's first element, after any XML declaration, comments and doctype.
SVG_ROOT = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*|<!--.*?-->\s*|<!DOCTYPE svg[^>]*>\s*)*<svg[\s>]", re.S
)


def _is_office_open_xml(uploaded, extension):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    if "[Content_Types].xml" not in names:
        return False
    # Macros hide in vbaProject.bin; a document with macros must not pass as a plain one.
    if any(name.endswith("vbaProject.bin") for name in names):
        return False
    return any(name.startswith(OFFICE_OPEN_XML_FOLDERS[extension]) for name in names)


def _is_open_document(uploaded, extension):
    try:
        with zipfile.ZipFile(uploaded) as archive:
            return archive.read("mimetype").strip() == OPEN_DOCUMENT_TYPES[extension]
    except (zipfile.BadZipFile, KeyError, OSError, ValueError):
        return False


def _is_text(head):
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # The sample may end in the middle of a character.
        return error.start >= len(head) - 3
    return True


def content_matches_extension(uploaded, extension):
    uploaded.seek(0)
    head = uploaded.read(TEXT_SAMPLE_SIZE)
    uploaded.seek(0)
    if head.startswith(EXECUTABLE_SIGNATURES):
        return False
    if extension == "pdf":
        return b"%PDF-" in head[:1024]
    if extension == "rtf":
        return head.startswith(b"{\\rtf")
    if extension in {"txt", "csv"}:
        return _is_text(head)
    if extension in OFFICE_OPEN_XML_FOLDERS:
        matches = _is_office_open_xml(uploaded, extension)
    elif extension in OPEN_DOCUMENT_TYPES:
        matches = _is_open_document(uploaded, extension)
    else:
        matches = False
    uploaded.seek(0)
    return matches


class SafeDocumentForm(BaseDocumentForm):
    """The admin's document form (WAGTAILDOCS_DOCUMENT_FORM_BASE), single and multiple upload."""

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        extension = os.path.splitext(uploaded.name)[1].lower().lstrip(".")
        # Document.clean() checks the extension of the instance's file, which stays empty when
        # the file is refused here (it then added "File extension “” is not allowed"): it judges
        # the name the editor gave, and refuses types not allowed with the list of allowed ones.
        self.instance.file = uploaded
        if extension not in settings.WAGTAILDOCS_EXTENSIONS:
            return uploaded
        if not content_matches_extension(uploaded, extension):
            raise ValidationError(
                _(
                    "The content of this file is not a valid .%(extension)s document. "
                    "Save it again in that format, or upload it with the right extension."
                ),
                params={"extension": extension},
                code="content_mismatch",
            )
        return uploaded


def refuse_text_taken_for_a_drawing(uploaded):
    """Willow takes any text with markup for an SVG drawing, so a web page named ``.png`` was
    refused as "the file format (svg)", which tells the editor nothing."""
    if uploaded.image.format_name != "svg":
        return
    uploaded.seek(0)
    head = uploaded.read(TEXT_SAMPLE_SIZE)
    uploaded.seek(0)
    if not SVG_ROOT.match(head):
        raise ValidationError(
            _(
                "This file is not a picture but text (a web page, for example). Upload a "
                "photo or a picture in one of the supported formats."
            ),
            code="not_an_image",
        )


class SafeImageForm(ImageFormMakingRenditions):
    """The admin's image form (WAGTAILIMAGES_IMAGE_FORM_BASE): add, multiple upload, the
    chooser's upload and a new file on edit all store the file without its metadata."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The multiple upload's form for an image already uploaded has no file field.
        if "file" in self.fields:
            check_image_upload_first(self.fields["file"], refuse_text_taken_for_a_drawing)

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if not uploaded or "file" not in self.changed_data:
            return uploaded
        uploaded.seek(0)
        data = uploaded.read()
        uploaded.seek(0)
        try:
            cleaned = without_metadata(data)
        except LocationNotRemovable as error:
            raise ValidationError(
                _(
                    "This image holds the place where it was taken, and it cannot be removed "
                    "from this file. Save the image again without its location, or as JPEG, "
                    "PNG or WebP, and upload it again."
                ),
                code="location_not_removable",
            ) from error
        if cleaned == data:
            return uploaded
        # A new file rather than the upload rewritten: a large upload is a temporary file
        # that storage would move into place as it was.
        stripped = SimpleUploadedFile(uploaded.name, cleaned, uploaded.content_type)
        stripped.image = uploaded.image
        return stripped
