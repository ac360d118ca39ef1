"""Specification of the template helpers every page loads ({% load portal %})."""

from django.template import Context, Template
from django.urls import resolve, reverse

from gr_portal.core.templatetags.portal import get_item

NAV = Template('{% load portal %}{% nav_link "decisions:status_matrix" "Stand per gemeente" %}')
LOGIN = Template('{% load portal %}{% nav_link "login" "Inloggen" come_back=True %}')


def request_for(rf, path):
    """A request for `path` as the URL resolver has matched it (what a view's template sees)."""
    request = rf.get(path)
    request.resolver_match = resolve(path)
    return request


def test_nav_link_marks_the_current_page_with_aria_current(rf):
    matrix = reverse("decisions:status_matrix")
    html = NAV.render(Context({"request": request_for(rf, matrix)}))
    assert html == (
        f'<a class="utrecht-link utrecht-link--html-a" href="{matrix}" aria-current="page">'
        "Stand per gemeente</a>"
    )


def test_nav_link_to_another_page_is_not_current(rf):
    html = NAV.render(Context({"request": request_for(rf, reverse("home"))}))
    assert f'href="{reverse("decisions:status_matrix")}"' in html
    assert "aria-current" not in html


def test_nav_link_without_a_request_is_a_plain_link():
    html = NAV.render(Context({}))
    assert "aria-current" not in html
    assert html.endswith(">Stand per gemeente</a>")


def test_nav_link_escapes_its_label(rf):
    template = Template('{% load portal %}{% nav_link "home" label %}')
    html = template.render(Context({"label": "<b>Besluiten</b>"}))
    assert "&lt;b&gt;Besluiten&lt;/b&gt;" in html
    assert "<b>" not in html


def test_a_come_back_link_carries_the_current_path_as_next(rf):
    html = LOGIN.render(Context({"request": request_for(rf, "/besluiten/concept-gr-tekst-2022/")}))
    assert f'href="{reverse("login")}?next=/besluiten/concept-gr-tekst-2022/"' in html


def test_get_item_reads_a_dictionary_by_a_key_held_in_a_variable():
    assert get_item({3: "versie 3"}, 3) == "versie 3"
    assert get_item({3: "versie 3"}, 4) is None


def test_get_item_of_something_that_is_not_a_mapping_is_none():
    assert get_item(None, 3) is None
    assert get_item(["a"], 0) is None


def test_get_item_in_a_template():
    template = Template("{% load portal %}{{ changes|get_item:pk }}")
    assert template.render(Context({"changes": {7: "gewijzigd"}, "pk": 7})) == "gewijzigd"
