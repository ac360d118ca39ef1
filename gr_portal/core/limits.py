"""How long a free text may be: long enough for the longest real one, short enough that no text
can make a page, a diff or a history table grow without bound (security audit F9).

Every save also writes a full copy to the history, so a limit counts twice. The real texts: a
GR text of 5,000-15,000 words (about 100,000 characters), a zienswijze of a few pages.
"""

from django.core.validators import MaxLengthValidator

#: A version of a regeling's text.
REGELING_TEXT = 500_000
#: An amendment, a motion, a zienswijze, a letter's body.
DOCUMENT_TEXT = 100_000
#: A note, a summary, a milestone's description, a letter's footnotes.
NOTE_TEXT = 20_000
#: A source, a list of attachments.
SHORT_TEXT = 5_000


def text_limit(length: int) -> dict:
    """The arguments of a TextField that holds at most `length` characters: the form's field
    and widget get the limit, and full_clean() checks it (a TextField alone does not)."""
    return {"max_length": length, "validators": [MaxLengthValidator(length)]}
