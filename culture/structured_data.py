"""schema.org ImageGallery data of a gallery page, for search engines."""


def gallery_json_ld(page, request, items):
    url = request.build_absolute_uri(page.get_url(request))
    images = []
    for item in items:
        # The viewer's JPEG, as the page links it: every reader can show it.
        rendition = item.viewer["jpeg"]
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
