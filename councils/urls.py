from django.urls import path

from councils import views

urlpatterns = [
    path("gemeenten/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
]
