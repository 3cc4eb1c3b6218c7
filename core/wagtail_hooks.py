from wagtail import hooks

from .privacy import document_serve_response


@hooks.register("before_serve_document")
def serve_documents_of_pages_the_visitor_may_view(document, request):
    return document_serve_response(document, request)
