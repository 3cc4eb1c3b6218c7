from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Area, OrganisationDetails, Partner, Person
from .privacy import document_serve_response
from .snippet_viewsets import ReviewedSnippetViewSet


@hooks.register("before_serve_document")
def serve_documents_of_pages_the_visitor_may_view(document, request):
    return document_serve_response(document, request)


for model in (Area, Person, Partner, OrganisationDetails):
    register_snippet(model, viewset=ReviewedSnippetViewSet)
