"""How the portal is served: compressed answers and gunicorn's production configuration."""

import gzip
import subprocess
import sys
from pathlib import Path

from django.http import HttpResponse
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def test_pages_and_downloads_are_compressed_for_clients_that_ask(client, dataset):
    for url in (reverse("home"), reverse("opendata:matrix_csv"), reverse("opendata:votes_json")):
        response = client.get(url, HTTP_ACCEPT_ENCODING="gzip")
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert gzip.decompress(body), url
    plain = client.get(reverse("home"))
    assert not plain.has_header("Content-Encoding")


def test_gunicorns_production_configuration_loads():
    config = subprocess.run(
        [
            str(Path(sys.executable).with_name("gunicorn")),
            "--check-config",
            "--print-config",
            "-c",
            "python:gr_portal.gunicorn_conf",
            "gr_portal.wsgi",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DEBUG": "1"},
        check=False,
    )
    assert config.returncode == 0, config.stderr
    pairs = (line.split(" = ", 1) for line in config.stdout.splitlines() if " = " in line)
    settings = {key.strip(): value.strip() for key, value in pairs}
    assert settings["worker_class"] == "gthread"
    assert int(settings["threads"]) >= 2
    assert int(settings["graceful_timeout"]) > 0


def test_not_found_and_forbidden_answer_in_dutch_with_a_way_on(client, dataset, dordrecht_clerk):
    missing = client.get("/trajecten/bestaat-niet/")
    assert missing.status_code == 404
    page = missing.content.decode()
    assert "Pagina niet gevonden" in page
    assert 'href="/"' in page
    client.force_login(dordrecht_clerk)
    forbidden = client.get(reverse("planning:new"))
    assert forbidden.status_code == 403
    assert "Geen toegang" in forbidden.content.decode()


def test_the_render_limit_lets_the_health_check_pass_and_others_wait(rf, settings):
    import threading

    from gr_portal.middleware import RenderLimitMiddleware

    settings.RENDER_CONCURRENCY = 1
    settings.RENDER_QUEUE_SECONDS = 0.2
    inside, release = threading.Event(), threading.Event()

    def view(request):
        if request.path == "/traag/":
            inside.set()
            release.wait(5)
        return HttpResponse("ok")

    middleware = RenderLimitMiddleware(view)
    slow = threading.Thread(target=lambda: middleware(rf.get("/traag/")))
    slow.start()
    assert inside.wait(5)
    # The one slot is taken: the health check still answers, another page waits, then 503.
    assert middleware(rf.get("/_healthz/")).status_code == 200
    refused = middleware(rf.get("/stand/"))
    assert refused.status_code == 503
    assert refused["Retry-After"]
    release.set()
    slow.join(5)
    assert middleware(rf.get("/stand/")).status_code == 200
