"""What every benchmark step is given: the run's configuration, the picked values, the clients,
and the report's sections it adds its results to."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.dataset import Picks
from bench.timing import HEADERS, Result, Timer

# The report's sections, in the order they are first filled (and printed).
PAGES = "Pages"
QUERIES = "Queries under the pages (SQL only, in-process)"
RATIOS = "Ratios (their time / our time; higher is better for us)"
WRITES = "Import, extraction, write path"


@dataclass
class Config:
    articles: int
    claims_per_article: int
    seed: int
    quick: bool
    runs: int
    warmup: int
    http_requests: int
    http_sequential: int
    http_concurrency: int
    workers: int
    import_articles: int
    write_rows: int
    save_rows: int
    skip_http: bool
    skip_datasette: bool
    output: Path | None
    force_reset: bool


@dataclass
class Section:
    """One `## title` of the report: a table of results (or of its own rows), then notes."""

    title: str
    results: list[Result] = field(default_factory=list)
    headers: list[str] = field(default_factory=lambda: list(HEADERS))
    rows: list[list[str]] | None = None  # a table of another shape (the ratios) instead
    notes: list[str] = field(default_factory=list)

    def table(self) -> list[list[str]]:
        return self.rows if self.rows is not None else [r.cells() for r in self.results]


@dataclass
class Run:
    """One benchmark run, handed to each step in turn."""

    config: Config
    picks: Picks
    timer: Timer  # in-process requests, anonymous or as the bench superuser
    cookie: str  # the superuser's session cookie, for admin pages over HTTP
    generation: dict  # how the data was made (dataset.ensure_data)
    http: str = "not run"  # how pages were served over HTTP, for the report's header
    sections: dict[str, Section] = field(default_factory=dict)

    def section(self, title: str) -> Section:
        """The section called `title`, created (after the others) on first use."""
        return self.sections.setdefault(title, Section(title))

    def add(self, title: str, *results: Result) -> None:
        self.section(title).results.extend(results)

    def results(self, title: str) -> list[Result]:
        return self.sections[title].results if title in self.sections else []

    def find(self, case: str) -> Result | None:
        """The result of a case, whichever section holds it."""
        return next((r for s in self.sections.values() for r in s.results if r.case == case), None)


# A benchmark step: times something and adds its results to the run's sections.
Step = Callable[[Run], None]
