"""The background tasks of `articles` (django.tasks): one import item per task."""

from __future__ import annotations

from django.tasks import task


@task
def import_item(item_id: int) -> str:
    """Import one item of an ImportJob; safe to run twice (the second finds it taken)."""
    from articles.import_jobs import run_item

    return run_item(item_id)
