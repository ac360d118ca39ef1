"""What the raadsbrief tests share: the letter, reading a PDF back, and layouts made once.

Laying out a letter with WeasyPrint is what makes these tests slow (about half a second each,
seven for a batch). Fixtures wider than one test lay a batch out once and let several tests
read the result (`rolled_back`), and `remembering` lets a batch reuse layouts made before in
the session for exactly the same HTML.
"""

import datetime
import io
import re
from contextlib import contextmanager

from django.contrib.auth import get_user_model
from django.db import transaction
from pypdf import PdfReader

from councils.models import Municipality, OfficeMembership, Regeling
from councils.roles import PROGRAM_OFFICE
from decisions.models import Process
from gr_portal.roles import ensure_roles
from milestones.letters import rendering, services
from milestones.models import ArchivedLetter, Letter

BODY = """Met deze brief informeren wij de raad van {{gemeente}} over de samenvoeging.

## Aanleiding

Met de regionale visie[^visie] is een beleidswijziging ingezet.

## Stand van zaken

{{stand_van_zaken}}

## Wat zijn de vervolgstappen

{{vervolgstappen}}

Wij hopen u hiermee voldoende te hebben geïnformeerd.
"""

DRECHTSTEDEN = [
    "Alblasserdam",
    "Dordrecht",
    "Hendrik-Ido-Ambacht",
    "Papendrecht",
    "Sliedrecht",
    "Zwijndrecht",
    "Hardinxveld-Giessendam",
]


def make_letter(**overrides) -> Letter:
    if "process" not in overrides:
        overrides["process"] = Process.objects.get()
    values = {
        "subject": "Samenvoeging GR Drechtwerk en GR Sociaal",
        "reference": "GRS/2022/0042",
        "letter_date": datetime.date(2022, 2, 16),
        "body": BODY,
        "footnotes": "[^visie]: Regionale visie sociaal domein Drechtsteden",
        "attachments": "Regionale visie sociaal domein\nPlanning 2022",
        **overrides,
    }
    letter = Letter(**values)
    letter.full_clean()
    letter.save()
    return letter


def pdf_text(content: bytes) -> str:
    """The text of every page on one line. pypdf sometimes puts a space before a comma and keeps
    the break after a hyphen at the end of a table cell's line; both are undone here."""
    text = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages
    )
    return re.sub(r"(\w)- (\w)", r"\1-\2", re.sub(r" ([,.;])", r"\1", text))


def fonts_without_embedding(content: bytes) -> list[str]:
    """The names of fonts used in the PDF whose font program is not embedded."""
    missing = []
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            if not {"/FontFile", "/FontFile2", "/FontFile3"} & set(descriptor):
                missing.append(str(font["/BaseFont"]))
    return missing


def archive_letter(letter: Letter, user, *, published: bool, slug="dordrecht") -> ArchivedLetter:
    """The letter exported for one municipality, published or not."""
    letter.published = published
    letter.save()
    municipality = Municipality.objects.get(slug=slug)
    ((archived, _document),) = services.letters_export(
        letter=letter, municipalities=[municipality], user=user
    )
    return archived


def program_office_user(username: str):
    """A member of the programmabureau, for fixtures wider than one test (the `program_office`
    fixture is per test and always called 'programmabureau')."""
    user = get_user_model().objects.create_user(username, password="test-password", is_staff=True)
    user.groups.add(ensure_roles()[PROGRAM_OFFICE])
    for regeling in Regeling.objects.all():
        OfficeMembership.objects.create(user=user, regeling=regeling)
    return user


@contextmanager
def rolled_back(django_db_blocker):
    """Database access for a module-scoped fixture, in a transaction rolled back when the block
    ends. The fixture makes inside the block what its tests read, and keeps it as values (bytes,
    output, counts, objects in memory): none of its rows is left to surprise another test."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


# The real layout, kept before any test replaces it with `remembering`.
_lay_out = rendering.render_letter_document


def remembering(layouts: dict, *, reuse: bool = True):
    """A stand-in for render_letter_document that keeps each layout under the HTML it was laid
    out from. With `reuse`, HTML laid out before in the session is not laid out again.

    The HTML is all a layout depends on (the stylesheet and fonts are fixed files), so a layout
    reused is the one WeasyPrint would make again; anything that changes the letter or its
    status data changes the HTML and is laid out afresh. Writing the PDF is never reused.
    """

    def render_letter_document(letter, municipality, data):
        html = rendering.render_letter_html(letter, municipality, data)
        if not (reuse and html in layouts):
            layouts[html] = _lay_out(letter, municipality, data)
        return layouts[html]

    return render_letter_document
