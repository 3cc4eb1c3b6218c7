"""Demo pictures drawn with Pillow, so the demo needs no network and no stock photos."""

import io
import random

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model


def _mix(a, b, t):
    return tuple(int(a[i] + (b[i] - a[i]) * t) for i in range(3))


def draw_picture(seed, base_colour, size=(1600, 1000)):
    """A soft landscape of sky, sea and shapes in the given colour; the same seed draws the
    same picture."""
    rng = random.Random(seed)  # noqa: S311 (pictures, not secrets)
    width, height = size
    picture = PILImage.new("RGB", size)
    draw = ImageDraw.Draw(picture)
    sky_top = _mix(base_colour, (255, 255, 255), 0.75)
    sky_bottom = _mix(base_colour, (255, 255, 255), 0.35)
    for y in range(height):
        draw.line([(0, y), (width, y)], fill=_mix(sky_top, sky_bottom, y / height))
    sun = (rng.randint(width // 6, width * 5 // 6), rng.randint(height // 8, height // 3))
    radius = rng.randint(height // 12, height // 7)
    draw.ellipse(
        [sun[0] - radius, sun[1] - radius, sun[0] + radius, sun[1] + radius],
        fill=_mix((255, 214, 140), base_colour, 0.15),
    )
    for layer in range(4):
        shade = _mix(base_colour, (10, 30, 50), 0.2 + layer * 0.18)
        baseline = height * (0.45 + layer * 0.14)
        points = [(0, height)]
        for x in range(0, width + 80, 80):
            points.append((x, baseline + rng.randint(-40, 40)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    for _ in range(rng.randint(3, 7)):
        x, y = rng.randint(0, width), rng.randint(height // 2, height)
        r = rng.randint(20, 90)
        draw.ellipse(
            [x - r, y - r, x + r, y + r], outline=_mix(base_colour, (255, 255, 255), 0.6), width=6
        )
    return picture.filter(ImageFilter.GaussianBlur(1.2))


def draw_logo(name, colour, size=(400, 160)):
    """A simple word-mark for a partner organisation."""
    logo = PILImage.new("RGB", size, (255, 255, 255))
    draw = ImageDraw.Draw(logo)
    draw.rounded_rectangle([8, 8, size[0] - 8, size[1] - 8], radius=24, outline=colour, width=8)
    initials = "".join(word[0] for word in name.split() if word[0].isupper())[:4]
    draw.text((size[0] // 2, size[1] // 2), initials, fill=colour, anchor="mm", font_size=72)
    return logo


def save_image(picture, title, collection, filename):
    """Store a Pillow picture as a Wagtail image (once: an image with the title is reused)."""
    Image = get_image_model()
    existing = Image.objects.filter(title=title, collection=collection).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return Image.objects.create(
        title=title, collection=collection, file=ImageFile(buffer, name=filename)
    )
