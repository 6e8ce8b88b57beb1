"""A new editor's first session in a real browser: walk the queue, act in bulk, merge, history."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from articles.importing import import_paths
from claims.models import Claim, Speaker, SpeakerMerge, Status
from claims.roles import ensure_roles

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    # The roles come from a data migration: restore them after each flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
CURATION = Path(__file__).resolve().parents[2] / "seeds" / "curation.json"


def log_in(page, live_server, username: str, password: str) -> None:
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("input[type=submit]")
    page.wait_for_load_state()


def role_group(role: str) -> Group:
    """The role's group as the migrations make it (recreated after a flush by ensure_roles)."""
    ensure_roles()
    return Group.objects.get(name=role)


def make_user(django_user_model, name: str, role: str):
    user = django_user_model.objects.create_user(name, password="pw-" + name, is_staff=True)
    user.groups.add(role_group(role))
    return user


def test_a_new_editors_first_session(live_server, page, seed_dir, django_user_model):
    import_paths([seed_dir])
    call_command("load_curation", str(CURATION))
    editor = make_user(django_user_model, "newcomer", "editors")
    queue = list(Claim.objects.filter(status=Status.EXTRACTED).order_by("-pk"))
    assert len(queue) >= 2, "the seeds should leave a few claims for the queue"
    log_in(page, live_server, "newcomer", "pw-newcomer")

    # Walk the extracted queue from the list, deciding each claim and moving on.
    page.goto(live_server.url + "/admin/claims/claim/?status__exact=extracted")
    page.click("#result_list tbody tr:first-child th a")
    expect(page.locator(".claim-context mark")).to_have_count(1)
    page.select_option("#id_status", "rejected")
    page.locator("input[name=_savenext]").last.click()
    page.wait_for_url(f"**/admin/claims/claim/{queue[1].pk}/change/**")
    page.select_option("#id_status", "verified")
    page.locator("input[name=_savenext]").last.click()
    page.wait_for_load_state()
    expect(page.locator(".messagelist")).to_contain_text("Saved")
    assert Claim.objects.get(pk=queue[0].pk).status == Status.REJECTED
    assert Claim.objects.get(pk=queue[1].pk).reviewed_by == editor

    # Merge two speakers from the list.
    keep = Speaker.objects.create(name="أحمد المسماري")
    Speaker.objects.create(name="المسماري")
    page.goto(live_server.url + "/admin/claims/speaker/?q=المسماري")
    page.check("#action-toggle")
    page.select_option("select[name=action]", "merge_selected")
    page.click("button[name=index]")
    page.check(f"input[name=keep][value='{keep.pk}']")
    page.click("input[name=apply]")
    expect(page.locator(".messagelist")).to_contain_text("Merged")
    assert SpeakerMerge.objects.get(kept=keep).merged_by == editor

    # Every change is in the claim's history, with who.
    page.goto(live_server.url + f"/admin/claims/claim/{queue[1].pk}/history/")
    expect(page.locator("#change-history")).to_contain_text("newcomer")


def test_a_viewer_can_look_but_not_touch(live_server, page, seed_dir, django_user_model):
    import_paths([seed_dir], hooks=[])
    call_command("load_curation", str(CURATION))
    make_user(django_user_model, "checker", "viewers")
    log_in(page, live_server, "checker", "pw-checker")
    page.goto(live_server.url + "/admin/claims/claim/")
    expect(page.locator("#result_list")).to_be_visible()
    expect(page.locator("select[name=action]")).to_have_count(0)
    page.click("#result_list tbody tr:first-child th a")
    expect(page.locator(".claim-context mark")).to_have_count(1)
    expect(page.locator("input[type=submit]")).to_have_count(0)
