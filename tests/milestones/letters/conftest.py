import pytest

from milestones.letters import rendering, services
from tests.milestones.letters.helpers import make_letter, remembering


@pytest.fixture
def letter(dataset):
    return make_letter()


@pytest.fixture(scope="session")
def layouts() -> dict:
    """WeasyPrint layouts by the HTML they were made from, for the whole session."""
    return {}


@pytest.fixture
def reused_layouts(monkeypatch, layouts):
    """Exports and previews in this test lay out only letters not laid out before in the
    session (see helpers.remembering): for tests about archiving, pages and access, not about
    the layout itself."""
    render_letter_document = remembering(layouts)
    monkeypatch.setattr(services, "render_letter_document", render_letter_document)
    monkeypatch.setattr(rendering, "render_letter_document", render_letter_document)
