from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _


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
