"""Raadsbrieven, mounted at /brieven/: the archive, and the programmabureau's letter pages."""

from django.urls import path

from milestones.letters import views

app_name = "letters"

urlpatterns = [
    path("", views.archive, name="archive"),
    path("archief/<int:pk>/", views.archived_download, name="archived_download"),
    path("<int:pk>/", views.letter_detail, name="detail"),
    path("<int:pk>/voorbeeld/<slug:slug>/", views.letter_preview, name="preview"),
    path("<int:pk>/export/<slug:slug>/", views.letter_export, name="export"),
    path("<int:pk>/export-zip/", views.letter_export_zip, name="export_zip"),
    path("<int:pk>/export-pdf/", views.letter_export_combined, name="export_combined"),
    path("<int:pk>/export-op-achtergrond/", views.letter_batch_start, name="batch_start"),
    path("opdrachten/<int:pk>/", views.batch_detail, name="batch"),
    path("opdrachten/<int:pk>/opnieuw/", views.batch_retry, name="batch_retry"),
    path("opdrachten/<int:pk>/brieven.zip", views.batch_zip, name="batch_zip"),
    path("opdrachten/<int:pk>/brieven.pdf", views.batch_pdf, name="batch_pdf"),
]
