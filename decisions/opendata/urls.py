"""The open data, mounted at /open-data/: the page that documents it and the downloads."""

from django.urls import path

from decisions.opendata import views

app_name = "opendata"

urlpatterns = [
    path("", views.open_data, name="index"),
    path("stand.csv", views.matrix_csv, name="matrix_csv"),
    path("stand.json", views.matrix_json, name="matrix_json"),
    path("stemmingen.csv", views.votes_csv, name="votes_csv"),
    path("stemmingen.json", views.votes_json, name="votes_json"),
    path("stemmen-per-lid.csv", views.member_votes_csv, name="member_votes_csv"),
    path("wijzigingen.atom", views.status_feed, name="feed"),
    # A personal feed: the changes of one process, regeling, municipality or decision.
    path(
        "<slug:kind>/<slug:slug>/wijzigingen.atom",
        views.status_feed,
        name="target_feed",
    ),
]
