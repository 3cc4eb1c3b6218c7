from wagtail.snippets.models import register_snippet

from core.snippet_viewsets import ReviewedSnippetViewSet

from .models import Venue


class VenueViewSet(ReviewedSnippetViewSet):
    model = Venue
    icon = "home"


register_snippet(VenueViewSet)
