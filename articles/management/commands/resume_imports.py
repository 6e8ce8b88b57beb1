"""`manage.py resume_imports`: enqueue again the import items whose task may be lost."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from articles.import_jobs import resume_lost_items


class Command(BaseCommand):
    @property
    def help(self) -> str:
        return _(
            "Enqueue again the background import items that were never started, are due for a "
            "retry, or were held by a worker that stopped (past ISNAD_IMPORT_LEASE_SECONDS). "
            "Safe to run at any time, e.g. every minute from cron: an item is only ever taken "
            "by one worker."
        )

    def handle(self, *args, **options) -> None:
        count = resume_lost_items()
        self.stdout.write(_("%(count)s import items enqueued again.") % {"count": count})
