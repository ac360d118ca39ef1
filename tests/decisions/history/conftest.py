"""Fixtures of the history-page tests: Dordrecht council's treatment of the concept GR-tekst,
and the same treatment edited twice by the programmabureau.
"""

import datetime

import pytest

from tests.decisions.history.helpers import (
    AMSTERDAM,
    CORRECTED_NOTE,
    LONG_NOTE,
    dordrecht_council_treatment,
    edit,
    set_history_date,
)


@pytest.fixture
def treatment(dataset):
    return dordrecht_council_treatment()


@pytest.fixture
def edited_treatment(treatment, program_office):
    """Loaded (systeem), then a note by the programmabureau, then a corrected note.

    The moments are pinned in 2022, the loader's version first, so the order is the real one.
    """
    set_history_date(treatment, datetime.datetime(2022, 7, 1, 10, 0, tzinfo=AMSTERDAM))
    edit(treatment, program_office, "Toelichting uit de raadsvergadering", notes=LONG_NOTE)
    set_history_date(treatment, datetime.datetime(2022, 7, 12, 21, 15, tzinfo=AMSTERDAM))
    edit(
        treatment,
        program_office,
        "datum en bestuur verkeerd overgenomen",
        correction=True,
        notes=CORRECTED_NOTE,
    )
    set_history_date(treatment, datetime.datetime(2022, 7, 13, 9, 5, tzinfo=AMSTERDAM))
    return treatment
