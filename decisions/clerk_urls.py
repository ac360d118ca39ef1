from django.urls import path

from decisions import clerk_views

urlpatterns = [
    path("", clerk_views.workspace, name="clerk_workspace"),
    path("behandelingen/<int:pk>/", clerk_views.treatment_record, name="treatment_record"),
    path(
        "behandelingen/<int:treatment_pk>/amendementen/nieuw/",
        clerk_views.amendment_create,
        name="amendment_create",
    ),
    path("amendementen/<int:pk>/", clerk_views.amendment_edit, name="amendment_edit"),
    path(
        "behandelingen/<int:treatment_pk>/moties/nieuw/",
        clerk_views.motion_create,
        name="motion_create",
    ),
    path("moties/<int:pk>/", clerk_views.motion_edit, name="motion_edit"),
    path(
        "besluiten/<slug:slug>/zienswijze/<slug:municipality_slug>/",
        clerk_views.opinion_edit,
        name="opinion_edit",
    ),
    path(
        "besluiten/<slug:slug>/controle/<slug:municipality_slug>/",
        clerk_views.record_check,
        name="record_check",
    ),
]
