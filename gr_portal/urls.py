"""The root URLconf: the pages that combine the apps, and each app's and feature's own URLs.

Features have their own namespaced URLconfs ("clerk:treatment", "history:list", ...); the pages
here (home, a decision, a municipality) and Django's account pages keep plain names.
"""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from gr_portal import views
from gr_portal.accounts.views import throttled_login

admin.site.site_header = _("GR Portal – back office")
admin.site.site_title = _("GR Portal")
admin.site.index_title = _("Beheer")

urlpatterns = [
    path("", views.home, name="home"),
    path("trajecten/<slug:slug>/", views.process_detail, name="process_detail"),
    path("regelingen/<slug:slug>/", views.regeling_detail, name="regeling_detail"),
    path("besluiten/<slug:slug>/", views.decision_detail, name="decision_detail"),
    path("gemeenten/<slug:slug>/", views.municipality_detail, name="municipality_detail"),
    path("", include("decisions.urls")),
    path("", include("milestones.urls")),
    path("griffie/", include("decisions.clerk.urls")),
    path("geschiedenis/", include("decisions.history.urls")),
    path("zoeken/", include("decisions.search.urls")),
    path("open-data/", include("decisions.opendata.urls")),
    path("api/v1/", include("gr_portal.api_urls")),
    path("brieven/", include("milestones.letters.urls")),
    path("volgen/", include("milestones.alerts.urls")),
    path("privacy/", views.privacy, name="privacy"),
    path("programmabureau/", include("milestones.planning.urls")),
    path("programmabureau/algemeen-bestuur/", include("decisions.board.urls")),
    path("account/", include("gr_portal.accounts.urls")),
    path("oidc/", include("gr_portal.accounts.oidc_urls")),
    path("na-inloggen/", views.after_login, name="after_login"),
    path("_healthz/", views.healthz, name="healthz"),
    # The language switch without a CSRF token, so that a public page is the same for every
    # anonymous visitor and can be cached (gr_portal.caching); a forged request can do no more
    # than switch the visitor's language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    # The back office's login is throttled per address like the portal's (axes covers both
    # per user name and address).
    path("beheer/login/", throttled_login(admin.site.login)),
    path("beheer/", admin.site.urls),
]

handler500 = "gr_portal.views.server_error"
