"""Inserting many rows at once with their history rows: PostgreSQL's COPY, bulk_create elsewhere.

`bulk_create` spends most of its time building one INSERT of thousands of parameters in Python
(for 2,000 claims of 30 columns, longer than PostgreSQL takes to store them); COPY streams the
rows instead. The ids come from the table's sequence first, so the objects have their primary
keys afterwards, as bulk_create leaves them.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db import connection, models
from django.utils import timezone
from simple_history.utils import bulk_create_with_history, get_history_manager_for_model


def create_with_history(objs: Sequence[models.Model], model: type[models.Model]) -> None:
    """Insert `objs` (new, unsaved) and a "+" history row for each, as simple_history's
    `bulk_create_with_history` does (no user, no reason, one timestamp); sets their ids."""
    if not objs:
        return
    if connection.vendor != "postgresql":
        bulk_create_with_history(objs, model)
        return
    copy_insert(model, objs)
    # The history rows as rows, not model instances: half the objects to build.
    history = get_history_manager_for_model(model).model
    fixed = {
        "history_date": timezone.now(),
        "history_user_id": None,
        "history_change_reason": None,
        "history_type": "+",
    }
    tracked = [field.attname for field in history.tracked_fields]
    pk = history._meta.pk
    assert pk is not None
    columns = [f.attname for f in history._meta.concrete_fields if f is not pk]
    rows = []
    for obj in objs:
        values = {**fixed, **{name: getattr(obj, name) for name in tracked}}
        rows.append([values[name] for name in columns])
    _copy(history, [pk.attname, *columns], _ids(history, len(rows)), rows)


def copy_insert(model: type[models.Model], objs: Sequence[models.Model]) -> None:
    """Insert `objs` with COPY (PostgreSQL), ids drawn from the table's sequence."""
    pk = model._meta.pk
    assert pk is not None
    fields = [f for f in model._meta.concrete_fields if not f.generated and f is not pk]
    # Only the automatic dates need Django's preparation; the rest go as Python values, which
    # psycopg adapts itself (str, int, float, date, None).
    automatic = {
        f.attname
        for f in fields
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)
    }
    ids = _ids(model, len(objs))
    rows = []
    for obj, id_ in zip(objs, ids, strict=True):
        setattr(obj, pk.attname, id_)
        rows.append(
            [
                f.pre_save(obj, add=True) if f.attname in automatic else getattr(obj, f.attname)
                for f in fields
            ]
        )
    _copy(model, [pk.attname, *(f.attname for f in fields)], ids, rows)
    for obj in objs:
        obj._state.adding = False
        obj._state.db = connection.alias


def _ids(model: type[models.Model], count: int) -> list[int]:
    pk = model._meta.pk
    assert pk is not None
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _copy(model: type[models.Model], attnames: list[str], ids: list[int], rows: list[list]) -> None:
    columns = {f.attname: f.column for f in model._meta.concrete_fields}
    quoted = ", ".join(connection.ops.quote_name(columns[name]) for name in attnames)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({quoted}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for id_, row in zip(ids, rows, strict=True):
            copy.write_row([id_, *row])
