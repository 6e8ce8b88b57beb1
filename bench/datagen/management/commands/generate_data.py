"""`manage.py generate_data` (bench settings only): synthetic articles and claims for benchmarks."""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from bench.datagen.loading import generate


class Command(BaseCommand):
    help = (
        "Generate reproducible synthetic outlets, speakers, measures, articles and claims from a "
        "seed (COPY on PostgreSQL, bulk_create on SQLite). No history records are written."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=1000, help="Articles to generate.")
        parser.add_argument(
            "--claims-per-article", type=int, default=10, help="Claims in each article."
        )
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same rows.")
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Empty the articles and claims tables first (users and groups are kept).",
        )
        parser.add_argument(
            "--chunk", type=int, default=2000, help="Articles written per COPY / transaction."
        )
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options) -> None:
        articles, per_article = options["articles"], options["claims_per_article"]
        if articles < 0 or per_article < 0 or options["chunk"] < 1:
            raise CommandError("--articles and --claims-per-article must be ≥ 0, --chunk ≥ 1.")
        bar: list[tqdm] = []

        def progress(total: int):
            bar.append(
                tqdm(
                    total=total,
                    desc="Generating claims",
                    unit="claim",
                    unit_scale=True,
                    file=sys.stderr,
                    disable=options["no_progress"],
                )
            )
            return bar[0].update

        try:
            report = generate(
                articles=articles,
                claims_per_article=per_article,
                seed=options["seed"],
                reset=options["reset"],
                chunk=options["chunk"],
                progress=progress,
            )
        finally:
            for b in bar:
                b.close()
        self.stdout.write(self.style.SUCCESS(f"Generated {report.summary}."))
