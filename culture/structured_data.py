"""schema.org ImageGallery data of a gallery page, for search engines."""

from core.pictures import USES
from core.rendition_rows import rendition_file

# The gallery viewer's JPEG: every reader can show it.
FULL_SIZE = next(spec for spec in USES["gallery_viewer"].filter_specs if "jpeg" in spec)


def gallery_json_ld(page, request, items):
    url = request.build_absolute_uri(page.get_url(request))
    images = []
    for item in items:
        # From the renditions loaded with the items, as the template shows them.
        rendition = rendition_file(item.image, FULL_SIZE)
        images.append(
            {
                "@type": "ImageObject",
                "contentUrl": request.build_absolute_uri(rendition.url),
                "width": rendition.width,
                "height": rendition.height,
                "description": item.alt_text,
                **({"caption": item.caption} if item.caption else {}),
            }
        )
    return {
        "@context": "https://schema.org",
        "@type": "ImageGallery",
        "name": page.title,
        "description": page.intro or page.summary,
        "url": url,
        "inLanguage": page.locale.language_code,
        "dateCreated": page.date.isoformat(),
        "image": images,
    }
