"""/oidc/: single sign-on (gr_portal.accounts.oidc), under the URL names mozilla-django-oidc
reverses."""

from django.urls import path

from gr_portal.accounts.oidc import PortalOIDCCallbackView, PortalOIDCRequestView

urlpatterns = [
    path("callback/", PortalOIDCCallbackView.as_view(), name="oidc_authentication_callback"),
    path("authenticate/", PortalOIDCRequestView.as_view(), name="oidc_authentication_init"),
]
