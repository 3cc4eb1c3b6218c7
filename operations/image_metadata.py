"""Uploaded images lose the metadata that can say where and by whom they were taken.

Phones write the place a photo was taken (EXIF's GPS IFD, XMP) into the file, and cameras their
owner's name and serial number; the original is stored and can be downloaded. All EXIF goes
except the orientation, which renditions need to show the photo the right way up; XMP, IPTC,
comments and anything after the image (the extra pictures of a phone's multi-picture JPEG,
with EXIF of their own) go too. Colour profiles stay.

JPEG, PNG and WebP are rewritten segment by segment, so the pixels are not encoded again and
keep their quality. GIF and AVIF are kept as they are unless they carry a location: those are
refused (``LocationNotRemovable``) rather than re-encoded.
"""

import io
import zlib

from PIL import Image as PILImage

ORIENTATION = 0x0112
GPS_IFD = 0x8825
# XMP writes these as text, in any of the formats.
XMP_LOCATION = (b"GPSLatitude", b"GPSLongitude")


class LocationNotRemovable(ValueError):
    """The file cannot be rewritten without its location data."""


def _pillow_image(data):
    return PILImage.open(io.BytesIO(data))


def _orientation(data):
    try:
        orientation = _pillow_image(data).getexif().get(ORIENTATION, 1)
    except (OSError, ValueError, SyntaxError):
        return 1
    return orientation if orientation in range(1, 9) else 1


def has_location(data):
    if any(tag in data for tag in XMP_LOCATION):
        return True
    try:
        return GPS_IFD in _pillow_image(data).getexif()
    except (OSError, ValueError, SyntaxError):
        return False


def _orientation_only_exif(orientation):
    exif = PILImage.Exif()
    exif[ORIENTATION] = orientation
    return exif.tobytes()  # b"Exif\0\0" and the TIFF structure


# --- JPEG -------------------------------------------------------------------------------------

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP0, APP2, APP14, APP15, COM = 0xE0, 0xE2, 0xEE, 0xEF, 0xFE


def _keeps_jpeg_segment(marker, body):
    if APP0 <= marker <= APP15:
        # JFIF, colour profiles and Adobe's colour transform (CMYK JPEGs need it); no other APPn.
        return (
            (marker == APP0 and body.startswith(b"JFIF\0"))
            or (marker == APP2 and body.startswith(b"ICC_PROFILE\0"))
            or (marker == APP14 and body.startswith(b"Adobe"))
        )
    return marker != COM


def _end_of_scan(data, position):
    """Where the entropy-coded data that starts at ``position`` ends: the next marker that is
    neither a stuffed 0xFF00 nor a restart marker."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            raise LocationNotRemovable("the JPEG ends inside its image data")
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7 or following == 0xFF:
            position += 1
            continue
        return position


def _jpeg_without_metadata(data, orientation):
    if not data.startswith(b"\xff\xd8"):
        raise LocationNotRemovable("not a JPEG")
    segments = []
    position = 2
    while True:
        if position + 2 > len(data) or data[position] != 0xFF:
            raise LocationNotRemovable("the JPEG's segments are damaged")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == EOI:
            break  # what follows the image is dropped
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # markers without a length
            segments.append(data[position : position + 2])
            position += 2
            continue
        length = int.from_bytes(data[position + 2 : position + 4], "big")
        end = position + 2 + length
        if length < 2 or end > len(data):
            raise LocationNotRemovable("the JPEG's segments are damaged")
        if marker == SOS:
            end = _end_of_scan(data, end)
            segments.append(data[position:end])
        elif _keeps_jpeg_segment(marker, data[position + 4 : end]):
            segments.append(data[position:end])
        position = end
    if orientation != 1:
        exif = _orientation_only_exif(orientation)
        app1 = b"\xff\xe1" + (len(exif) + 2).to_bytes(2, "big") + exif
        # After JFIF's APP0, which must come first.
        at = 1 if segments and segments[0][1] == APP0 else 0
        segments.insert(at, app1)
    return b"\xff\xd8" + b"".join(segments) + b"\xff\xd9"


# --- PNG --------------------------------------------------------------------------------------

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# What draws the image (animation and colour included); text, time and EXIF chunks are dropped.
PNG_KEPT_CHUNKS = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"gAMA",
    b"cHRM",
    b"sRGB",
    b"iCCP",
    b"sBIT",
    b"pHYs",
    b"bKGD",
    b"hIST",
    b"acTL",
    b"fcTL",
    b"fdAT",
    b"cICP",
    b"mDCv",
    b"cLLi",
}


def _png_chunk(kind, body):
    crc = zlib.crc32(kind + body).to_bytes(4, "big")
    return len(body).to_bytes(4, "big") + kind + body + crc


def _png_without_metadata(data, orientation):
    chunks = []
    position = len(PNG_SIGNATURE)
    exif_written = orientation == 1
    while position + 8 <= len(data):
        length = int.from_bytes(data[position : position + 4], "big")
        kind = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise LocationNotRemovable("the PNG's chunks are damaged")
        if kind == b"IDAT" and not exif_written:
            chunks.append(_png_chunk(b"eXIf", _orientation_only_exif(orientation)[6:]))
            exif_written = True
        if kind in PNG_KEPT_CHUNKS:
            chunks.append(data[position:end])
        position = end
        if kind == b"IEND":
            return PNG_SIGNATURE + b"".join(chunks)
    raise LocationNotRemovable("the PNG has no end")


# --- WebP -------------------------------------------------------------------------------------

WEBP_KEPT_CHUNKS = {b"VP8 ", b"VP8L", b"VP8X", b"ALPH", b"ANIM", b"ANMF", b"ICCP"}
VP8X_EXIF, VP8X_XMP = 0x08, 0x04


def _webp_without_metadata(data, orientation):
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise LocationNotRemovable("not a WebP")
    chunks = []
    extended = False
    position = 12
    while position + 8 <= len(data):
        kind = data[position : position + 4]
        length = int.from_bytes(data[position + 4 : position + 8], "little")
        end = position + 8 + length + (length & 1)
        if position + 8 + length > len(data):
            raise LocationNotRemovable("the WebP's chunks are damaged")
        if kind == b"VP8X":
            extended = True
            header = bytearray(data[position:end])
            header[8] &= ~(VP8X_EXIF | VP8X_XMP) & 0xFF
            if orientation != 1:
                header[8] |= VP8X_EXIF
            chunks.append(bytes(header))
        elif kind in WEBP_KEPT_CHUNKS:
            chunks.append(data[position:end])
        position = end
    if orientation != 1 and extended:
        exif = _orientation_only_exif(orientation)[6:]
        chunks.append(b"EXIF" + len(exif).to_bytes(4, "little") + exif + b"\0" * (len(exif) & 1))
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + len(body).to_bytes(4, "little") + body


REWRITERS = {
    "JPEG": _jpeg_without_metadata,
    "PNG": _png_without_metadata,
    "WEBP": _webp_without_metadata,
}


def without_metadata(data):
    """``data`` with no location or other personal metadata, orientation kept; raises
    ``LocationNotRemovable`` for a file that would keep a location."""
    try:
        image_format = _pillow_image(data).format
    except (OSError, ValueError, SyntaxError) as error:
        raise LocationNotRemovable("not an image Pillow reads") from error
    rewrite = REWRITERS.get(image_format)
    if rewrite is not None:
        data = rewrite(data, _orientation(data))
    if has_location(data):
        raise LocationNotRemovable(f"location data left in a {image_format} file")
    return data
