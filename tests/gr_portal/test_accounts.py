"""Logging in and out, throttling of failed logins (django-axes), and a new password by e-mail.

Django's test Client.login() authenticates without a request, which django-axes refuses; these
tests post to the login page as a browser does, or use force_login for a logged-in user.
"""

import re

import pytest
from django.contrib.auth import SESSION_KEY, get_user_model
from django.core import mail
from django.urls import reverse

PASSWORD = "test-password"
INVALID_LOGIN = "Voer een juiste gebruikersnaam en wachtwoord in."


def log_in(client, username, password=PASSWORD, **extra):
    return client.post(reverse("login"), {"username": username, "password": password}, **extra)


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


# --- the login page ----------------------------------------------------------------------------


def test_login_page_is_dutch_and_accessible(client, db):
    response = client.get(reverse("login"))

    assert response.status_code == 200
    assert response["Content-Language"] == "nl"
    page = response.content.decode()
    assert '<html lang="nl">' in page
    assert "<h1>Inloggen</h1>" in page
    assert '<label for="id_username">Gebruikersnaam:</label>' in page
    assert '<label for="id_password">Wachtwoord:</label>' in page
    assert 'autocomplete="username"' in page
    assert 'autocomplete="current-password"' in page
    assert f'href="{reverse("password_reset")}">Wachtwoord vergeten?</a>' in page


def test_correct_login_redirects_to_after_login(client, council_member):
    response = log_in(client, "raadslid")

    assert response.status_code == 302
    assert response["Location"] == reverse("after_login")
    assert logged_in_user_id(client) == str(council_member.pk)
    # A council member is not a clerk: after_login sends them to the home page.
    assert client.get(reverse("after_login"))["Location"] == reverse("home")


def test_login_follows_a_safe_next_and_ignores_another_site(client, council_member):
    target = reverse("decision_detail", args=["concept-gr-tekst-2022"])
    page = client.get(reverse("login"), {"next": target}).content.decode()
    assert f'<input type="hidden" name="next" value="{target}">' in page

    response = client.post(
        reverse("login"), {"username": "raadslid", "password": PASSWORD, "next": target}
    )
    assert response["Location"] == target

    client.post(reverse("logout"))
    response = client.post(
        reverse("login"),
        {"username": "raadslid", "password": PASSWORD, "next": "https://example.com/"},
    )
    assert response["Location"] == reverse("after_login")


def test_login_with_next_back_to_the_login_page_goes_to_after_login(client, council_member):
    # The header's login link carries the current page as next, also on the login page itself.
    login_url = reverse("login")
    page = client.get(login_url, {"next": login_url}).content.decode()
    login_form = page[page.index('<form method="post" action="' + login_url) :]
    login_form = login_form[: login_form.index("</form>")]
    assert 'name="next"' not in login_form

    response = client.post(
        login_url, {"username": "raadslid", "password": PASSWORD, "next": login_url}
    )
    assert response["Location"] == reverse("after_login")


def test_wrong_password_shows_the_dutch_error_and_keeps_the_username(client, council_member):
    response = log_in(client, "raadslid", "wrong-password")

    assert response.status_code == 200
    assert logged_in_user_id(client) is None
    page = response.content.decode()
    assert "<title>Fout: Inloggen – GR Portal</title>" in page
    assert INVALID_LOGIN in page
    assert 'id="login-error"' in page
    assert 'value="raadslid"' in page
    # Both inputs point to the error, and the password is not sent back.
    for name in ("username", "password"):
        field = re.search(rf'<input [^>]*name="{name}"[^>]*>', page).group(0)
        assert 'aria-describedby="login-error"' in field
        assert 'aria-invalid="true"' in field
    assert "wrong-password" not in page


def test_missing_field_error_is_linked_to_its_input(client, db):
    page = client.post(reverse("login"), {"username": "raadslid"}).content.decode()

    assert '<ul class="errorlist" id="id_password_error"><li>Dit veld is verplicht.</li></ul>' in (
        page
    )
    field = re.search(r'<input [^>]*name="password"[^>]*>', page).group(0)
    assert 'aria-describedby="id_password_error"' in field
    assert 'href="#id_password"' in page  # the error summary links to the input


# --- throttling (django-axes) ------------------------------------------------------------------


def test_five_failures_lock_out_even_the_right_password(client, council_member, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _attempt in range(4):
        assert log_in(client, "raadslid", "wrong-password").status_code == 200

    fifth = log_in(client, "raadslid", "wrong-password")
    assert fifth.status_code == 429
    assert "registration/locked_out.html" in [t.name for t in fifth.templates]

    sixth = log_in(client, "raadslid", PASSWORD)
    assert sixth.status_code == 429
    assert logged_in_user_id(client) is None
    page = sixth.content.decode()
    assert "<h1>Inloggen tijdelijk geblokkeerd</h1>" in page
    assert "Na 5 mislukte pogingen" in page
    assert "Probeer het over 15 minuten opnieuw." in page


def test_lockout_is_per_username_and_address(client, council_member, program_office):
    for _attempt in range(5):
        log_in(client, "raadslid", "wrong-password")
    assert log_in(client, "raadslid").status_code == 429

    # Another user name from the same address still logs in.
    response = log_in(client, "programmabureau")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(program_office.pk)
    client.post(reverse("logout"))

    # The same user name from another address too.
    response = log_in(client, "raadslid", REMOTE_ADDR="192.0.2.10")
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(council_member.pk)


def test_a_successful_login_resets_the_failures(client, council_member):
    for _attempt in range(4):
        log_in(client, "raadslid", "wrong-password")
    assert log_in(client, "raadslid").status_code == 302
    client.post(reverse("logout"))

    for _attempt in range(4):
        assert log_in(client, "raadslid", "wrong-password").status_code == 200


# --- logout ------------------------------------------------------------------------------------


def test_logout_is_post_only(client, council_member):
    client.force_login(council_member)

    assert client.get(reverse("logout")).status_code == 405
    assert logged_in_user_id(client) == str(council_member.pk)

    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert logged_in_user_id(client) is None


def test_header_offers_login_and_a_logout_button(client, council_member):
    page = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("login")}?next=/"' in page

    client.force_login(council_member)
    page = client.get(reverse("home")).content.decode()
    logout_form = re.search(r'<form [^>]*action="([^"]+)"[^>]*>(.*?)</form>', page, re.S)
    assert logout_form.group(1) == reverse("logout")
    assert 'method="post"' in logout_form.group(0)
    assert 'name="csrfmiddlewaretoken"' in logout_form.group(2)
    assert "Uitloggen" in logout_form.group(2)


# --- password reset by e-mail ------------------------------------------------------------------


@pytest.fixture
def member_with_email(council_member):
    council_member.email = "raadslid@example.nl"
    council_member.save()
    return council_member


def test_password_reset_pages_are_dutch(client, db):
    page = client.get(reverse("password_reset")).content.decode()
    assert "<h1>Wachtwoord vergeten</h1>" in page
    assert '<label for="id_email">E-mailadres:</label>' in page
    assert 'autocomplete="email"' in page

    page = client.get(reverse("password_reset_done")).content.decode()
    assert "<h1>Controleer uw e-mail</h1>" in page

    page = client.get(reverse("password_reset_complete")).content.decode()
    assert "<h1>Wachtwoord ingesteld</h1>" in page


def test_password_reset_mails_a_dutch_link_that_sets_a_new_password(client, member_with_email):
    response = client.post(reverse("password_reset"), {"email": "Raadslid@example.nl"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["raadslid@example.nl"]
    assert message.subject == "Nieuw wachtwoord instellen voor GR Portal"
    assert "U hebt gevraagd om een nieuw wachtwoord" in message.body
    assert "Uw gebruikersnaam is: raadslid" in message.body
    assert "&" not in message.body  # plain text, not HTML-escaped
    link = re.search(r"http://testserver(/\S+)", message.body).group(1)

    # The link leads, through Django's token-hiding redirect, to the form for a new password.
    response = client.get(link, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Nieuw wachtwoord instellen</h1>" in page
    assert page.count('autocomplete="new-password"') == 2
    assert '<input type="text" autocomplete="username" value="raadslid" hidden>' in page
    form_url = response.redirect_chain[-1][0]

    mismatch = client.post(
        form_url, {"new_password1": "Zienswijze-2022!", "new_password2": "iets-anders-2022"}
    )
    assert mismatch.status_code == 200
    assert "De twee wachtwoordvelden komen niet overeen." in mismatch.content.decode()

    response = client.post(
        form_url, {"new_password1": "Zienswijze-2022!", "new_password2": "Zienswijze-2022!"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_complete")
    member_with_email.refresh_from_db()
    assert member_with_email.check_password("Zienswijze-2022!")

    # The link works once; the new password logs in.
    page = client.get(link, follow=True).content.decode()
    assert "<h1>Link werkt niet</h1>" in page
    assert log_in(client, "raadslid", "Zienswijze-2022!").status_code == 302


def test_password_reset_for_an_unknown_address_looks_the_same_and_sends_nothing(client, db):
    get_user_model().objects.create_user("zonder-mail", password=PASSWORD)

    response = client.post(reverse("password_reset"), {"email": "onbekend@example.nl"}, follow=True)

    assert response.redirect_chain == [(reverse("password_reset_done"), 302)]
    assert "<h1>Controleer uw e-mail</h1>" in response.content.decode()
    assert mail.outbox == []


def test_password_change_needs_a_login_and_works(client, council_member):
    response = client.get(reverse("password_change"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))

    client.force_login(council_member)
    page = client.get(reverse("password_change")).content.decode()
    assert "<h1>Wachtwoord wijzigen</h1>" in page
    assert 'autocomplete="current-password"' in page
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "Zienswijze-2022!",
            "new_password2": "Zienswijze-2022!",
        },
    )
    assert response["Location"] == reverse("password_change_done")
    council_member.refresh_from_db()
    assert council_member.check_password("Zienswijze-2022!")
