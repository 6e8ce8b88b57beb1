"""Public pages of the articles app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Article

ARTICLE_LIST_SIZE = 200


def article_list(request: HttpRequest) -> HttpResponse:
    """The latest imported articles (each article's page, with its claims, is in claims.views)."""
    articles = Article.objects.listing()[:ARTICLE_LIST_SIZE]
    return render(request, "articles/article_list.html", {"articles": articles})
