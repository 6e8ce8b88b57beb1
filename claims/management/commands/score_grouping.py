"""`manage.py score_grouping FOLDER [--labels FILE]`: pairwise precision and recall of the measure
suggestions on a labelled set; everything it imports and computes is rolled back."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from claims.grouping.quality import score_set


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is built
        return _(
            "Import a labelled folder (articles, manifest.json, questions.json), compute measure "
            "suggestions and print pairwise precision and recall against the labels. Run it on an "
            "empty database: stored claims would take part in the groups. Nothing is kept."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("folder", type=Path)
        parser.add_argument(
            "--labels",
            type=Path,
            default=None,
            help=_("questions.json or a curation file."),
        )
        parser.add_argument(
            "--verbose-pairs", action="store_true", help=_("List wrong and missed.")
        )

    def handle(self, *args, folder: Path, labels: Path | None, verbose_pairs: bool, **options):
        score = score_set(folder, labels)
        self.stdout.write(f"{folder}: {score.summary()}")
        if verbose_pairs:
            for line in score.wrong:
                self.stdout.write(f"  wrong: {line}")
            for line in score.missed:
                self.stdout.write(f"  missed: {line}")
