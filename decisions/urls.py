"""The status pages of decisions: the matrix of every municipality, and comparing text versions.

A decision's own page combines what is decided with its milestones: it is one of the project's
pages (gr_portal.views).
"""

from django.urls import path

from decisions import views

app_name = "decisions"

urlpatterns = [
    path("stand/", views.status_matrix, name="status_matrix"),
    path("besluiten/<slug:slug>/versies/", views.decision_versions, name="versions"),
]
