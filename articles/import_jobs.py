"""Imports in the background: what an editor hands in becomes an ImportJob of items, each run
as a task (articles.tasks) by whichever worker takes it first.

Nothing is lost when a worker dies: an item is claimed by one conditional UPDATE (status and a
lease), each article commits on its own, and `resume_lost_items` (the `resume_imports` command)
enqueues again what was never started, what is due for a retry and what a dead worker held past
its lease. A URL that timed out or answered 5xx is retried with backoff, a bounded number of
times; one that can never work (404, not HTML, broken feed) fails at once with its reason.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.tasks import default_task_backend
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from articles.importing import ImportReport, content_hash
from articles.models import Article, ImportItem, ImportJob, WebResource
from articles.sources import import_sources, import_text, is_url

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)
REASON_MAX = 4000


def split_submission(pasted: str) -> tuple[list[str], str]:
    """(URLs, "") when every non-empty line is an http(s) URL, else ([], the text).

    Raises ValidationError for an empty submission, too many URLs or too long a text.
    """
    lines = [line.strip() for line in pasted.splitlines() if line.strip()]
    if not lines:
        raise ValidationError(_("Paste a URL, a list of URLs (one a line) or an article's text."))
    if all(is_url(line) for line in lines):
        urls = list(dict.fromkeys(lines))
        limit = settings.ISNAD_IMPORT_MAX_ITEMS
        if len(urls) > limit:
            raise ValidationError(
                _("%(count)s URLs: at most %(limit)s at a time.")
                % {"count": len(urls), "limit": limit}
            )
        too_long = [url for url in urls if len(url) > 1000]
        if too_long:
            raise ValidationError(_("A URL is longer than 1000 characters."))
        return urls, ""
    text = pasted.replace("\r\n", "\n").replace("\r", "\n")
    if len(text.encode("utf-8")) > settings.ISNAD_MAX_ARTICLE_BYTES:
        raise ValidationError(
            _("The text is too large (the limit is %(limit)s bytes).")
            % {"limit": settings.ISNAD_MAX_ARTICLE_BYTES}
        )
    return [], text


def submit_import(pasted: str, *, by: User | None = None) -> ImportJob:
    """Record what was pasted as a job and enqueue its items once the job is committed."""
    urls, text = split_submission(pasted)
    with transaction.atomic():
        job = ImportJob.objects.create(created_by=by)
        if urls:
            items = [ImportItem(job=job, position=i, url=url) for i, url in enumerate(urls)]
        else:
            items = [ImportItem(job=job, position=0, text=text)]
        ImportItem.objects.bulk_create(items)
        ids = list(job.items.values_list("pk", flat=True))
        transaction.on_commit(lambda: enqueue(ids))
    return job


def enqueue(item_ids: Iterable[int], *, run_after: dt.datetime | None = None) -> None:
    from articles.tasks import import_item

    task = import_item
    if run_after is not None:
        if not default_task_backend.supports_defer:
            return  # resume_imports starts it when it is due
        task = import_item.using(run_after=run_after)
    for item_id in item_ids:
        task.enqueue(item_id)


def _lease() -> dt.timedelta:
    return dt.timedelta(seconds=settings.ISNAD_IMPORT_LEASE_SECONDS)


def retry_delay(attempts: int) -> dt.timedelta:
    """Backoff after the n-th failed attempt: base, 4 × base, 16 × base…"""
    return dt.timedelta(seconds=settings.ISNAD_IMPORT_RETRY_SECONDS * 4 ** (attempts - 1))


def run_item(item_id: int) -> str:
    """Claim the item, import it, record the outcome. Returns the item's new status."""
    now = timezone.now()
    claimable = ImportItem.objects.claimable(now, _lease()).filter(pk=item_id)
    taken = claimable.filter(attempts__lt=settings.ISNAD_IMPORT_MAX_ATTEMPTS).update(
        status=ImportItem.Status.RUNNING,
        attempts=F("attempts") + 1,
        started_at=now,
        next_attempt_at=None,
    )
    if not taken:
        # A worker died on it as many times as we try: give up, saying so.
        claimable.update(
            status=ImportItem.Status.FAILED,
            reason=_("the import stopped without finishing %(count)s times")
            % {"count": settings.ISNAD_IMPORT_MAX_ATTEMPTS},
            finished_at=now,
        )
        return "skipped"
    item = ImportItem.objects.get(pk=item_id)
    transient = False
    try:
        if item.url:
            report, run = import_sources([item.url])
            transient = bool(run.failed_transiently)
        else:
            name = _("pasted text (import %(id)s)") % {"id": item.job_id}
            report = import_text(item.text, source_name=name)
    except Exception as error:
        # A bug or the database going away: retried like a timeout, never left "running".
        logger.exception("import item %s failed", item_id)
        report = ImportReport()
        report.failed.append((item.url or "", f"{type(error).__name__}: {error}"))
        transient = True
    return _finish(item, report, transient=transient)


def _finish(item: ImportItem, report: ImportReport, *, transient: bool) -> str:
    now = timezone.now()
    Status = ImportItem.Status
    # Articles an earlier attempt added are "unchanged" to this one: count them once.
    added = item.added + report.new
    unchanged = max(0, report.unchanged - item.added)
    retry = transient and item.attempts < settings.ISNAD_IMPORT_MAX_ATTEMPTS
    next_attempt_at = now + retry_delay(item.attempts) if retry else None
    if retry:
        status = Status.RETRY
    elif added:
        status = Status.ADDED
    elif report.failed:
        status = Status.FAILED
    else:
        status = Status.UNCHANGED
    fields = {
        "status": status,
        "added": added,
        "unchanged": unchanged,
        "failed": len(report.failed),
        "claims": item.claims + report.claims,
        "reason": _reason(item, report)[:REASON_MAX],
        "next_attempt_at": next_attempt_at,
        "finished_at": None if retry else now,
        "article": _article_of(item),
    }
    # Only the claim this worker holds: a worker that outlived its lease must not overwrite the
    # result of the one that took the item over.
    ImportItem.objects.filter(pk=item.pk, started_at=item.started_at).update(**fields)
    if next_attempt_at is not None:
        enqueue([item.pk], run_after=next_attempt_at)
    return status


def _reason(item: ImportItem, report: ImportReport) -> str:
    if not report.failed:
        return ""
    if item.url and len(report.failed) == 1 and report.failed[0][0] == item.url:
        return report.failed[0][1]
    lines = [f"{name}: {message}" for name, message in report.failed]
    heading = ngettext("%(count)s failed:", "%(count)s failed:", len(lines)) % {"count": len(lines)}
    return "\n".join([heading, *lines])


def _article_of(item: ImportItem) -> Article | None:
    if item.text:
        return Article.objects.filter(content_hash=content_hash(item.text)).first()
    resource = WebResource.objects.filter(url=item.url).select_related("article").first()
    return resource.article if resource else None


def resume_lost_items(*, now: dt.datetime | None = None, limit: int = 1000) -> int:
    """Enqueue again the items whose task may be gone; returns how many."""
    now = now or timezone.now()
    ids = list(ImportItem.objects.lost(now, _lease()).values_list("pk", flat=True)[:limit])
    enqueue(ids)
    return len(ids)
