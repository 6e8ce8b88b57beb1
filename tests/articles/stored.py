"""What an import stored, as plain data that two imports can be compared by: every article,
claim (offsets, figures, speaker, relay chain, headline link, search documents), speaker, alias,
outlet and history row, keyed by names and offsets instead of ids (which differ between runs)."""

from __future__ import annotations

from articles.models import Article, Outlet, OutletAlias
from claims.models import Claim, ClaimRelay, Speaker, SpeakerAlias

HISTORY_SKIPPED = {"history_id", "history_date", "id", "created_at", "imported_at", "updated_at"}


def stored_state() -> dict[str, object]:
    speakers = {s.pk: s for s in Speaker.objects.all()}
    outlets = {o.pk: o for o in Outlet.objects.all()}
    articles = {a.pk: a for a in Article.objects.all()}
    claims = {c.pk: c for c in Claim.objects.all()}

    def speaker_key(pk: int | None) -> object:
        return None if pk is None else (speakers[pk].name, speakers[pk].kind)

    def outlet_key(pk: int | None) -> object:
        return None if pk is None else outlets[pk].name

    def article_key(pk: int | None) -> object:
        return None if pk is None else articles[pk].content_hash

    def claim_key(pk: int | None) -> object:
        return None if pk is None else (article_key(claims[pk].article_id), claims[pk].start)

    relays: dict[int, list[tuple[int, str]]] = {}
    for relay in ClaimRelay.objects.order_by("claim_id", "position"):
        relays.setdefault(relay.claim_id, []).append((relay.position, outlet_key(relay.outlet_id)))
    keys = {
        "article_id": article_key,
        "outlet_id": outlet_key,
        "speaker_id": speaker_key,
        "repeats_id": claim_key,
        "merged_into_id": speaker_key,
    }

    def row(instance, skipped=("id", "created_at", "imported_at", "updated_at")) -> tuple:
        values = []
        for field in instance._meta.concrete_fields:
            if field.attname in skipped:
                continue
            value = getattr(instance, field.attname)
            values.append(
                (field.attname, keys[field.attname](value) if field.attname in keys else value)
            )
        return tuple(values)

    history = {}
    for model in (Article, Outlet, Speaker, SpeakerAlias, Claim, ClaimRelay):
        rows = []
        for record in model.history.all():
            values = []
            for field in record._meta.concrete_fields:
                name = field.attname
                if name in HISTORY_SKIPPED or name == "history_user_id":
                    continue
                value = getattr(record, name)
                if name == "repeats_id":  # the claim it named may be gone: whether there was one
                    value = value is not None
                elif name in keys:
                    value = keys[name](value)
                elif name == "claim_id":
                    value = claim_key(value)
                values.append((name, value))
            rows.append(tuple(values))
        history[model.__name__] = sorted(rows, key=repr)

    return {
        "articles": sorted((row(a) for a in articles.values()), key=repr),
        "claims": sorted(
            ((*row(c), ("relays", relays.get(pk, []))) for pk, c in claims.items()), key=repr
        ),
        "speakers": sorted((row(s) for s in speakers.values()), key=repr),
        "speaker_aliases": sorted(
            (speaker_key(a.speaker_id), a.name, a.normalized) for a in SpeakerAlias.objects.all()
        ),
        "outlets": sorted((row(o) for o in outlets.values()), key=repr),
        "outlet_aliases": sorted(
            (outlet_key(a.outlet_id), a.name) for a in OutletAlias.objects.all()
        ),
        "history": history,
    }
