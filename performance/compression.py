"""Pages compressed for anonymous visitors, and only for them.

BREACH recovers a secret from a compressed page that also reflects what an attacker sends.
An anonymous visitor's page carries no secret but the CSRF token of a form, which Django masks
afresh in every response, and GZipMiddleware pads every response with random bytes ("Heal the
Breach"). The pages of signed-in users (their names, the admin) are left uncompressed all the
same. Static files are compressed ahead of time by whitenoise and pass through untouched.
"""

from core.caching import is_anonymous_request
from core.upstream import CompressingMiddleware


class AnonymousGZipMiddleware(CompressingMiddleware):
    def process_response(self, request, response):
        if not is_anonymous_request(request):
            return response
        return super().process_response(request, response)
