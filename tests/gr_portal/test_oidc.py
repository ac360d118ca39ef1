"""Single sign-on (issue 12 item 4, gr_portal.accounts.oidc) through a real OpenID Connect
flow against the small provider of tests/oidc_provider.py: authorization code with PKCE, an
RS256 ID token checked against the provider's JWKS, userinfo; the portal's second factor is
not asked again; only existing accounts get in."""

from urllib.request import HTTPRedirectHandler, build_opener

import pytest
from django.urls import reverse

from tests.oidc_provider import Provider

pytestmark = pytest.mark.django_db


class _NoRedirects(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def provider(settings):
    with Provider() as running:
        for name, value in running.settings.items():
            setattr(settings, name, value)
        settings.AUTHENTICATION_BACKENDS = [
            *settings.AUTHENTICATION_BACKENDS,
            "gr_portal.accounts.oidc.PortalOIDCBackend",
        ]
        settings.TWO_FACTOR_REQUIRED = True
        yield running


def _sign_in(client, provider, next_url="/griffie/"):
    """The browser's part: to the provider and back, as the redirects say."""
    start = client.get(reverse("oidc_authentication_init") + f"?next={next_url}")
    assert start.status_code == 302
    assert start["Location"].startswith(provider.url + "/authorize?")
    try:
        build_opener(_NoRedirects).open(start["Location"])
    except Exception as redirect:  # urllib raises HTTPError for the unfollowed 302
        back = redirect.headers["Location"]
    path = back.removeprefix("http://testserver")
    return client.get(path)


def test_a_clerk_signs_in_with_the_organisations_account(client, provider, dordrecht_clerk):
    dordrecht_clerk.email = "Griffie@Dordrecht.nl"
    dordrecht_clerk.save()
    provider.identity = {"sub": "dordrecht-123", "email": "griffie@dordrecht.nl"}
    response = _sign_in(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/griffie/"
    assert int(client.session["_auth_user_id"]) == dordrecht_clerk.pk
    # The provider did the second factor: the workspace opens without the portal's own.
    assert client.get(reverse("clerk:workspace")).status_code == 200


def test_an_unknown_address_gets_no_account(client, provider, dordrecht_clerk, django_user_model):
    provider.identity = {"sub": "someone", "email": "iemand@elders.nl"}
    before = django_user_model.objects.count()
    response = _sign_in(client, provider)
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session
    assert django_user_model.objects.count() == before
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen via uw organisatie is niet gelukt" in page


def test_the_login_page_offers_single_sign_on_only_when_configured(client, settings, dataset):
    settings.OIDC_RP_CLIENT_ID = ""
    assert "oidc" not in client.get(reverse("login")).content.decode()
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    settings.OIDC_RP_CLIENT_ID = "grportal"
    settings.OIDC_LOGIN_LABEL = "Inloggen met Drechtsteden-account"
    page = client.get(reverse("login")).content.decode()
    assert "Inloggen met Drechtsteden-account" in page
    assert reverse("oidc_authentication_init") in page
