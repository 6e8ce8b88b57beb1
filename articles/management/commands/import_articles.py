"""`manage.py import_articles PATH...`: store article files and their candidate claims."""

from __future__ import annotations

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from tqdm import tqdm

from articles.importing import import_paths


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is built
        return _(
            "Import UTF-8 article files (or folders of .txt files, with an optional manifest.json "
            "beside them). Idempotent: a text already stored is recognised by its content hash."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help=_("Files or folders to import."))
        parser.add_argument(
            "--reprocess",
            action="store_true",
            help=_("Run extraction again over articles already stored (curated claims are kept)."),
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
        paths: list[Path],
        reprocess: bool,
        progress: str,
        workers: int | None,
        batch_size: int | None,
        **options,
    ) -> None:
        for name, value in (("--workers", workers), ("--batch-size", batch_size)):
            if value is not None and value < 1:
                raise CommandError(_("%(option)s must be at least 1.") % {"option": name})

        def with_progress(items):
            show = progress == "always" or (
                progress == "auto" and len(items) >= 20 and sys.stderr.isatty()
            )
            return tqdm(
                items, desc=_("Importing"), unit=_("file"), disable=not show, file=sys.stderr
            )

        report = import_paths(
            paths,
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
