from django.http import Http404


def placeholder(request, token):
    raise Http404
