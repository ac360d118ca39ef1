"""The timeline and the iCalendar agendas."""

from django.urls import path

from milestones import views

app_name = "milestones"

urlpatterns = [
    path("tijdlijn/", views.timeline, name="timeline"),
    path("agenda.ics", views.agenda, name="agenda"),
    path("gemeenten/<slug:slug>/agenda.ics", views.municipality_agenda, name="municipality_agenda"),
    path("trajecten/<slug:slug>/agenda.ics", views.process_agenda, name="process_agenda"),
    path("regelingen/<slug:slug>/agenda.ics", views.regeling_agenda, name="regeling_agenda"),
    path("besluiten/<slug:slug>/agenda.ics", views.decision_agenda, name="decision_agenda"),
]
