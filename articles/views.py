"""Public pages of the articles app."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Article


def home(request: HttpRequest) -> HttpResponse:
    articles = Article.objects.listing()[:200]
    return render(request, "articles/home.html", {"articles": articles})
