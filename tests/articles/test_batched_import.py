"""The batched import (articles.importing, claims.ingest.store_candidate_batch): it stores
exactly what importing one article per transaction stores, with one or two worker processes;
a broken article fails alone; a second run changes nothing; queries per batch do not grow with
its articles."""

from __future__ import annotations

import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.importing import ArticleDraft, import_drafts, import_paths
from articles.models import Article, Outlet, OutletAlias
from bench.datagen.composition import compose_articles
from bench.datagen.vocabulary import Vocabulary
from claims.extraction import candidates_for_import
from claims.ingest import store_candidate_batch, store_candidate_claims
from claims.models import Claim, ClaimRelay, Speaker, SpeakerAlias, Status
from tests.articles.stored import stored_state
from tests.conftest import SEEDS, TEST_DATA

pytestmark = pytest.mark.django_db


def generated_folder(folder: Path, *, seed: int, count: int, first: int = 5_000_000) -> Path:
    """Generated articles (speakers, relays, qualifiers, headlines) as files with a manifest
    that lists their outlets, as a newsroom's manifest would."""
    folder.mkdir()
    vocabulary = Vocabulary.build(seed)
    manifest: dict = {"outlets": [], "articles": {}}
    used = set()
    for i, article in enumerate(compose_articles(seed, count, 10, first_number=first)):
        name = f"{i:04d}.txt"
        (folder / name).write_text(article.body, encoding="utf-8")
        outlet = vocabulary.outlets[article.outlet][0] if article.outlet is not None else None
        used.add(outlet)
        manifest["articles"][name] = {
            "outlet": outlet,
            "language": article.language,
            "published_on": article.published_on.isoformat() if article.published_on else None,
        }
    manifest["outlets"] = [{"name": name} for name in sorted(used - {None})]
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    return folder


@pytest.fixture
def corpus(tmp_path) -> list[Path]:
    """The seeds, blind set A (text the rules' authors had not seen) and generated articles."""
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copytree(TEST_DATA / "blind" / "setA", tmp_path / "setA")
    (tmp_path / "setA" / "expected_claims.json").unlink()
    return [
        tmp_path / "seeds",
        tmp_path / "setA",
        generated_folder(tmp_path / "gen", seed=7, count=60),
    ]


def wipe() -> None:
    """Empty what an import writes (rows and history), so that the next starts afresh."""
    for model in (ClaimRelay, Claim, SpeakerAlias, Speaker, Article, OutletAlias, Outlet):
        model.objects.all().delete()
        if hasattr(model, "history"):
            model.history.all().delete()


@pytest.mark.parametrize(
    "batched",
    [{"batch_size": 9}, {"batch_size": 500}, {"batch_size": 9, "workers": 2}],
    ids=["batches of 9", "one batch", "two workers"],
)
def test_batched_import_stores_what_one_article_at_a_time_stores(corpus, batched):
    one_by_one = import_paths(corpus, batch_size=1, workers=1)
    expected = stored_state()
    assert one_by_one.failed == [] and one_by_one.claims > 500
    wipe()
    report = import_paths(corpus, **batched)
    assert (report.new, report.unchanged, report.claims, report.failed) == (
        one_by_one.new,
        one_by_one.unchanged,
        one_by_one.claims,
        [],
    )
    assert stored_state() == expected


def test_every_quote_is_the_body_at_its_offsets(corpus):
    import_paths(corpus, batch_size=25)
    for claim in Claim.objects.select_related("article"):
        assert claim.article.body[claim.start : claim.end] == claim.quote


def test_second_run_changes_nothing(corpus):
    first = import_paths(corpus, batch_size=20)
    before = stored_state()
    again = import_paths(corpus, batch_size=20, workers=2)
    assert (again.new, again.unchanged, again.claims, again.failed) == (0, first.new, 0, [])
    assert stored_state() == before


def test_reprocess_in_batches_keeps_what_an_editor_touched(corpus, editor):
    import_paths(corpus, batch_size=20)
    claim = Claim.objects.filter(article__source_name="000_32b06a709c4701b2.txt").first()
    claim.status, claim.value, claim.reviewed_by = Status.VERIFIED, 12345, editor
    claim.save()
    claims = Claim.objects.count()
    before = stored_state()
    report = import_paths(corpus, batch_size=20, reprocess=True)
    claim.refresh_from_db()
    assert (claim.value, claim.status) == (12345, Status.VERIFIED)
    assert Claim.objects.count() == claims and report.failed == []
    assert stored_state() == before  # the extractor found the same: nothing rewritten


# One broken article fails alone ---------------------------------------------------------------


class FailsOn:
    """The claims hook, failing in its batch step when a batch holds a marked article, or in
    its preparation (extraction) for another mark."""

    prepare = staticmethod(candidates_for_import)

    def __init__(self, mark: str) -> None:
        self.mark = mark

    def __call__(self, article: Article, created: bool) -> int:
        return store_candidate_claims(article, created)

    def store_batch(self, batch) -> list[int]:
        counts = store_candidate_batch([(article, found) for article, _, found in batch])
        if any(self.mark in article.body for article, _, _ in batch):
            raise RuntimeError("the store failed")
        return counts


def drafts(count: int, *, seed: int = 3) -> list[ArticleDraft]:
    return [
        ArticleDraft(body=a.body, source_name=f"draft-{i}", language=a.language)
        for i, a in enumerate(compose_articles(seed, count, 6, first_number=9_000_000))
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_broken_article_fails_alone_and_its_neighbours_land(workers):
    batch = drafts(6)
    batch[3].body += "\nBROKEN"
    report = import_drafts(batch, hooks=[FailsOn("BROKEN")], batch_size=4, workers=workers)
    assert report.failed == [("draft-3", "import failed (RuntimeError: the store failed)")]
    assert (report.new, report.unchanged) == (5, 0)
    assert not Article.objects.filter(source_name="draft-3").exists()
    # Its neighbours in the failed batch were stored again, each with its claims.
    for article in Article.objects.all():
        expected = candidates_for_import(article.body, article.language)
        assert sorted(article.claims.values_list("start", flat=True)) == [c.start for c in expected]


def crash_on_mark(body: str, language: str) -> list:
    if "CRASH" in body:
        raise ValueError("the extractor crashed")
    return candidates_for_import(body, language)


class CrashesInPrepare(FailsOn):
    prepare = staticmethod(crash_on_mark)


@pytest.mark.parametrize("workers", [1, 2])
def test_an_article_whose_extraction_crashes_fails_alone(workers):
    batch = drafts(5)
    batch[1].body += "\nCRASH"
    report = import_drafts(batch, hooks=[CrashesInPrepare("never")], batch_size=5, workers=workers)
    assert report.failed == [("draft-1", "import failed (ValueError: the extractor crashed)")]
    assert report.new == 4 and Claim.objects.count() > 0


def test_the_same_text_twice_in_one_batch_is_stored_once():
    (draft,) = drafts(1)
    copy = ArticleDraft(body=draft.body, source_name="copy")
    report = import_drafts([draft, copy], batch_size=10)
    assert (report.new, report.unchanged, report.failed) == (1, 1, [])
    assert Article.objects.get().source_name == "draft-0"


# Queries per batch -----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [5, 40])
def test_queries_per_batch_do_not_grow_with_its_articles(count, django_assert_max_num_queries):
    batch = drafts(count, seed=11)
    assert len({d.body for d in batch}) == count
    # About 30 to store the batch, about 30 more for its claims' measure suggestions
    # (claims.ingest.claims_stored): neither grows with the batch.
    with django_assert_max_num_queries(60):
        report = import_drafts(batch, batch_size=count)
    assert report.new == count and report.claims >= 4 * count


def test_queries_hardly_change_from_a_batch_of_5_to_one_of_40():
    counts = []
    for count, seed in ((5, 12), (40, 13)):
        with CaptureQueriesContext(connection) as queries:
            import_drafts(drafts(count, seed=seed), batch_size=count)
        counts.append(len(queries))
    # Storing takes the same queries for both; the measure suggestions that follow add a few
    # only when they have something to update or delete (proposals, inbox rows), never a query
    # per article: 8 times the articles, well under 1.5 times the queries.
    assert counts[1] < 1.5 * counts[0]


# The command ----------------------------------------------------------------------------------


def test_command_takes_workers_and_batch_size(tmp_path):
    folder = generated_folder(tmp_path / "gen", seed=5, count=12)
    out = StringIO()
    call_command("import_articles", str(folder), "--workers", "2", "--batch-size", "5", stdout=out)
    assert "12 new, 0 unchanged, 0 failed" in out.getvalue()
    assert Claim.objects.filter(article__isnull=False).count() > 50


def test_command_refuses_zero_workers(tmp_path):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--workers must be at least 1"):
        call_command("import_articles", str(tmp_path), "--workers", "0")
