"""The front end: NL Design System CSS and a white-label theme, pinned in package-lock.json,
installed by npm and copied into static/vendor/ by `make frontend` (which `make setup`, `make run`
and `make test` run). The build output is never committed; these tests fail, never skip, when it
is missing, so that a set-up without the front end cannot pass unnoticed."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)
STATIC = ROOT / "static"
VENDOR = STATIC / "vendor"
BUILD_HINT = (
    "Run `make frontend` (npm ci, then node frontend/build.mjs); `make setup` and `make test` "
    "run it too."
)

# In the order base.html links them: fonts, components, theme, the portal's theme layer, portal.css.
STYLESHEETS = [
    "vendor/fonts/fonts.css",
    "vendor/utrecht/component-library.css",
    "vendor/voorbeeld/theme.css",
    "vendor/grportal/theme.css",
    "css/portal.css",
]
THEME_PACKAGE = "@nl-design-system-unstable/voorbeeld-design-tokens"

# The classes portal.css styled before the NL Design System arrived. Templates use them, so each
# must keep a rule.
TEMPLATE_CLASSES = [
    "actions",
    "alert",
    "alert-error",
    "badge",
    "breadcrumb",
    "button",
    "button-secondary",
    "container",
    "correction",
    "diff",
    "diff-empty",
    "diff-text",
    "errorlist",
    "facts",
    "field",
    "field-error",
    "field-row",
    "fractie-votes",
    "has-error",
    "helptext",
    "history-chooser",
    "history-correction",
    "history-correction-row",
    "history-label",
    "history-versions",
    "inline-form",
    "legend",
    "link-button",
    "link-button-dark",
    "matrix",
    "message",
    "messages",
    "meta",
    "opinion",
    "opinions",
    "preview",
    "preview-outcome",
    "quick-fill",
    "record-form",
    "restore-form",
    "site-footer",
    "site-header",
    "site-name",
    "site-tagline",
    "skip-link",
    "source",
    "status-adopted",
    "status-checked",
    "status-label",
    "status-overdue",
    "status-planned",
    "status-postponed",
    "status-rejected",
    "status-withdrawn",
    "superseded",
    "table-scroll",
    "verdict",
    "visually-hidden",
    "vote-bar",
    "vote-bar-against",
    "vote-bar-for",
    "vote-grid",
]


def read_json(path):
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def manifest():
    """static/vendor/manifest.json, which frontend/build.mjs writes last, after every file."""
    path = VENDOR / "manifest.json"
    if not path.is_file():
        pytest.fail(
            f"The front-end build output is missing: {path.relative_to(ROOT)} does not exist. "
            + BUILD_HINT,
            pytrace=False,
        )
    return read_json(path)


def test_build_output_is_complete(manifest):
    missing = [name for name in manifest["files"] if not (VENDOR / name).is_file()]
    missing += [name for name in STYLESHEETS if not (STATIC / name).is_file()]
    assert not missing, f"Missing from the front-end build: {missing}. {BUILD_HINT}"


def test_build_comes_from_the_locked_versions(manifest):
    lock = read_json(ROOT / "package-lock.json")
    packages = lock["packages"]
    locked = {name: packages[f"node_modules/{name}"]["version"] for name in manifest["packages"]}
    assert manifest["packages"] == locked, (
        f"static/vendor/ was built from {manifest['packages']}, package-lock.json pins {locked}. "
        + BUILD_HINT
    )


def test_package_json_pins_exact_versions():
    package = read_json(ROOT / "package.json")
    specs = {**package.get("dependencies", {}), **package.get("devDependencies", {})}
    assert specs, "package.json lists no dependencies"
    loose = {name: spec for name, spec in specs.items() if not re.fullmatch(r"\d+\.\d+\.\d+", spec)}
    assert not loose, f"Pin exact versions (no ^, ~, ranges or tags) in package.json: {loose}"
    assert specs["@utrecht/component-library-css"].startswith("9.")
    assert THEME_PACKAGE in specs

    lock = read_json(ROOT / "package-lock.json")
    assert lock["packages"][""]["dependencies"] == package["dependencies"], (
        "package-lock.json is out of date with package.json: run `npm install` and commit both"
    )


def test_theme_is_white_label(manifest):
    """The white-label example theme, and no municipality's or the State's protected branding
    (the Utrecht and Rijkshuisstijl token sets)."""
    lock = read_json(ROOT / "package-lock.json")
    token_sets = sorted(
        path.removeprefix("node_modules/")
        for path in lock["packages"]
        if path.endswith("-tokens") or "design-tokens" in path
    )
    assert token_sets == [THEME_PACKAGE]
    theme = (VENDOR / "voorbeeld" / "theme.css").read_text(encoding="utf-8")
    assert ".voorbeeld-theme {" in theme


def test_base_template_links_the_stylesheets_in_order(client, db):
    page = client.get(reverse("home")).content.decode()

    links = re.findall(r'<link rel="stylesheet" href="([^"]+)">', page)
    assert links[: len(STYLESHEETS)] == [static(name) for name in STYLESHEETS]
    body = re.search(r"<body [^>]*>", page).group(0)
    assert 'class="voorbeeld-theme grportal-theme' in body
    assert not re.search(r"\b(utrecht|rijkshuisstijl)-theme\b", page)
    # The skip link comes first in <body>, and leads to <main>.
    first = re.search(r"<body[^>]*>\s*(<[^>]+>)", page).group(1)
    assert 'class="skip-link' in first
    assert 'href="#inhoud"' in first
    assert '<main id="inhoud"' in page
    assert "<script" not in page, "every page works without JavaScript; the home page needs none"


def test_stylesheets_and_fonts_are_served(client, manifest):
    for name in STYLESHEETS:
        response = client.get(static(name))
        assert response.status_code == 200, f"{static(name)} answered {response.status_code}"
        assert response["Content-Type"].startswith("text/css")
        b"".join(response.streaming_content)

    fonts_css = (VENDOR / "fonts" / "fonts.css").read_text(encoding="utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", fonts_css)
    assert fonts, "fonts.css declares no font files"
    for font in fonts:
        response = client.get(static(f"vendor/fonts/{font}"))
        assert response.status_code == 200, f"{font} answered {response.status_code}"
        assert response["Content-Type"] == "font/woff2"
        b"".join(response.streaming_content)


def test_portal_css_keeps_a_rule_for_every_template_class():
    css = (STATIC / "css" / "portal.css").read_text(encoding="utf-8")
    defined = set(re.findall(r"\.([a-zA-Z][\w-]*)", css))
    assert not sorted(set(TEMPLATE_CLASSES) - defined)


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)


def test_node_modules_and_build_output_are_git_ignored():
    if shutil.which("git") is None or git("rev-parse", "--is-inside-work-tree").returncode != 0:
        pytest.skip("not a git work tree (an exported source tree has no .gitignore to check)")

    def ignored(path):
        result = git("check-ignore", "-q", "--no-index", path)
        assert result.returncode in (0, 1), result.stderr  # 128: git failed
        return result.returncode == 0

    for path in ("node_modules/", "node_modules/@utrecht/x.css", "static/vendor/manifest.json"):
        assert ignored(path), f"{path} is not git-ignored"
    for path in ("package.json", "package-lock.json", "frontend/build.mjs", "frontend/theme.css"):
        assert not ignored(path), f"{path} is git-ignored, but belongs in git"
    tracked = git("ls-files", "node_modules", "static/vendor").stdout.split()
    assert not tracked, f"Build output is committed: {tracked}"
