"""The search itself (decisions.search.query): headlines and excerpts as segments to escape once,
the fallback's terms, and (on PostgreSQL) the GIN indexes the full-text filters use.
"""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.search.query import (
    excerpt,
    fallback_terms,
    find,
    segments_from_headline,
    with_ellipses,
)


def test_headline_segments_are_unescaped_for_the_template_to_escape_once():
    headline = "&lt;b&gt;De &amp;amp; <mark>raad</mark> &lt;/b&gt;"
    assert segments_from_headline(headline) == (
        ("<b>De &amp; ", False),
        ("raad", True),
        (" </b>", False),
    )


def test_a_headline_cut_from_a_longer_text_gets_ellipses():
    snippet = (("colleges spreken het ", False), ("voornemen", True), (" uit", False))
    text = "De colleges spreken het voornemen uit tot integratie."
    assert with_ellipses(snippet, text, text) == (
        ("… ", False),
        *snippet,
        (" …", False),
    )
    whole = "colleges spreken het voornemen uit"
    assert with_ellipses(snippet, whole, whole) == snippet


def test_fallback_terms_keep_quoted_phrases_together():
    assert fallback_terms('GR "Gemeenschappelijke regeling" gr sociaal') == [
        "GR",
        "Gemeenschappelijke regeling",
        "sociaal",
    ]


def test_fallback_excerpt_is_cut_around_the_first_match():
    text = " ".join(["woord"] * 100) + " de Drechtwerk-taken " + " ".join(["woord"] * 100)
    segments = excerpt(text, ["drechtwerk"], width=80)
    assert segments[0] == ("… ", False)
    assert ("Drechtwerk", True) in segments
    assert segments[-1] == (" …", False)
    assert len("".join(text for text, _marked in segments)) <= 80 + 4


@pytest.mark.parametrize(
    ("source", "index"),
    [
        (0, "decisions_decision_search"),
        (1, "decisions_version_search"),
        (3, "decisions_amendment_search"),
        (4, "decisions_motion_search"),
    ],
)
def test_the_gin_indexes_match_the_search_expressions(dataset, source, index):
    if connection.vendor != "postgresql":
        pytest.skip("The GIN indexes exist on PostgreSQL only")
    # With a few rows PostgreSQL rightly scans the tables; forbidding that shows whether the
    # index (migration 0003) still matches the vector decisions.search filters on.
    with CaptureQueriesContext(connection) as queries:
        find("Drechtwerk", user=AnonymousUser())
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + queries.captured_queries[source]["sql"])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"Bitmap Index Scan on {index}" in plan
