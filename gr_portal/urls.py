from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from gr_portal import views

admin.site.site_header = _("GR Portal – back office")
admin.site.site_title = _("GR Portal")
admin.site.index_title = _("Beheer")

urlpatterns = [
    path("", include("decisions.urls")),
    path("", include("councils.urls")),
    path("", include("milestones.urls")),
    path("open-data/", include("decisions.opendata_urls")),
    path("zoeken/", include("decisions.search_urls")),
    path("griffie/", include("decisions.clerk_urls")),
    path("geschiedenis/", include("decisions.history_urls")),
    path("brieven/", include("milestones.letter_urls")),
    path("account/", include("gr_portal.account_urls")),
    path("na-inloggen/", views.after_login, name="after_login"),
    path("_healthz/", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]
