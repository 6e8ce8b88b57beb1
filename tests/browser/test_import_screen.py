"""An editor pastes a URL in the admin and watches it land, in a real browser: the page answers
at once (the work waits for a worker), then htmx polling shows the result without a reload."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.models import Article, ImportItem
from claims.roles import ensure_roles

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_editor_pastes_a_url_and_sees_it_land(
    live_server, page, web_server, settings, django_user_model
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ensure_roles()
    editor = django_user_model.objects.create_user("desk", password="pw-desk", is_staff=True)
    editor.groups.add(Group.objects.get(name="editors"))
    violations = []
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and violations.append(message),
    )
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "desk")
    page.fill("#id_password", "pw-desk")
    page.click("input[type=submit]")
    page.wait_for_load_state()

    page.goto(live_server.url + "/admin/articles/article/")
    page.get_by_role("link", name="Import articles").click()
    page.fill("textarea[name=pasted]", web_server.url("article-1.html"))
    page.get_by_role("button", name="Import").click()

    # Answered at once: the item waits for a worker, and the page says so.
    page.wait_for_url("**/admin/articles/importjob/*/change/")
    expect(page.locator(".import-summary")).to_contain_text("0 of 1 items done")
    expect(page.locator(".import-status")).to_have_text("Waiting")

    # A worker takes the queued task (the browser keeps polling meanwhile).
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)

    # No reload: htmx polls and swaps in the result.
    expect(page.locator(".import-status")).to_have_text("Added", timeout=10_000)
    expect(page.locator(".import-summary")).to_contain_text("1 of 1 items done")
    expect(page.locator(".import-items")).to_contain_text("مرتزقة فاغنر يغادرون جبهة طرابلس")
    page.screenshot(path="test-artifacts/import-screen.png", full_page=True)
    assert ImportItem.objects.get().status == "added"
    assert Article.objects.get().claims.exists()
    assert violations == []
