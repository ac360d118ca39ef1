"""Dutch by default, English only when the visitor chooses it."""

from django.conf import settings
from django.urls import reverse


def test_dutch_even_when_the_browser_prefers_english(client, dataset):
    response = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "nl"
    assert 'lang="nl"' in response.content.decode()
    assert "gepland 8 maart 2022" in response.content.decode()


def test_the_language_switch_sets_english_and_back(client, dataset):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse("home"))
    assert page["Content-Language"] == "en"
    assert "8 March 2022" in page.content.decode()  # dates follow the chosen language
    client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    assert client.get(reverse("home"))["Content-Language"] == "nl"


def test_an_unknown_language_cookie_falls_back_to_dutch(client, dataset):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    assert client.get(reverse("home"))["Content-Language"] == "nl"
