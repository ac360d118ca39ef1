"""Fixtures of the clerk-view tests (decisions.clerk)."""

import pytest


@pytest.fixture
def clerk_client(client, dordrecht_clerk):
    """A client logged in as Dordrecht's clerk."""
    client.force_login(dordrecht_clerk)
    return client
