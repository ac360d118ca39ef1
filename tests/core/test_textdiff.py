"""Specification of the readable diff: word by word for texts, field by field for records.

Pure functions: no database, no Django setup beyond what the test runner already did.
"""

import itertools
import random

import pytest
from django.utils.translation import gettext_lazy

from gr_portal.core.textdiff import (
    LONG_TEXT_LENGTH,
    FieldChange,
    Segment,
    field_changes,
    is_long_text,
    tokenize,
    word_diff,
)

# --- helpers -----------------------------------------------------------------------------------


def old_side(segments):
    return "".join(s.text for s in segments if s.kind in ("equal", "delete"))


def new_side(segments):
    return "".join(s.text for s in segments if s.kind in ("equal", "insert"))


def assert_well_formed(old, new, segments):
    """The invariants every diff keeps, whatever the input."""
    assert old_side(segments) == old
    assert new_side(segments) == new
    assert all(s.text for s in segments), "no empty segments"
    assert all(s.kind in ("equal", "insert", "delete") for s in segments)
    for before, after in itertools.pairwise(segments):
        assert before.kind != after.kind, "adjacent segments of one kind are merged"
        assert (before.kind, after.kind) != ("insert", "delete"), "deletion comes first"


def E(text):
    return Segment("equal", text)


def I(text):  # noqa: E743
    return Segment("insert", text)


def D(text):
    return Segment("delete", text)


# --- tokenize ----------------------------------------------------------------------------------


def test_tokens_are_words_whitespace_runs_and_single_punctuation_marks():
    assert tokenize("De raad  besluit: ja.\n") == [
        "De",
        " ",
        "raad",
        "  ",
        "besluit",
        ":",
        " ",
        "ja",
        ".",
        "\n",
    ]


def test_words_with_accents_and_digits_stay_whole():
    assert tokenize("financiële bijdrage 2022") == ["financiële", " ", "bijdrage", " ", "2022"]


def test_consecutive_punctuation_marks_are_separate_tokens():
    tokens = ["art", ".", " ", "1", ",", " ", "lid", " ", "5", ")", "."]
    assert tokenize("art. 1, lid 5).") == tokens


@pytest.mark.parametrize(
    "text", ["", " ", "a", "Wgr art. 1 – lid 5\t(2022)\n\nslot", "€ 12,50 · «citaat» 😀"]
)
def test_joining_the_tokens_gives_the_text_back(text):
    assert "".join(tokenize(text)) == text


# --- word_diff ---------------------------------------------------------------------------------


def test_equal_texts_are_one_equal_segment():
    assert word_diff("De raad besluit.", "De raad besluit.") == [E("De raad besluit.")]


def test_two_empty_texts_have_no_segments():
    assert word_diff("", "") == []


def test_from_empty_everything_is_inserted():
    assert word_diff("", "Nieuwe tekst") == [I("Nieuwe tekst")]


def test_to_empty_everything_is_deleted():
    assert word_diff("Oude tekst", "") == [D("Oude tekst")]


def test_a_word_added_at_the_end():
    assert word_diff("De raad besluit", "De raad besluit unaniem") == [
        E("De raad besluit"),
        I(" unaniem"),
    ]


def test_a_word_added_at_the_start():
    assert word_diff("raad besluit", "De raad besluit") == [I("De "), E("raad besluit")]


def test_a_word_removed_in_the_middle():
    segments = word_diff("De gehele raad besluit", "De raad besluit")
    # Which of the two spaces goes with the deleted word does not matter to a reader.
    assert [(s.kind, s.text.strip()) for s in segments] == [
        ("equal", "De"),
        ("delete", "gehele"),
        ("equal", "raad besluit"),
    ]


def test_a_replaced_word_is_a_deletion_followed_by_an_insertion():
    assert word_diff("De raad besluit", "De college besluit") == [
        E("De "),
        D("raad"),
        I("college"),
        E(" besluit"),
    ]


def test_whole_words_change_not_letters():
    segments = word_diff("aangenomen", "aangehouden")
    assert segments == [D("aangenomen"), I("aangehouden")]


def test_adjacent_replaced_words_read_as_one_replacement():
    # Not "de|het raad|college": the space between two changed words belongs to the change.
    assert word_diff("de raad besluit", "het college besluit") == [
        D("de raad"),
        I("het college"),
        E(" besluit"),
    ]


def test_a_changed_punctuation_mark_is_its_own_change():
    assert word_diff("De raad besluit.", "De raad besluit;") == [
        E("De raad besluit"),
        D("."),
        I(";"),
    ]


def test_a_changed_number_inside_a_sentence():
    assert word_diff("binnen 8 weken na verzending", "binnen 12 weken na verzending") == [
        E("binnen "),
        D("8"),
        I("12"),
        E(" weken na verzending"),
    ]


def test_a_line_break_instead_of_a_space_is_a_whitespace_change():
    assert word_diff("eerste tweede", "eerste\ntweede") == [
        E("eerste"),
        D(" "),
        I("\n"),
        E("tweede"),
    ]


def test_separate_changes_stay_separate():
    assert word_diff("een twee drie vier vijf", "een 2 drie vier 5") == [
        E("een "),
        D("twee"),
        I("2"),
        E(" drie vier "),
        D("vijf"),
        I("5"),
    ]


def test_one_word_changed_in_a_long_text_is_one_small_change():
    # Long texts (more than 200 tokens) would otherwise hit difflib's 'autojunk' heuristic,
    # which ignores the frequent space token and turns one changed word into a huge change.
    words = [f"woord{i}" for i in range(300)]
    old = " ".join(words)
    new = " ".join([*words[:150], "ANDERS", *words[151:]])
    segments = word_diff(old, new)
    assert [s for s in segments if s.kind != "equal"] == [D("woord150"), I("ANDERS")]
    assert_well_formed(old, new, segments)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("", ""),
        ("a", ""),
        ("", "a"),
        ("a b c", "c b a"),
        ("De raad, gehoord het college, besluit.", "Het college besluit, gehoord de raad."),
        ("  leading", "leading  "),
        ("x\n\ny", "x\ny\n"),
        ("één twee", "een twee"),
        ("a a a a", "a a"),
    ],
)
def test_diff_invariants_on_examples(old, new):
    assert_well_formed(old, new, word_diff(old, new))


def test_diff_invariants_on_random_texts():
    rng = random.Random(20220712)
    vocabulary = ["de", "raad", "college", "besluit", ",", ".", " ", "  ", "\n", "GR", "2022", "é"]
    for _ in range(500):
        old = "".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 30)))
        new = "".join(rng.choice(vocabulary) for _ in range(rng.randint(0, 30)))
        assert_well_formed(old, new, word_diff(old, new))


def test_segments_are_immutable_values():
    segment = Segment("equal", "tekst")
    assert segment == Segment("equal", "tekst")
    with pytest.raises(AttributeError):
        segment.text = "anders"


# --- is_long_text ------------------------------------------------------------------------------


def test_a_text_is_long_from_81_characters():
    assert LONG_TEXT_LENGTH == 80
    assert not is_long_text("x" * 80)
    assert is_long_text("x" * 81)


def test_a_text_with_a_line_break_is_long_however_short():
    assert is_long_text("a\nb")
    assert not is_long_text("")


# --- field_changes -----------------------------------------------------------------------------

LABELS = {"outcome": "Uitkomst", "notes": "Toelichting", "round": "Ronde"}


def test_equal_records_have_no_changes():
    values = {"outcome": "aangenomen", "notes": "", "round": "1"}
    assert field_changes(values, dict(values), LABELS) == []


def test_only_changed_fields_are_listed_with_label_and_both_values():
    old = {"outcome": "", "notes": "", "round": "1"}
    new = {"outcome": "aangenomen", "notes": "", "round": "1"}
    assert field_changes(old, new, LABELS) == [
        FieldChange("outcome", "Uitkomst", "", "aangenomen", None)
    ]


def test_changes_follow_the_order_of_the_labels():
    old = {"round": "1", "notes": "a", "outcome": ""}
    new = {"round": "2", "notes": "b", "outcome": "verworpen"}
    assert [c.name for c in field_changes(old, new, LABELS)] == ["outcome", "notes", "round"]


def test_a_field_without_label_is_listed_after_the_labelled_ones_under_its_name():
    changes = field_changes({"extra": "x", "round": "1"}, {"extra": "y", "round": "2"}, LABELS)
    assert [(c.name, c.label) for c in changes] == [("round", "Ronde"), ("extra", "extra")]


def test_a_missing_field_counts_as_empty():
    [change] = field_changes({}, {"outcome": "aangenomen"}, LABELS)
    assert (change.old, change.new) == ("", "aangenomen")
    assert field_changes({"notes": ""}, {}, LABELS) == []


def test_lazy_labels_become_plain_strings():
    [change] = field_changes({"notes": "a"}, {"notes": "b"}, {"notes": gettext_lazy("toelichting")})
    assert change.label == "toelichting"
    assert type(change.label) is str


def test_short_values_have_no_word_diff():
    [change] = field_changes({"notes": "kort"}, {"notes": "ook kort"}, LABELS)
    assert change.segments is None
    assert not change.is_long


def test_a_long_new_value_gets_a_word_diff():
    old = "De raad stemt in."
    new = "De raad stemt in met de concept-GR-tekst, onder voorbehoud van de zienswijze van juli."
    assert len(new) > LONG_TEXT_LENGTH
    [change] = field_changes({"notes": old}, {"notes": new}, LABELS)
    assert change.is_long
    assert change.segments[0] == E("De raad stemt in")
    assert new_side(change.segments) == new
    assert old_side(change.segments) == old


def test_a_long_old_value_gets_a_word_diff_even_when_the_new_one_is_short():
    old = "x " * 50
    [change] = field_changes({"notes": old}, {"notes": "x"}, LABELS)
    assert change.is_long
    assert old_side(change.segments) == old


def test_a_value_with_a_line_break_gets_a_word_diff():
    [change] = field_changes({"notes": "a\nb"}, {"notes": "a\nc"}, LABELS)
    assert change.segments == (E("a\n"), D("b"), I("c"))


def test_a_value_of_exactly_80_characters_is_still_short():
    [change] = field_changes({"notes": "a" * 80}, {"notes": "b" * 80}, LABELS)
    assert change.segments is None


def test_from_empty_to_a_long_text_is_one_insertion():
    new = "tekst " * 20
    [change] = field_changes({"notes": ""}, {"notes": new}, LABELS)
    assert change.segments == (I(new),)


# --- bounded cost (security audit F1) ----------------------------------------------------------


def _long_text(words, seed, common=("de", "het", "een", "van", "en", "raad")):
    rng = random.Random(seed)
    out = []
    for index in range(words):
        out.append(rng.choice(common) if rng.random() < 0.6 else f"term{rng.randint(0, 4000)}")
        if index % 80 == 79:
            out.append("\n\n")
    return " ".join(out)


@pytest.fixture
def alignment_sizes(monkeypatch):
    """The token-by-token alignments the diff asks difflib for, as old x new tokens."""
    import difflib

    from gr_portal.core import textdiff

    sizes = []
    real = difflib.SequenceMatcher

    def counting(isjunk, a, b, autojunk):
        sizes.append(len(a) * len(b))
        return real(isjunk, a, b, autojunk=autojunk)

    monkeypatch.setattr(textdiff.difflib, "SequenceMatcher", counting)
    return sizes


@pytest.mark.parametrize("kind", ["edited copy", "different text", "no unique word"])
def test_a_10000_word_text_is_compared_within_the_alignment_budget(kind, alignment_sizes):
    from gr_portal.core.textdiff import ALIGN_BUDGET

    old = _long_text(10_000, 1)
    if kind == "edited copy":
        words = old.split(" ")
        words[::100] = ["gewijzigd"] * len(words[::100])
        new = " ".join(words)
    elif kind == "different text":
        new = _long_text(10_000, 2)
    else:
        old, new = " ".join(["de", "het"] * 5_000), " ".join(["het", "de", "de"] * 3_300)
    segments = word_diff(old, new)
    assert_well_formed(old, new, segments)
    # Quadratic work over the whole text (about 4 * 10^8 token pairs) is what made one compare
    # page take 12-29 s in the audit; bench/diff.py prints the times.
    assert sum(alignment_sizes) <= ALIGN_BUDGET


def test_an_edited_long_text_still_shows_each_changed_word():
    old = _long_text(10_000, 1)
    words = old.split(" ")
    for index in range(50, len(words), 1000):
        words[index] = "gewijzigd"
    new = " ".join(words)
    segments = word_diff(old, new)
    inserted = [s.text for s in segments if s.kind == "insert"]
    assert inserted
    assert all(text.strip() == "gewijzigd" for text in inserted)
    assert len(inserted) == len(range(50, len(words), 1000))


def test_long_pairs_are_compared_once_then_read_from_the_cache(alignment_sizes):
    from django.core.cache import cache

    from gr_portal.core.textdiff import word_diff_cached

    cache.clear()
    old, new = _long_text(3_000, 1), _long_text(3_000, 2)
    first = word_diff_cached(old, new)
    asked = len(alignment_sizes)
    assert asked
    assert word_diff_cached(old, new) == first == word_diff(old, new)
    assert len(alignment_sizes) == 2 * asked  # the second call did not align again
