"""The search page, mounted at /zoeken/."""

from django.urls import path

from decisions.search import views

app_name = "search"

urlpatterns = [
    path("", views.search_page, name="page"),
]
