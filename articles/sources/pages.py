"""Article pages (a saved .html file or a fetched URL) to drafts: trafilatura finds the text.

Only the article is kept: navigation, headers, footers, related links and readers' comments are
left out by trafilatura's main-text extraction, and the title, byline, date, site name and
canonical URL come from the page's own metadata (og:, <link rel=canonical>, JSON-LD, htmldate).
"""

from __future__ import annotations

import datetime as dt
import re
from configparser import ConfigParser

import trafilatura
from django.conf import settings
from django.utils.translation import gettext as _
from trafilatura.settings import Document, use_config

from articles.importing import ArticleDraft
from articles.models import Language
from articles.sources.errors import SourceError

# trafilatura ends each paragraph with one newline; the stored text separates paragraphs with a
# blank line, as the .txt articles do, so both read the same on the article page.
PARAGRAPH_BREAK = re.compile(r"\n+")


class NoArticleText(SourceError):
    """A page with no article in it: a home page, a section front, an empty template."""


def _config() -> ConfigParser:
    """trafilatura's settings with our floor: a page whose main text is shorter than
    ISNAD_MIN_ARTICLE_CHARS (a section front, a menu, a cookie wall) has no article."""
    config = use_config()
    config.set("DEFAULT", "MIN_OUTPUT_SIZE", str(settings.ISNAD_MIN_ARTICLE_CHARS))
    return config


def page_draft(html: str, *, url: str, source_name: str) -> ArticleDraft:
    """The article a page carries. Raises NoArticleText when trafilatura finds none."""
    document = trafilatura.bare_extraction(
        html,
        url=url or None,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        config=_config(),
    )
    text = (document.text or "").strip() if isinstance(document, Document) else ""
    if not isinstance(document, Document) or not text:
        raise NoArticleText(source_name, _("no article text found on the page"))
    body = PARAGRAPH_BREAK.sub("\n\n", text) + "\n"
    language = document.language if document.language in Language.values else None
    return ArticleDraft(
        body=body,
        source_name=source_name[:500],
        title=document.title or "",
        outlet=(document.sitename or "").strip()[:200] or None,
        url=_canonical(document.url, url),
        published_on=_date(document.date),
        language=language,
        author=(document.author or "").strip(),
    )


def _canonical(found: str | None, fetched: str) -> str:
    """The page's canonical URL when it gives an http(s) one, else where it was fetched from."""
    if found and found.startswith(("http://", "https://")):
        return found[:1000]
    return fetched[:1000]


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
