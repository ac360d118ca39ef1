from django.urls import path

from milestones import views

urlpatterns = [
    path("tijdlijn/", views.timeline, name="timeline"),
    path("agenda.ics", views.agenda, name="agenda_ics"),
    path("gemeenten/<slug:slug>/agenda.ics", views.municipality_agenda, name="municipality_ics"),
]
