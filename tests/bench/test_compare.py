"""bench/compare.py reads both shapes of bench/pages.py's table: an earlier revision's (no
"× bare" column) and this tree's."""

from bench.compare import database_url_for, parse_table

BEFORE = """date: 2026-12-06

| page | URL | scale | runs | median ms | p95 ms | queries | KB |
|---|---|---:|---:|---:|---:|---:|---:|
| bare Django view | `/bare/` | 1x | 20 | 0.2 | 0.4 | 0 | 0 |
| home | `/` | 1x | 20 | 28.1 | 32.0 | 12 | 8 |
| versions | `-` | 1x | skipped: no URL named 'decisions:versions' | | | | | |
"""

NOW = """| page | URL | scale | runs | median ms | p95 ms | × bare | queries | KB |
|---|---|---:|---:|---:|---:|---:|---:|---:|
| bare Django view | `/bare/` | 1x | 20 | 0.3 | 0.6 | 1.0 | 0 | 0 |
| home | `/` | 1x | 20 | 9.4 | 11.0 | 31.3 | 9 | 8 |
| open data: Atom | `/open-data/wijzigingen.atom` | 1x | 20 | 13.7 | 14.4 | 45.6 | 5 | 1 |

Query counts that differ between scales: none
"""


def test_both_tables_are_read_by_their_column_names():
    assert parse_table(BEFORE) == {"bare Django view": 0.2, "home": 28.1}
    assert parse_table(NOW) == {"bare Django view": 0.3, "home": 9.4, "open data: Atom": 13.7}


def test_each_side_gets_a_database_of_its_own():
    url = "postgres://postgres@127.0.0.1:5432/grp_compare"
    assert (
        database_url_for(url, "before") == "postgres://postgres@127.0.0.1:5432/grp_compare_before"
    )
