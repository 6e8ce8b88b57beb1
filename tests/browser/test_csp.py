"""The Content-Security-Policy in a real browser: pages and htmx work with nothing blocked."""

from __future__ import annotations

import re

import pytest

# Waits through locators: a wait_for_function string is eval, which the CSP refuses.
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def violations(page) -> list[str]:
    """CSP violations the browser reports, from the page's console."""
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text
            or "Content-Security-Policy" in message.text
            else None
        ),
    )
    return found


def test_public_pages_and_the_admin_break_no_rule_of_the_policy(
    live_server, page, wagner, violations, admin_user
):
    measure, claim = wagner["measure"], wagner["claims"][0]
    for path in [
        "/",
        f"/measures/{measure.pk}/",
        "/matrix/",
        f"/articles/{claim.article_id}/",
        f"/claims/{claim.pk}/",
    ]:
        page.goto(live_server.url + path)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "password")
    page.click("input[type=submit]")
    page.wait_for_url(re.compile(r"/admin/$"))
    for path in ["/admin/claims/claim/", f"/admin/claims/claim/{claim.pk}/change/"]:
        page.goto(live_server.url + path)
    assert violations == []


def test_filters_still_swap_results_under_the_policy_and_type_ahead_does_not(
    live_server, page, wagner, violations
):
    page.goto(live_server.url + "/claims/")
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    # Typing in a type-ahead box fetches suggestions only, never the results.
    page.locator("input[name=speaker_search]").fill("فتحي")
    page.locator("#speaker-suggestions label").first.wait_for()
    page.locator("input[name=speaker_search]").blur()
    page.wait_for_timeout(300)
    assert not [url for url in requests if "/claims/?" in url or url.endswith("/claims/")]
    page.locator("#facet-status input[value=verified]").check()
    page.wait_for_url(re.compile(r"status=verified"))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert violations == []
