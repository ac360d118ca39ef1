from django.urls import path

from decisions import views

urlpatterns = [
    path("", views.home, name="home"),
    path("besluiten/<slug:slug>/", views.decision_detail, name="decision_detail"),
]
