"""WCAG 2.2 AA as axe-core checks it: every public page and the review screen, in Arabic and in
English, in the light and the dark colour scheme: no serious or critical violation.

axe-core comes from the npm registry, vendored in tests/browser/vendor/axe-core (see its
README); it is injected by the test, never loaded by the site. The full results (every
violation of any impact, per page) go to test-artifacts/axe-<language>-<scheme>.json.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import ARTIFACTS, DESKTOP, PHONE
from tests.browser.test_phones import public_pages

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING = {"serious", "critical"}


def run_axe(page) -> list[dict]:
    """axe's violations on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:10],
            "summary": v["nodes"][0]["failureSummary"] if v["nodes"] else "",
        }
        for v in result["violations"]
    ]


def _report(name: str, results: dict) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"axe-{name}.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8"
    )


def _blocking(results: dict) -> dict:
    return {
        page: [f"{v['impact']} {v['id']}: {v['help']} {v['nodes']}" for v in found]
        for page, found in results.items()
        if any(v["impact"] in BLOCKING for v in found)
    }


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("locale", ["ar", "en-GB"])
def test_public_pages_pass_axe(live_server, open_page, seeded_site, locale, scheme):
    results: dict[str, list] = {}
    for viewport, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page = open_page(size, locale=locale, color_scheme=scheme)
        for _name, path in public_pages():
            page.goto(live_server.url + path)
            results[f"{viewport} {path}"] = run_axe(page)
        # The results region after an htmx swap, and the open type-ahead.
        page.goto(live_server.url + "/claims/")
        if viewport == "phone":
            page.locator("details.fold > summary").click()
        page.locator("#facet-status input[value=verified]").check()
        page.wait_for_url(re.compile(r"status=verified"))
        page.locator("input[name=outlet_search]").fill("ا")
        page.locator("#outlet-suggestions label").first.wait_for()
        results[f"{viewport} /claims/ after a filter and a type-ahead"] = run_axe(page)
    name = f"{locale[:2]}-{scheme}"
    _report(name, results)
    counts = sum(len(found) for found in results.values())
    print(f"axe {name}: {len(results)} page states, {counts} violations of any impact")
    assert _blocking(results) == {}


@pytest.mark.parametrize("locale", ["ar", "en-GB"])
def test_the_review_screen_passes_axe(
    live_server, open_page, seeded_site, django_user_model, locale
):
    from django.contrib.auth.models import Group

    from claims.models import Claim
    from claims.roles import ensure_roles

    ensure_roles()
    user = django_user_model.objects.create_user("axe-editor", password="pw-axe", is_staff=True)
    user.groups.add(Group.objects.get(name="editors"))
    claim = Claim.objects.filter(status="extracted").order_by("-pk").first()
    page = open_page(DESKTOP, locale=locale)
    page.goto(live_server.url + "/admin/login/")
    page.fill("#id_username", "axe-editor")
    page.fill("#id_password", "pw-axe")
    page.click("input[type=submit]")
    page.wait_for_load_state()
    page.goto(
        f"{live_server.url}/admin/claims/claim/{claim.pk}/change/"
        "?_changelist_filters=status__exact%3Dextracted"
    )
    assert page.locator(".queue-position").is_visible()
    results = {f"review screen ({locale})": run_axe(page)}
    _report(f"review-{locale[:2]}", results)
    assert _blocking(results) == {}
