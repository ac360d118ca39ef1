"""GIN indexes for the search page's full-text queries (decisions.search), on PostgreSQL only.

Each index is on exactly the weighted vector that decisions.search filters on (the expression must
match for the planner to use it). On the dataset's few rows PostgreSQL scans the tables anyway;
with thousands of long texts a search without them computes to_tsvector for every row (seconds).
Zienswijzen are not indexed: their vector includes the municipality's name, from another table.
SQLite has no such indexes and does not need them: this migration does nothing there.
"""

from django.db import migrations


def _vector(*weighted_columns):
    return " || ".join(
        f"setweight(to_tsvector('dutch'::regconfig, COALESCE({column}, '')), '{weight}')"
        for column, weight in weighted_columns
    )


INDEXES = {
    "decisions_decision_search": ("decisions_decision", [("title", "A"), ("summary", "B")]),
    "decisions_version_search": ("decisions_decisionversion", [("label", "A"), ("text", "C")]),
    "decisions_amendment_search": ("decisions_amendment", [("title", "A"), ("text", "C")]),
    "decisions_motion_search": ("decisions_motion", [("title", "A"), ("text", "C")]),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, columns) in INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (({_vector(*columns)}))")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("decisions", "0002_revisions_and_record_checks"),
    ]

    operations = [
        migrations.RunPython(create_indexes, drop_indexes),
    ]
