"""The admin's import screen: paste, answer at once, follow the items as they finish (htmx)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from articles.import_jobs import submit_import
from articles.models import Article, ImportItem, ImportJob

pytestmark = pytest.mark.django_db

ADD = reverse("admin:articles_importjob_add")
LIST = reverse("admin:articles_importjob_changelist")


def progress_url(job: ImportJob) -> str:
    return reverse("admin:articles_importjob_change", args=[job.pk])


def test_an_editor_pastes_a_url_and_sees_it_land(
    editor_client, web_server, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_max_num_queries(12):
        page = editor_client.get(ADD)
    assert page.status_code == 200
    assert b'name="pasted"' in page.content

    with django_capture_on_commit_callbacks(execute=True):
        answer = editor_client.post(ADD, {"pasted": web_server.url("article-1.html")})
    job = ImportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == progress_url(job)

    with django_assert_max_num_queries(12):
        page = editor_client.get(progress_url(job))
    text = page.content.decode()
    assert "Added" in text
    assert "مرتزقة فاغنر يغادرون جبهة طرابلس" in text
    assert "1 of 1 items done" in text
    assert 'hx-trigger="every 2s"' not in text  # finished: no more polling
    article = Article.objects.get()
    assert reverse("admin:articles_article_change", args=[article.pk]) in text


def test_while_items_wait_the_page_polls_and_htmx_gets_only_the_progress(
    editor_client, editor, settings, django_assert_max_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    job = submit_import("https://news.example/a\nhttps://news.example/b", by=editor)

    page = editor_client.get(progress_url(job))
    assert 'hx-trigger="every 2s"' in page.content.decode()
    assert "0 of 2 items done" in page.content.decode()

    ImportItem.objects.filter(job=job, position=0).update(status="added", added=1)
    with django_assert_max_num_queries(8):
        partial = editor_client.get(progress_url(job), headers={"HX-Request": "true"})
    body = partial.content.decode()
    assert body.lstrip().startswith('<div id="import-progress"')
    assert "<html" not in body
    assert "1 of 2 items done" in body and 'hx-trigger="every 2s"' in body


def test_a_failed_item_shows_its_reason(
    editor_client, web_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(ADD, {"pasted": web_server.url("missing.html")})
    page = editor_client.get(progress_url(ImportJob.objects.get()))
    text = page.content.decode()
    assert "Failed" in text and "the server answered 404 Not Found" in text


@pytest.mark.parametrize(
    ("pasted", "error"),
    [
        ("   ", "This field is required."),
        ("\n".join(f"https://a.example/{i}" for i in range(101)), "at most 100 at a time"),
    ],
)
def test_bad_pastes_are_refused_in_the_form(editor_client, pasted, error):
    page = editor_client.post(ADD, {"pasted": pasted})
    assert page.status_code == 200
    assert error in page.content.decode()
    assert not ImportJob.objects.exists()


def test_viewers_follow_imports_but_cannot_start_one(viewer_client, editor):
    job = submit_import("نص مقال فيه 300 شخص.", by=editor)
    assert viewer_client.get(ADD).status_code == 403
    assert viewer_client.get(progress_url(job)).status_code == 200
    assert viewer_client.get(LIST).status_code == 200


def test_anonymous_users_are_sent_to_log_in(client):
    assert client.get(ADD).status_code == 302


def test_the_list_of_imports_counts_in_bounded_queries(
    editor_client, editor, settings, django_assert_max_num_queries
):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    for n in range(15):
        submit_import(f"https://news.example/{n}\nhttps://news.example/x{n}", by=editor)
    with django_assert_max_num_queries(10):
        page = editor_client.get(LIST)
    assert page.status_code == 200
    assert "0 of 2" in page.content.decode()


def test_the_import_pages_have_no_inline_script(editor_client, editor):
    job = submit_import("نص مقال فيه 300 شخص.", by=editor)
    for url in (ADD, progress_url(job)):
        html = editor_client.get(url).content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), url
        assert "htmx" in html


def test_the_articles_list_links_to_the_import_screen(editor_client):
    assert ADD in editor_client.get(reverse("admin:articles_article_changelist")).content.decode()
