"""Vote entry, mounted at /griffie/: the clerk's workspace and the recording forms."""

from django.urls import path

from decisions.clerk import views

app_name = "clerk"

urlpatterns = [
    path("", views.workspace, name="workspace"),
    path("behandelingen/<int:pk>/", views.treatment_record, name="treatment"),
    path(
        "behandelingen/<int:treatment_pk>/amendementen/nieuw/",
        views.amendment_create,
        name="amendment_create",
    ),
    path("amendementen/<int:pk>/", views.amendment_edit, name="amendment_edit"),
    path(
        "behandelingen/<int:treatment_pk>/moties/nieuw/",
        views.motion_create,
        name="motion_create",
    ),
    path("moties/<int:pk>/", views.motion_edit, name="motion_edit"),
    path("vergaderingen/<int:pk>/presentie/", views.attendance, name="attendance"),
    path(
        "besluiten/<slug:slug>/zienswijze/<slug:municipality_slug>/",
        views.opinion_edit,
        name="opinion",
    ),
    path(
        "besluiten/<slug:slug>/controle/<slug:municipality_slug>/",
        views.record_check,
        name="record_check",
    ),
]
