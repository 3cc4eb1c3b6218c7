"""Each image filter spec is parsed once per process, not once per image tag.

Wagtail builds a new ``Filter`` for every ``{% picture %}``/``{% image %}`` call and parses its
spec ("fill-400x267|format-webp") into operation objects with ``inspect.getcallargs``. A listing
of twelve cards in three formats and two sizes parses seventy-odd specs per request, about a
sixth of the page's render time. The operations depend only on the spec and on the operations
registered at start-up, and are never changed once constructed, so one parse can serve every
``Filter`` with the same spec.
"""

from functools import lru_cache

from wagtail.images.models import Filter

_parse_operations = Filter.operations.func


@lru_cache(maxsize=1024)
def operations_for_spec(spec):
    filter = Filter(spec=spec)
    return _parse_operations(filter)


def share_parsed_filters():
    Filter.operations = property(lambda filter: operations_for_spec(filter.spec))
