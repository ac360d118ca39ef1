from django.urls import path

from milestones import letter_views

urlpatterns = [
    path("", letter_views.archive, name="letter_archive"),
    path("archief/<int:pk>/", letter_views.archived_download, name="archived_letter_download"),
    path("<int:pk>/", letter_views.letter_detail, name="letter_detail"),
    path("<int:pk>/voorbeeld/<slug:slug>/", letter_views.letter_preview, name="letter_preview"),
    path("<int:pk>/export/<slug:slug>/", letter_views.letter_export, name="letter_export"),
    path("<int:pk>/export-zip/", letter_views.letter_export_zip, name="letter_export_zip"),
    path(
        "<int:pk>/export-pdf/", letter_views.letter_export_combined, name="letter_export_combined"
    ),
]
