"""Who is asking: what the site may believe about a visitor's request."""

from django.conf import settings


def client_ip(request):
    """The visitor's address: REMOTE_ADDR, or the address the trusted proxies saw when the site
    runs behind TRUSTED_PROXY_COUNT reverse proxies (an X-Forwarded-For a visitor sends
    themselves is never believed)."""
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
