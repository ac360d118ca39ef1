"""Reading the open-data API in tests: one object or list, or every page of a list."""


def api(client, path: str, **params):
    """GET /api/v1/<path> and its JSON (asserting 200)."""
    response = client.get(f"/api/v1/{path}", params)
    assert response.status_code == 200, response.content[:500]
    return response.json()


def every_result(client, resource: str) -> list[dict]:
    """Every object of a list, all pages."""
    objects, page = [], 1
    while True:
        body = api(client, resource, pagina=page)
        objects.extend(body["results"])
        if not body["next"]:
            return objects
        page += 1
