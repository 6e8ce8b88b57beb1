"""RSS and Atom feeds: the entries' links, read with feedparser from bytes already fetched."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax import SAXException

import feedparser
from django.utils.translation import gettext as _

from articles.sources.errors import SourceError


class BrokenFeed(SourceError):
    """A feed whose XML does not parse: no entry of it is imported, none half-read."""


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str = ""
    published_on: dt.date | None = None


def feed_entries(raw: bytes, *, source_name: str, content_type: str = "") -> list[FeedEntry]:
    """The entries of a feed, in its order, each with the link to its article page.

    Raises BrokenFeed when the XML is not well formed (feedparser's lenient fall-back would read
    some entries of it and silently drop the rest) or when it is not a feed at all.
    """
    headers = {"content-type": content_type} if content_type else {}
    # Bytes, never a str: feedparser.parse fetches a string that looks like a URL by itself.
    parsed = feedparser.parse(raw, response_headers=headers, sanitize_html=False)
    problem = parsed.get("bozo_exception")
    if parsed.get("bozo") and isinstance(problem, SAXException):
        raise BrokenFeed(
            source_name, _("the feed's XML is broken (%(error)s)") % {"error": problem}
        )
    if not parsed.get("version"):
        raise BrokenFeed(source_name, _("not an RSS or Atom feed"))
    entries = []
    for entry in parsed.entries:
        link = entry.get("link") or ""
        if not link.startswith(("http://", "https://")):
            continue
        published = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(
            FeedEntry(
                link=link,
                title=entry.get("title", ""),
                published_on=dt.date(*published[:3]) if published else None,
            )
        )
    return entries
