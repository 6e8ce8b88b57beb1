"""`manage.py suggest_measures [--format json]`: compute missing measure suggestions, then print
the current groups (open proposed measures, curated measures with suggested claims)."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from claims import display
from claims.grouping.service import SuggestedGroup, current_groups, suggest_missing


def group_json(group: SuggestedGroup) -> dict:
    """One group as the issue specifies: label, score, and each claim's figure and provenance."""
    return {
        "label": group.label,
        "score": group.score,
        "claims": [
            {
                "id": claim.pk,
                "article": claim.article.title,
                "value": claim.value,
                "lower": claim.lower,
                "upper": claim.upper,
                "quote": claim.quote,
                "speaker": display.speaker_label(claim),
                "outlet": display.outlet_label(claim),
            }
            for claim in group.claims
        ],
    }


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is built
        return _(
            "Compute measure suggestions for claims that have none yet, then print the groups: "
            "proposed measures and curated measures with suggested claims, best score first. "
            "Writes only suggestions: no claim, measure or editor's decision is changed."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--format", choices=["text", "json"], default="text")

    def handle(self, *args, format: str, **options) -> None:
        written = suggest_missing()
        groups = current_groups()
        if format == "json":
            self.stdout.write(json.dumps([group_json(g) for g in groups], ensure_ascii=False))
            return
        self.stderr.write(
            _("%(written)s new suggestion(s); %(groups)s group(s).")
            % {"written": written, "groups": len(groups)}
        )
        for group in groups:
            kind = _("measure") if group.measure else _("proposed")
            self.stdout.write(
                "\n"
                + _("[%(kind)s] %(label)s  (score %(score)s)")
                % {"kind": kind, "label": group.label, "score": f"{group.score:g}"}
            )
            for claim in group.claims:
                self.stdout.write(
                    f"  #{claim.pk} {display.figure_text(claim)} — {display.speaker_label(claim)}"
                    f" / {display.outlet_label(claim)}: «{claim.quote}»"
                )
