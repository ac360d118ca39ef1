"""The 'Geschiedenis' pages, mounted at /geschiedenis/: /geschiedenis/<soort>/<id>/…"""

from django.urls import path

from decisions.history import views

app_name = "history"

urlpatterns = [
    path("<slug:kind>/<int:pk>/", views.history_list, name="list"),
    path("<slug:kind>/<int:pk>/vergelijk/", views.history_compare, name="compare"),
    path("<slug:kind>/<int:pk>/herstel/<int:history_id>/", views.history_restore, name="restore"),
]
