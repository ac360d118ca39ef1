"""The portal's URLs plus /_bare/: an HttpResponse("ok") behind the same middleware and server,
the ceiling that no page can beat (bench/load.py)."""

from django.http import HttpResponse
from django.urls import path

from gr_portal.urls import handler500
from gr_portal.urls import urlpatterns as portal

__all__ = ["handler500", "urlpatterns"]


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path("_bare/", bare), *portal]
