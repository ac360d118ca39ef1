"""The 'Geschiedenis' pages, mounted at /geschiedenis/: /geschiedenis/<soort>/<id>/…"""

from django.urls import path

from decisions import history_views

urlpatterns = [
    path("<slug:kind>/<int:pk>/", history_views.history_list, name="history"),
    path("<slug:kind>/<int:pk>/vergelijk/", history_views.history_compare, name="history_compare"),
    path(
        "<slug:kind>/<int:pk>/herstel/<int:history_id>/",
        history_views.history_restore,
        name="history_restore",
    ),
]
