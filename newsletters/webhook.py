"""The bounce and complaint notifications of a mail provider (docs/deploy.md, "Newsletter
bounces"): POSTed JSON, signed with HMAC-SHA256 of the body under NEWSLETTER_WEBHOOK_SECRET
in the ``X-Newsletter-Signature`` header as ``sha256=<hex>``. Without a secret the address
does not exist (404); a missing or wrong signature is refused (403) and changes nothing."""

import hashlib
import hmac
import json

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from subscribers.models import Subscriber

from . import bounces

SIGNATURE_HEADER = "X-Newsletter-Signature"
ACTIONS = {
    "hard_bounce": bounces.hard_bounce,
    "soft_bounce": bounces.soft_bounce,
    "complaint": bounces.complaint,
}


def signature(body, secret):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def notifications(body):
    """[(type, address)] of a notification or a list of them; ValueError if malformed."""
    data = json.loads(body)
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        kind, address = item.get("type"), item.get("email")
        if kind not in ACTIONS or not isinstance(address, str):
            raise ValueError(kind)
        found.append((kind, address.strip().lower()))
    return found


@csrf_exempt  # signed by the provider instead
@require_POST
def bounce_webhook(request):
    secret = settings.NEWSLETTER_WEBHOOK_SECRET
    if not secret:
        raise Http404
    given = request.headers.get(SIGNATURE_HEADER, "")
    if not hmac.compare_digest(given, signature(request.body, secret)):
        return HttpResponseForbidden()
    try:
        found = notifications(request.body)
    except (ValueError, AttributeError):
        return HttpResponseBadRequest()
    for kind, address in found:
        ACTIONS[kind](Subscriber.objects.filter(email=address))
    return HttpResponse(status=204)
