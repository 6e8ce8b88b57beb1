"""`manage.py load_curation FILE`: apply editors' curation (seeds/curation.json) to articles."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from articles.importing import ensure_outlets, find_outlet
from articles.models import Article
from articles.normalization import normalize_for_matching
from claims import curation
from claims.ingest import find_speaker, get_or_create_speaker
from claims.models import (
    Claim,
    ClaimRelay,
    CurationLoad,
    ExtractionMethod,
    Measure,
    Speaker,
    SpeakerAlias,
    SpeakerKind,
    SpeakerLink,
)

SEED_USER = "seed-curation"


def seed_user():
    """The account the seed curation is recorded under: it cannot log in."""
    user, created = get_user_model().objects.get_or_create(
        username=SEED_USER, defaults={"is_active": False, "first_name": "Seed curation"}
    )
    if created:
        user.set_unusable_password()
        user.save()
    return user


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is built
        return _(
            "Apply editors' curation (outlets, speakers and aliases, disputed-name links, "
            "measures, claim decisions) to imported articles, once per file content: a file "
            "already applied changes nothing, and anything an editor has changed since is left "
            "alone."
        )

    def add_arguments(self, parser) -> None:
        parser.add_argument("path", type=Path, help="A curation JSON file (seeds/curation.json).")

    def handle(self, *args, path: Path, **options) -> None:
        try:
            raw = path.read_bytes()
            doc = json.loads(raw.decode("utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(
                _("cannot read %(path)s: %(error)s") % {"path": path, "error": error}
            ) from error
        if not isinstance(doc, dict):
            raise CommandError(_("%(path)s: expected a JSON object") % {"path": path})
        digest = hashlib.sha256(raw).hexdigest()
        applied = CurationLoad.objects.filter(sha256=digest).first()
        if applied is not None:
            # Applied before: doing it again could only undo what editors changed since.
            self.stdout.write(
                _("Curation %(name)s already applied on %(when)s: nothing changed.")
                % {"name": path.name, "when": f"{applied.applied_at:%Y-%m-%d %H:%M} UTC"}
            )
            return
        try:
            with transaction.atomic():
                report = apply_curation(doc, by=seed_user())
                CurationLoad.objects.create(name=path.name, sha256=digest, counts=report["counts"])
        except (KeyError, TypeError, ValueError) as error:
            raise CommandError(
                _("%(path)s: malformed entry (%(error)r)") % {"path": path, "error": error}
            ) from error
        for warning in report.pop("warnings"):
            self.stderr.write(self.style.WARNING(warning))
        summary = ", ".join(f"{count} {what}" for what, count in sorted(report["counts"].items()))
        self.stdout.write(
            self.style.SUCCESS(
                _("Curation loaded: %(summary)s.") % {"summary": summary or _("nothing to do")}
            )
        )


def apply_curation(doc: dict[str, Any], *, by) -> dict[str, Any]:
    """Apply a curation document in one transaction; returns counts and warnings."""
    counts: Counter[str] = Counter()
    warnings: list[str] = []
    with transaction.atomic():
        ensure_outlets(doc.get("outlets", []))
        for name, meta in doc.get("articles", {}).items():
            article = _article(name)
            outlet = find_outlet(meta["outlet"]) if meta.get("outlet") else None
            if article and outlet and article.outlet_id is None:
                article.outlet = outlet
                article._history_user = by
                article.save()
                counts["articles attributed"] += 1
        speakers = {s["name"]: _seed_speaker(s, by=by, counts=counts) for s in doc["speakers"]}
        for link in doc.get("speaker_links", []):
            a, b = speakers[link["a"]], speakers[link["b"]]
            low, high = sorted((a, b), key=lambda s: s.pk)
            if not SpeakerLink.objects.filter(first_speaker=low, second_speaker=high).exists():
                curation.link_disputed_name(
                    a, b, by=by, note=link.get("note", ""), relation=link["relation"]
                )
                counts["speaker links"] += 1
        measures = {m["name"]: _seed_measure(m, by=by, counts=counts) for m in doc["measures"]}
        for entry in doc["claims"]:
            outcome = _seed_claim(entry, speakers=speakers, measures=measures, by=by)
            if outcome.startswith("!"):
                warnings.append(outcome[1:])
                counts["claims skipped"] += 1
            else:
                counts[outcome] += 1
    return {"counts": dict(counts), "warnings": warnings}


def _article(name: str) -> Article | None:
    return Article.objects.filter(source_name__endswith=name).order_by("pk").first()


def _seed_speaker(entry: dict[str, Any], *, by, counts: Counter) -> Speaker:
    """The seed speaker, found by name or alias; duplicates the extractor made are merged in."""
    names = [entry["name"], *entry.get("aliases", [])]
    found: dict[int, Speaker] = {}
    for name in names:
        speaker = find_speaker(name) or Speaker.objects.filter(name=name).first()
        while speaker is not None and speaker.merged_into_id is not None:
            speaker = speaker.merged_into
        if speaker is not None:
            found.setdefault(speaker.pk, speaker)
    matches = sorted(found.values(), key=lambda s: (s.name != entry["name"], s.pk))
    if not matches:
        keep = Speaker(name=entry["name"])
        counts["speakers created"] += 1
    else:
        keep = matches[0]
    wanted = {"name": entry["name"], "kind": entry.get("kind", keep.kind), "role": entry["role"]}
    if keep.pk and _edited_by_someone_else(keep, by):
        wanted = {}  # an editor renamed or re-described this speaker: theirs stands
    if not keep.pk or any(getattr(keep, f) != v for f, v in wanted.items()):
        for field, value in wanted.items():
            setattr(keep, field, value)
        keep._history_user = by
        keep.save()
    for other in matches[1:]:
        curation.merge_speakers(keep, other, by=by)
        counts["speakers merged"] += 1
    known = set(keep.aliases.values_list("name", flat=True))
    for name in names:
        if name not in known:
            alias = SpeakerAlias(speaker=keep, name=name)
            alias._history_user = by
            # Two spellings may share one matching key: the first is enough.
            if not keep.aliases.filter(normalized=normalize_for_matching(name)).exists():
                alias.save()
    return keep


def _seed_measure(entry: dict[str, Any], *, by, counts: Counter) -> Measure:
    measure = Measure.objects.filter(name=entry["name"]).first()
    if measure is None:
        measure = Measure(name=entry["name"])
        counts["measures created"] += 1
    fields = ("name_ar", "name_en", "unit", "period", "description")
    blank = [f for f in fields if not getattr(measure, f)]
    if not measure.pk or any(entry.get(f) for f in blank):
        for field in blank:
            setattr(measure, field, entry.get(field, ""))
        measure._history_user = by
        measure.save()
    return measure


def _seed_claim(entry: dict[str, Any], *, speakers, measures, by) -> str:
    """Curate one claim; returns what happened, or a warning prefixed with "!"."""
    name, anchor, quote = entry["article"], entry["anchor"], entry["quote"]
    article = _article(name)
    if article is None:
        return f"!{name}: article not imported; claim “{quote}” skipped"
    at = article.body.find(anchor)
    if at < 0 or quote not in anchor:
        return f"!{name}: anchor “{anchor}” not in the article; skipped"
    start = at + anchor.index(quote)
    end = start + len(quote)
    claim = _claim_over(article, start, end, entry.get("value"))
    if claim is None:
        if entry.get("create", True) is False:
            return "claims not extracted, nothing to decide"
        claim = Claim(
            article=article,
            quote=quote,
            start=start,
            end=end,
            extraction_method=ExtractionMethod.MANUAL,
        )
        claim.refresh_context()
        outcome = "claims created (missed by the extractor)"
    elif _edited_by_someone_else(claim, by) or claim.reviewed_by_id not in (None, by.pk):
        return "claims left alone (changed by an editor)"
    else:
        outcome = "claims curated"
    wanted: dict[str, Any] = {f: entry.get(f) for f in ("value", "lower", "upper")}
    wanted["qualifier"] = entry["qualifier"]
    wanted["unit"], wanted["counted"] = entry.get("unit", ""), entry.get("counted", "")
    if entry.get("speaker"):
        wanted["speaker"] = speakers[entry["speaker"]]
    else:
        # No one quoted: the narrator's figure, the article's own outlet (as the extractor does).
        outlet = article.outlet
        wanted["speaker"] = (
            get_or_create_speaker(outlet.name, kind=SpeakerKind.OUTLET) if outlet else None
        )
        wanted["speaker_text"] = ""
    wanted["measure"] = measures[entry["measure"]] if entry.get("measure") else None
    wanted["status"] = entry["status"]
    wanted["note"] = entry.get("note", "")
    if entry.get("speaker") and not claim.speaker_text:
        wanted["speaker_text"] = wanted["speaker"].name
    changed = claim.pk is None or any(getattr(claim, f) != v for f, v in wanted.items())
    if changed:
        for field, value in wanted.items():
            setattr(claim, field, value)
        claim.reviewed_by = by
        claim.reviewed_at = timezone.now()
        if claim.pk:
            claim.version += 1
        claim._history_user = by
        claim._change_reason = "seed curation"
        claim.save()
    elif outcome == "claims curated":
        outcome = "claims unchanged"
    _set_relays(claim, entry.get("relay", []), by=by)
    return outcome


def _edited_by_someone_else(obj: Claim | Speaker, by) -> bool:
    """Whether a person other than the seed curation has changed this row (its history says).

    Machine writes (import, extraction) have no user; any other user is an editor whose change
    the seed curation must not undo.
    """
    return obj.history.exclude(history_user__isnull=True).exclude(history_user=by).exists()


def _claim_over(article: Article, start: int, end: int, value) -> Claim | None:
    """The claim over [start, end): the same span, else the same number, else the most overlap."""
    overlapping = list(Claim.objects.filter(article=article, start__lt=end, end__gt=start))

    def rank(claim: Claim) -> tuple:
        overlap = min(end, claim.end) - max(start, claim.start)
        return ((claim.start, claim.end) == (start, end), claim.value == value, overlap)

    return max(overlapping, key=rank, default=None)


def _set_relays(claim: Claim, names: list[str], *, by) -> None:
    outlets = [find_outlet(n) for n in names]
    outlets = list(dict.fromkeys(o for o in outlets if o is not None))
    current = list(claim.relays.order_by("position").values_list("outlet_id", flat=True))
    if current == [o.pk for o in outlets]:
        return
    claim.relays.all().delete()
    bulk_create_with_history(
        [ClaimRelay(claim=claim, outlet=o, position=i) for i, o in enumerate(outlets, 1)],
        ClaimRelay,
        default_user=by,
        default_change_reason="seed curation",
    )
    Claim.objects.filter(pk=claim.pk).refresh_search_names()  # bulk_create sends no signal
