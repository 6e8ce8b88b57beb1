"""`manage.py extract_claims FILE`: print the candidate claims of one text file; no database."""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.importing import BadArticleFile, read_article_text
from articles.language import detect_language
from claims.extraction import extract_claims


class Command(BaseCommand):
    help = (
        "Print the numeric claims found in one UTF-8 text file, one JSON object per line with "
        "the keys value, lower, upper, qualifier, unit, counted, quote, start, end, speaker. "
        "start/end are character offsets into the file's text. Touches no database."
    )
    # Extraction is pure text processing: no checks that would open a database connection.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path, help="A UTF-8 text file.")
        parser.add_argument(
            "--format",
            choices=["jsonl", "json"],
            default="jsonl",
            help="jsonl: one object per line (default); json: one array.",
        )

    def handle(self, *args, file: Path, format: str, **options) -> None:
        try:
            text = read_article_text(file)
        except BadArticleFile as error:
            raise CommandError(f"{file}: {error}") from error
        rows = [c.as_json() for c in extract_claims(text, language=detect_language(text))]
        if format == "json":
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        for row in rows:
            self.stdout.write(json.dumps(row, ensure_ascii=False))
