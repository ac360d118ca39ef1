"""The search page, mounted at /zoeken/."""

from django.urls import path

from decisions import search_views

urlpatterns = [
    path("", search_views.search_page, name="search"),
]
