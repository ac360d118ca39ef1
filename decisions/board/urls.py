"""Votes of an algemeen bestuur, mounted at /programmabureau/algemeen-bestuur/."""

from django.urls import path

from decisions.board import views

app_name = "board"

urlpatterns = [
    path("stemmingen/<int:pk>/", views.board_vote, name="vote"),
]
