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
