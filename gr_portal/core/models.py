"""The version of the portal's data: one number, raised in the same transaction as every write
that can change what a page shows, so that a cache keyed on it cannot serve a page from
before a commit once that commit is visible (gr_portal.caching)."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import InterfaceError, OperationalError, connection, models, transaction
from django.db.models import F
from django.utils import timezone


class DataVersion(models.Model):
    """A single row: the data's version and when it last changed. Written by the system on
    every write (not edited by people, so without history of its own)."""

    version = models.PositiveBigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "gegevensversie"

    def __str__(self) -> str:
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


def _bumped() -> None:
    """Marks, among a transaction's on-commit callbacks, that its version is raised already."""


def bump() -> None:
    """Raise the version, inside the caller's transaction: one UPDATE per transaction (or
    savepoint), however many records it writes; the row is made on the first write ever. The
    mark is an on-commit callback registered under the current savepoints, so a rolled-back
    savepoint takes its UPDATE and its mark along, and the next write raises again."""
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        here = set(connection.savepoint_ids)
        if any(cb is _bumped and ids == here for ids, cb, _robust in connection.run_on_commit):
            return
        transaction.on_commit(_bumped)
    updated = DataVersion.objects.filter(pk=1).update(
        version=F("version") + 1, changed_at=timezone.now()
    )
    if not updated:
        DataVersion.objects.get_or_create(pk=1)


def current() -> tuple[int, datetime.datetime]:
    """(version, changed at): one query, written out (read on every cached page, where the
    ORM's compiling of the query would cost more than the query).

    On a persistent connection not yet checked in this request, this query is Django's health
    check (CONN_HEALTH_CHECKS) as well, instead of a SELECT 1 before it: when it fails, the
    connection is closed and the query asked once more on a new one, as the check would have.
    """
    wrapper: Any = connection  # health_check_* are not in django-stubs
    if (
        wrapper.connection is not None
        and wrapper.health_check_enabled
        and not wrapper.health_check_done
        and not wrapper.in_atomic_block
    ):
        wrapper.health_check_done = True
        try:
            return _read_current()
        except (OperationalError, InterfaceError):
            wrapper.close()
    return _read_current()


def _read_current() -> tuple[int, datetime.datetime]:
    with connection.cursor() as cursor:
        cursor.execute(_CURRENT_SQL)
        row = cursor.fetchone()
    if row is None:
        return 0, datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    version, changed_at = row
    if timezone.is_naive(changed_at):  # SQLite: as Django's own converter does
        changed_at = timezone.make_aware(changed_at, connection.timezone)
    return int(version), changed_at


_CURRENT_SQL = f"SELECT version, changed_at FROM {DataVersion._meta.db_table} WHERE id = 1"


#: The apps whose records the pages show; a write to any of them changes the data version.
DATA_APPS = frozenset({"councils", "decisions", "milestones"})


def data_changed(sender, **kwargs) -> None:
    """post_save, post_delete and m2m_changed: a write to a record of the portal's apps (not
    its history rows, which come with one) raises the data version, in the same transaction."""
    meta = sender._meta
    if (
        meta.app_label in DATA_APPS
        and not meta.model_name.startswith("historical")
        and kwargs.get("action", "post_").startswith("post_")
    ):
        bump()
