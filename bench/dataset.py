"""The benchmark's dataset: its database, the generated rows in it, and the values picked from
them (largest outlet, top speaker, search terms...) that the cases filter on."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import dj_database_url
import psycopg
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db.models import Count
from tqdm import tqdm

from articles.models import Article, Outlet
from bench.datagen.loading import generate
from claims.models import Claim, Measure, Speaker


def ensure_database() -> None:
    """Create the PostgreSQL database named by DATABASE_URL when it doesn't exist yet."""
    settings = dj_database_url.parse(os.environ["DATABASE_URL"])
    if "postgresql" not in settings["ENGINE"]:
        return
    params = {
        "host": settings["HOST"] or "127.0.0.1",
        "port": settings["PORT"] or 5432,
        "user": settings["USER"] or "postgres",
        "password": settings["PASSWORD"] or None,
    }
    try:
        with psycopg.connect(dbname=settings["NAME"], connect_timeout=5, **params):
            return
    except psycopg.OperationalError as error:
        if "does not exist" not in str(error):
            raise SystemExit(
                f"PostgreSQL is not reachable at {params['host']}:{params['port']} ({error}).\n"
                "Start it, or set DATABASE_URL to a database the harness may fill."
            ) from error
    with psycopg.connect(dbname="postgres", autocommit=True, **params) as conn:
        conn.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    print(f"created database {settings['NAME']}")


def ensure_data(
    *, articles: int, claims_per_article: int, seed: int, force_reset: bool = False
) -> dict:
    """Migrate, then generate the requested size unless the database already holds exactly it.

    Returns {"generated": False} for a reused database, else how long generating took.
    """
    call_command("migrate", verbosity=0, interactive=False)
    have = (Article.objects.count(), Claim.objects.count())
    if have == (articles, articles * claims_per_article):
        print(f"database holds {have[0]:,} articles and {have[1]:,} claims: reusing them")
        return {"generated": False}
    _refuse_foreign_articles(force_reset)
    print(
        f"generating {articles:,} articles × {claims_per_article} claims "
        f"(database had {have[0]:,} / {have[1]:,})"
    )
    report = _generate_with_progress(articles, claims_per_article, seed)
    print(f"generated {report.summary}")
    return {
        "generated": True,
        "seconds": report.seconds,
        "claims_per_s": report.claims / report.seconds,
    }


def _refuse_foreign_articles(force_reset: bool) -> None:
    """Stop before emptying a database that holds articles the generator did not write."""
    foreign = Article.objects.exclude(source_name__startswith="generated-").count()
    if foreign and not force_reset:
        raise SystemExit(
            f"{os.environ['DATABASE_URL']} holds {foreign} articles the generator did not write: "
            "the harness empties the database before generating, so it stops here. Point "
            "BENCH_DATABASE_URL at a benchmark database, or pass --force-reset."
        )


def _generate_with_progress(articles: int, claims_per_article: int, seed: int):
    bars: list = []

    def progress(total: int):
        bars.append(tqdm(total=total, unit="claim", unit_scale=True, file=sys.stderr))
        return bars[0].update

    try:
        return generate(
            articles=articles,
            claims_per_article=claims_per_article,
            seed=seed,
            reset=True,
            progress=progress,
        )
    finally:
        for bar in bars:
            bar.close()


def bench_user():
    """The superuser the admin pages are timed as."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(
        username="bench-admin", defaults={"is_staff": True, "is_superuser": True}
    )
    if not user.is_superuser:
        user.is_staff = user.is_superuser = True
        user.save()
    return user


@dataclass
class Picks:
    """Filter values drawn from the data: the largest outlet, speaker, measure and so on."""

    outlet: Outlet
    outlet2: Outlet
    speaker: Speaker
    measure: Measure
    article: Article
    rare_ar: str
    common_ar: str
    common_ar_diacritised: str
    rare_en: str
    common_en: str
    deep_id: int
    total: int
    export_filter: dict
    export_rows: int


def pick_values() -> Picks:
    """The values the cases filter on, drawn from the data (the same data, the same picks)."""
    top_outlets = list(Claim.objects.values("outlet").annotate(n=Count("id")).order_by("-n")[:6])
    total = Claim.objects.count()
    ids = Claim.objects.order_by("-id").values_list("id", flat=True)
    rare_ar, rare_en = _rare_names()
    export_filter, export_rows = _export_filter()
    return Picks(
        outlet=Outlet.objects.get(pk=top_outlets[0]["outlet"]),
        outlet2=Outlet.objects.get(pk=top_outlets[min(5, len(top_outlets) - 1)]["outlet"]),
        speaker=Speaker.objects.get(pk=_most_claimed("speaker")),
        measure=Measure.objects.get(pk=_most_claimed("measure")),
        article=Article.objects.filter(language="ar").order_by("id").first(),
        rare_ar=rare_ar,
        common_ar="طرابلس",
        common_ar_diacritised="طَرَابُلُس",
        rare_en=rare_en,
        common_en="Tripoli",
        deep_id=ids[min(500_000, max(0, total - 60))] if total else 0,
        total=total,
        export_filter=export_filter,
        export_rows=export_rows,
    )


def _most_claimed(field: str) -> int:
    """The id of the speaker (or measure) with the most claims."""
    top = (
        Claim.objects.exclude(**{field: None})
        .values(field)
        .annotate(n=Count("id"))
        .order_by("-n")
        .first()
    )
    return top[field]


def _rare_names() -> tuple[str, str]:
    """A rare search: the full name of the least-quoted person, in Arabic and as transliterated."""
    rare_speaker = (
        Speaker.objects.filter(kind="person")
        .annotate(n=Count("claims"))
        .filter(n__gte=1)
        .order_by("n", "id")
        .first()
    )
    rare_ar = rare_speaker.name if rare_speaker else "سالم عليوان"
    aliases = rare_speaker.aliases.values_list("name", flat=True) if rare_speaker else []
    rare_en = next(
        (alias for alias in aliases if alias.isascii() and " " in alias), "Salem Alaywan"
    )
    return rare_ar, rare_en


def _export_filter() -> tuple[dict, int]:
    """The export case wants about 10k rows: the outlet and status whose claims come nearest."""
    groups = Claim.objects.values("outlet", "status").annotate(n=Count("id"))
    nearest = min(groups, key=lambda g: abs(g["n"] - 10_000))
    return {"outlet": nearest["outlet"], "status": nearest["status"]}, nearest["n"]
