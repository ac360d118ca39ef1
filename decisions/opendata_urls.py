"""The open data, mounted at /open-data/: the page that documents it and the downloads."""

from django.urls import path

from decisions import opendata_views

urlpatterns = [
    path("", opendata_views.open_data, name="open_data"),
    path("stand.csv", opendata_views.matrix_csv, name="open_data_matrix_csv"),
    path("stand.json", opendata_views.matrix_json, name="open_data_matrix_json"),
    path("stemmingen.csv", opendata_views.votes_csv, name="open_data_votes_csv"),
    path("stemmingen.json", opendata_views.votes_json, name="open_data_votes_json"),
    path("wijzigingen.atom", opendata_views.status_feed, name="status_feed"),
]
