"""`manage.py import_articles SOURCE...`: store articles from files, the web, feeds and datasets,
with their candidate claims."""

from __future__ import annotations

import sys

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from articles.import_jobs import submit_import
from articles.sources import import_sources, is_url
from articles.sources.datasets import FIELDS, parse_field_mapping


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is built
        return _(
            "Import articles from UTF-8 text files (or folders of .txt files, with an optional "
            "manifest.json beside them), saved .html pages, http(s) URLs of article pages or "
            "RSS/Atom feeds, feed files (.xml, .rss, .atom) and datasets (.jsonl, .csv). "
            "Idempotent: a text already stored is recognised by its content hash, a page by its "
            "canonical URL, and a feed is fetched conditionally."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "sources", nargs="+", metavar="SOURCE", help=_("Files, folders or URLs to import.")
        )
        parser.add_argument(
            "--field",
            action="append",
            default=[],
            metavar="FIELD=COLUMN",
            help=_(
                "For .jsonl and .csv datasets: the column holding a field, e.g. "
                "--field title=headline --field body=text. Fields: %(fields)s."
            )
            % {"fields": ", ".join(FIELDS)},
        )
        parser.add_argument(
            "--reprocess",
            action="store_true",
            help=_("Run extraction again over articles already stored (curated claims are kept)."),
        )
        parser.add_argument(
            "--background",
            action="store_true",
            help=_(
                "Hand URLs to the background workers as one import (shown in the admin) and "
                "return at once. Only URLs: a worker may run on another machine."
            ),
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=None,
            help=_(
                "Processes extracting claims (default: the ISNAD_IMPORT_WORKERS setting, 1); "
                "up to one per core."
            ),
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help=_(
                "Articles stored per transaction (default: the ISNAD_IMPORT_BATCH_SIZE setting). "
                "A batch that fails is stored again one article at a time."
            ),
        )
        parser.add_argument(
            "--progress",
            choices=["auto", "always", "never"],
            default="auto",
            help=_("Progress bar: 'auto' shows it on a terminal for runs of 20 files or more."),
        )

    def handle(
        self,
        *args,
        sources: list[str],
        field: list[str],
        reprocess: bool,
        background: bool,
        progress: str,
        workers: int | None,
        batch_size: int | None,
        **options,
    ) -> None:
        for name, value in (("--workers", workers), ("--batch-size", batch_size)):
            if value is not None and value < 1:
                raise CommandError(_("%(option)s must be at least 1.") % {"option": name})
        if background:
            self._enqueue(sources)
            return
        try:
            fields = parse_field_mapping(field)
        except ValueError as error:
            raise CommandError(_("Bad --field %(error)s") % {"error": error}) from error

        def with_progress(items):
            total = len(items) if hasattr(items, "__len__") else None
            show = progress == "always" or (
                progress == "auto" and (total is None or total >= 20) and sys.stderr.isatty()
            )
            return tqdm(
                items, desc=_("Importing"), unit=_("article"), disable=not show, file=sys.stderr
            )

        report, _run = import_sources(
            sources,
            fields=fields,
            reprocess=reprocess,
            progress=with_progress,
            batch_size=batch_size,
            workers=workers,
        )
        for name, reason in report.failed:
            self.stderr.write(
                self.style.WARNING(
                    _("skipped %(name)s: %(reason)s") % {"name": name, "reason": reason}
                )
            )
        if report.new == 0 and report.unchanged and not report.failed:
            self.stdout.write(_("Nothing new: every article was already imported."))
        summary = _(
            "%(new)s new, %(unchanged)s unchanged, %(failed)s failed, "
            "%(claims)s candidate claims stored"
        ) % {
            "new": report.new,
            "unchanged": report.unchanged,
            "failed": len(report.failed),
            "claims": report.claims,
        }
        self.stdout.write(
            self.style.SUCCESS(_("Import finished: %(summary)s.") % {"summary": summary})
        )
        if report.failed and report.new == 0 and report.unchanged == 0:
            raise CommandError(_("No article could be imported."))

    def _enqueue(self, sources: list[str]) -> None:
        not_urls = [source for source in sources if not is_url(source)]
        if not_urls:
            raise CommandError(
                _("--background takes URLs only, not %(sources)s")
                % {"sources": ", ".join(not_urls)}
            )
        try:
            job = submit_import("\n".join(sources))
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        self.stdout.write(
            _("Import %(id)s: %(count)s URLs handed to the background workers.")
            % {"id": job.pk, "count": job.items.count()}
        )
