from django.urls import path

from gr_portal.accounts import twofactor

app_name = "twofactor"

urlpatterns = [
    path("", twofactor.overview, name="overview"),
    path("instellen/", twofactor.setup, name="setup"),
    path("controle/", twofactor.verify, name="verify"),
    path("nieuwe-herstelcodes/", twofactor.new_codes, name="new_codes"),
]
