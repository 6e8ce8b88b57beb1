"""Imports in the background: items claimed once, retried with backoff a bounded number of
times, nothing lost when a worker dies mid-import, and the database queue on PostgreSQL."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from articles.import_jobs import resume_lost_items, run_item, split_submission, submit_import
from articles.models import Article, ImportItem

pytestmark = pytest.mark.django_db

S = ImportItem.Status


def submit(pasted: str, capture, by=None):
    with capture(execute=True):
        job = submit_import(pasted, by=by)
    return job


def time_passes(item: ImportItem) -> None:
    """Move the item's clock past its retry time and its lease, as if a long time went by."""
    long_ago = timezone.now() - dt.timedelta(days=1)
    ImportItem.objects.filter(pk=item.pk).update(next_attempt_at=long_ago, started_at=long_ago)
    item.job.__class__.objects.filter(pk=item.job_id).update(created_at=long_ago)


def statuses(job) -> list[str]:
    return list(job.items.order_by("position").values_list("status", flat=True))


SUBMISSIONS = [
    ("https://a.example/1\n\n https://a.example/2 \nhttps://a.example/1", 2, ""),
    ("قال المتحدث إن 300 شخص غادروا.\nhttps://a.example/1", 0, "قال المتحدث"),
    ("https://a.example/only", 1, ""),
]


@pytest.mark.parametrize(("pasted", "url_count", "text_start"), SUBMISSIONS)
def test_a_paste_is_urls_when_every_line_is_one_else_a_text(pasted, url_count, text_start):
    urls, text = split_submission(pasted)
    assert len(urls) == url_count
    assert text.startswith(text_start)


@pytest.mark.parametrize(
    "pasted", ["", "  \n ", "\n".join(f"https://a.example/{i}" for i in range(101))]
)
def test_empty_or_oversized_pastes_are_refused(pasted):
    with pytest.raises(ValidationError):
        split_submission(pasted)


def test_urls_and_a_feed_land_with_per_item_results(web_server, django_capture_on_commit_callbacks):
    pasted = "\n".join(
        web_server.url(p) for p in ["article-1.html", "missing.html", "feed.xml", "image.png"]
    )
    job = submit(pasted, django_capture_on_commit_callbacks)

    items = list(job.items.order_by("position"))
    assert [i.status for i in items] == [S.ADDED, S.FAILED, S.ADDED, S.FAILED]
    page, missing, feed, image = items
    assert page.article.title == "مرتزقة فاغنر يغادرون جبهة طرابلس"
    assert page.claims > 0 and page.attempts == 1
    assert missing.reason == "the server answered 404 Not Found"
    assert missing.attempts == 1 and missing.next_attempt_at is None  # 404 is not retried
    assert (feed.added, feed.unchanged) == (2, 1)  # article-1 came with the first item
    assert "image/png" in image.reason
    assert Article.objects.count() == 3


def test_pasted_text_becomes_an_article(django_capture_on_commit_callbacks, editor):
    job = submit(
        "قال المتحدث باسم البلدية إن نحو 300 أسرة غادرت المدينة.",
        django_capture_on_commit_callbacks,
        editor,
    )
    item = job.items.get()
    assert item.status == S.ADDED
    assert item.article.body.startswith("قال المتحدث")
    assert item.claims >= 1
    assert job.created_by == editor
    again = submit(item.text, django_capture_on_commit_callbacks).items.get()
    assert again.status == S.UNCHANGED and again.article == item.article


def test_a_timeout_is_retried_with_backoff_then_fails_for_good(
    web_server, settings, django_capture_on_commit_callbacks
):
    settings.ISNAD_IMPORT_MAX_ATTEMPTS = 3
    settings.ISNAD_IMPORT_RETRY_SECONDS = 60
    web_server.slow_seconds = 1.5
    job = submit(web_server.url("slow.html"), django_capture_on_commit_callbacks)
    item = job.items.get()
    assert (item.status, item.attempts) == (S.RETRY, 1)
    assert "no answer within 1 seconds" in item.reason
    first_wait = item.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=50) < first_wait <= dt.timedelta(seconds=60)

    assert run_item(item.pk) == "skipped"  # not due yet: nobody takes it
    assert resume_lost_items() == 0
    time_passes(item)
    assert resume_lost_items() == 1
    item.refresh_from_db()
    assert (item.status, item.attempts) == (S.RETRY, 2)
    second_wait = item.next_attempt_at - timezone.now()
    assert dt.timedelta(seconds=230) < second_wait <= dt.timedelta(seconds=240)

    time_passes(item)
    resume_lost_items()
    item.refresh_from_db()
    assert (item.status, item.attempts) == (S.FAILED, 3)
    assert item.next_attempt_at is None and item.finished_at is not None
    time_passes(item)
    assert resume_lost_items() == 0


class WorkerDied(KeyboardInterrupt):
    """A worker killed mid-import (SIGINT): nothing after it runs, the task backend included."""


def die_on_farmers(article, created):
    if "المزارعين" in article.title:
        raise WorkerDied
    return 0


def test_a_worker_dying_mid_job_loses_nothing(
    web_server, settings, django_capture_on_commit_callbacks
):
    settings.ISNAD_ARTICLE_IMPORTED_HOOKS = ["tests.articles.test_import_jobs.die_on_farmers"]
    pasted = "\n".join(web_server.url(f"article-{n}.html") for n in (1, 3, 2))
    with pytest.raises(WorkerDied), django_capture_on_commit_callbacks(execute=True):
        job = submit_import(pasted)
    job = ImportItem.objects.get(url=web_server.url("article-1.html")).job
    assert statuses(job) == [S.ADDED, S.RUNNING, S.PENDING]
    assert Article.objects.count() == 1  # what committed stays; the dying article rolled back

    # Another worker, after the lease: the held item and the one never started are resumed.
    settings.ISNAD_ARTICLE_IMPORTED_HOOKS = []
    assert resume_lost_items() == 0  # the held item is within its lease, the other is new
    for item in job.items.exclude(status=S.ADDED):
        time_passes(item)
    assert resume_lost_items() == 2
    assert statuses(job) == [S.ADDED, S.ADDED, S.ADDED]
    assert list(job.items.order_by("position").values_list("attempts", flat=True)) == [1, 2, 1]
    assert Article.objects.count() == 3


def test_an_item_is_taken_by_one_worker_only(web_server, django_capture_on_commit_callbacks):
    job = submit(web_server.url("article-1.html"), django_capture_on_commit_callbacks)
    item = job.items.get()
    assert run_item(item.pk) == "skipped"
    item.refresh_from_db()
    assert item.attempts == 1


@pytest.mark.django_db(transaction=True)
def test_on_the_database_queue_a_worker_runs_the_items(web_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    job = submit_import(web_server.url("article-2.html"))
    assert statuses(job) == [S.PENDING]  # answered at once: the work waits for a worker
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    assert statuses(job) == [S.ADDED]
    assert job.items.get().article.title == "بلدية بني وليد تستقبل النازحين"


def test_the_command_hands_urls_to_the_workers(web_server, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    out = StringIO()
    call_command(
        "import_articles",
        "--background",
        web_server.url("feed.xml"),
        web_server.url("x"),
        stdout=out,
    )
    job = ImportItem.objects.get(url=web_server.url("feed.xml")).job
    assert f"Import {job.pk}: 2 URLs handed to the background workers." in out.getvalue()
    assert web_server.hits == []  # nothing fetched in the foreground
    with pytest.raises(CommandError, match="URLs only"):
        call_command("import_articles", "--background", "seeds/")
