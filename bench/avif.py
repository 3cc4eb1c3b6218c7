"""Encode times, sizes and fidelity of the rendition formats, to choose the AVIF settings.

For each source picture and each rendition size the site uses, the picture is cropped and
resized as Wagtail's ``fill-`` does, then encoded as JPEG and WebP (Wagtail's default qualities)
and as AVIF with several quality / encoder speed pairs (Pillow's own AVIF plugin, libaom). It
prints the median encode time of ``BENCH_REPEAT`` runs (default 3), the size, and the PSNR
against the resized picture (higher is closer). The sources are Wagtail's test photographs
(real photos, 600x450, scaled up for the larger sizes) and a demo picture as
``load_demo_content`` draws it.

    .venv/bin/python bench/avif.py
"""

import io
import math
import os
import statistics
import sys
import time
from pathlib import Path

from PIL import Image, ImageChops, ImageOps, ImageStat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

REPEAT = int(os.environ.get("BENCH_REPEAT", "3"))
SIZES = [(400, 267), (800, 533), (1600, 640)]
# (label, Pillow format, save options)
ENCODINGS = [
    ("jpeg q76", "JPEG", {"quality": 76, "progressive": True, "optimize": True}),
    ("webp q80", "WEBP", {"quality": 80}),
    ("avif q61 s6 (default)", "AVIF", {"quality": 61, "speed": 6}),
    ("avif q61 s7", "AVIF", {"quality": 61, "speed": 7}),
    ("avif q61 s8", "AVIF", {"quality": 61, "speed": 8}),
    ("avif q61 s9", "AVIF", {"quality": 61, "speed": 9}),
    ("avif q65 s9", "AVIF", {"quality": 65, "speed": 9}),
    ("avif q70 s9", "AVIF", {"quality": 70, "speed": 9}),
]


def sources():
    import wagtail

    photos = Path(wagtail.__file__).parent / "images" / "tests" / "image_files"
    yield "photo landscape_1.jpg", Image.open(photos / "landscape_1.jpg").convert("RGB")
    yield "photo landscape_4.jpg", Image.open(photos / "landscape_4.jpg").convert("RGB")

    from core.demo.images import draw_picture

    yield "demo picture 1600x1000", draw_picture(7, (40, 110, 160))


def psnr(a, b):
    squares = ImageStat.Stat(ImageChops.difference(a, b)).sum2
    mse = sum(squares) / (a.width * a.height * 3)
    return 99.0 if mse == 0 else 10 * math.log10(255**2 / mse)


def encode(picture, image_format, options):
    times = []
    for _ in range(REPEAT):
        buffer = io.BytesIO()
        start = time.perf_counter()
        picture.save(buffer, image_format, **options)
        times.append(time.perf_counter() - start)
    buffer.seek(0)
    decoded = Image.open(buffer).convert("RGB")
    return statistics.median(times), buffer.getbuffer().nbytes, psnr(picture, decoded)


def main():
    print(f"cpus {os.cpu_count()}, Pillow {Image.__version__}, repeat {REPEAT}")
    print(f"{'source':24} {'size':>9} {'encoding':22} {'ms':>7} {'KiB':>7} {'PSNR dB':>8}")
    for name, source in sources():
        for width, height in SIZES:
            picture = ImageOps.fit(source, (width, height), Image.Resampling.LANCZOS)
            for label, image_format, options in ENCODINGS:
                seconds, size, fidelity = encode(picture, image_format, options)
                print(
                    f"{name:24} {width:>4}x{height:<4} {label:22} {seconds * 1000:7.0f}"
                    f" {size / 1024:7.1f} {fidelity:8.2f}"
                )


if __name__ == "__main__":
    main()
