import logging

from django.db import transaction
from django.http import HttpResponseBadRequest
from django.utils.datastructures import MultiValueDictKeyError
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class RejectNullCharactersMiddleware:
    """Answer 400 to addresses with NUL characters, which PostgreSQL cannot store or compare,
    instead of letting a database error become a 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        values = [
            request.path,
            *(value for _key, values in request.GET.lists() for value in values),
        ]
        if any("\x00" in value for value in values):
            return HttpResponseBadRequest(
                _("This address contains a character the site does not accept."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class MalformedFormPostMiddleware:
    """Answer 400 to a form post that lacks fields its form always sends (the admin's
    StreamField reads ``body-0-deleted`` and the like straight from the post): the client sent
    something no page of the site makes, which is not the server's error. Whatever the view
    wrote before it failed is rolled back with the request's transaction
    (editorial/review_guard.py), as it would have been with the 500."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method == "POST" and isinstance(exception, MultiValueDictKeyError):
            if transaction.get_connection().in_atomic_block:
                transaction.set_rollback(True)
            logger.warning(
                "%s %s: the form was sent without %s", request.method, request.path, exception
            )
            return HttpResponseBadRequest(
                _(
                    "The form arrived incomplete, so nothing was saved. Reload the page and "
                    "try again."
                ),
                content_type="text/plain; charset=utf-8",
            )
        return None
