from wagtail.snippets.models import register_snippet

from core.snippet_viewsets import ReviewedSnippetViewSet

from .models import Venue

register_snippet(Venue, viewset=ReviewedSnippetViewSet)
