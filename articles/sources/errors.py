"""What a source that cannot be read says: the source by name and what is wrong with it."""

from __future__ import annotations


class SourceError(Exception):
    """A file, page, feed or dataset row that cannot become an article. Never worth a retry
    (compare articles.sources.http.FetchError, whose `transient` ones are)."""

    transient = False

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message
