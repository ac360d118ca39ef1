from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from councils import views as council_views
from decisions import views as decision_views
from gr_portal import views

admin.site.site_header = _("GR Portal – back office")
admin.site.site_title = _("GR Portal")
admin.site.index_title = _("Beheer")

urlpatterns = [
    path("", decision_views.home, name="home"),
    path("besluiten/<slug:slug>/", decision_views.decision_detail, name="decision_detail"),
    path("gemeenten/<slug:slug>/", council_views.municipality_detail, name="municipality_detail"),
    path("_healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
