"""Planning by the programmabureau, mounted at /programmabureau/: start a process from a
template, review it, publish it (or discard it while it is a draft)."""

from django.urls import path

from milestones.planning import views

app_name = "planning"

urlpatterns = [
    path("termijnen/", views.deadlines, name="deadlines"),
    path("trajecten/nieuw/", views.process_new, name="new"),
    path("trajecten/<slug:slug>/publiceren/", views.process_publish, name="publish"),
    path("trajecten/<slug:slug>/verwijderen/", views.process_discard, name="discard"),
]
