"""schema.org Event data for search engines and other readers of the page."""

from django.utils import timezone


def event_json_ld(page, request):
    venue = page.local_venue
    if venue:
        location = {"@type": "Place", "name": venue.name, "address": venue.one_line_address}
        if venue.latitude is not None and venue.longitude is not None:
            location["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(venue.latitude),
                "longitude": float(venue.longitude),
            }
        attendance = "https://schema.org/OfflineEventAttendanceMode"
    else:
        location = {"@type": "VirtualLocation", "url": page.online_url}
        attendance = "https://schema.org/OnlineEventAttendanceMode"
    status = (
        "https://schema.org/EventCancelled"
        if page.is_cancelled
        else "https://schema.org/EventScheduled"
    )
    url = request.build_absolute_uri(page.get_url(request))
    entries = []
    for occurrence in page.sorted_occurrences[:20]:
        entry = {
            "@context": "https://schema.org",
            "@type": "Event",
            "name": page.title,
            "description": page.summary,
            "url": url,
            "startDate": timezone.localtime(occurrence.start).isoformat(),
            "eventStatus": status,
            "eventAttendanceMode": attendance,
            "location": location,
            "organizer": {"@type": "Organization", "name": page.organiser or "Baltic Region"},
            "inLanguage": page.languages,
        }
        if occurrence.end:
            entry["endDate"] = timezone.localtime(occurrence.end).isoformat()
        if page.price is not None:
            entry["offers"] = {
                "@type": "Offer",
                "price": str(page.price),
                "priceCurrency": "EUR",
                "url": page.registration_url or url,
            }
        entries.append(entry)
    return entries
