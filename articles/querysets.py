"""How outlets and articles are selected: one definition shared by views, admin and exports."""

from __future__ import annotations

from django.db import models


class OutletQuerySet(models.QuerySet):
    def with_article_count(self) -> OutletQuerySet:
        return self.annotate(article_count=models.Count("articles"))


class ArticleQuerySet(models.QuerySet):
    def with_outlet(self) -> ArticleQuerySet:
        return self.select_related("outlet")

    def listing(self) -> ArticleQuerySet:
        """Articles for lists: the outlet joined, the large body left in the database."""
        return self.with_outlet().defer("body")


FINISHED_STATUSES = ("added", "unchanged", "failed")


class ImportJobQuerySet(models.QuerySet):
    def with_progress(self) -> ImportJobQuerySet:
        """Each job with its items counted: how many, how many finished, and the articles they
        added, found unchanged and failed on (one query for any number of jobs)."""
        finished = models.Q(items__status__in=FINISHED_STATUSES)
        return self.annotate(
            item_count=models.Count("items"),
            finished_count=models.Count("items", filter=finished),
            added_count=models.Sum("items__added", default=0),
            unchanged_count=models.Sum("items__unchanged", default=0),
            failed_count=models.Sum("items__failed", default=0),
        )


class ImportItemQuerySet(models.QuerySet):
    def claimable(self, now, lease) -> ImportItemQuerySet:
        """Items a worker may start now: waiting, due for a retry, or running on a worker that
        has held them longer than the lease (it crashed or was killed)."""
        return self.filter(
            models.Q(status="pending")
            | models.Q(status="retry", next_attempt_at__lte=now)
            | models.Q(status="running", started_at__lt=now - lease)
        )

    def lost(self, now, lease) -> ImportItemQuerySet:
        """Claimable items whose task may be gone: waiting longer than the lease, due for a
        retry, or abandoned by a crashed worker. `resume_imports` enqueues them again."""
        return self.claimable(now, lease).exclude(
            status="pending", job__created_at__gte=now - lease
        )
