from django.urls import path

from decisions import views

urlpatterns = [
    path("", views.home, name="home"),
    path("stand/", views.status_matrix, name="status_matrix"),
    path("besluiten/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("besluiten/<slug:slug>/versies/", views.decision_versions, name="decision_versions"),
]
