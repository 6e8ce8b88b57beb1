"""Every public page on a 390 px phone: nothing wider than the screen (wide tables scroll inside
their own box), the content first, text at a readable size."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def public_pages() -> list[tuple[str, str]]:
    from articles.models import Article, Outlet
    from claims.models import Claim, Measure, Speaker

    claim = Claim.objects.filter(measure__name__startswith="Wagner fighters").first()
    return [
        ("claims", "/"),
        ("claims-filtered", f"/claims/?measure={claim.measure_id}&sort=-date"),
        ("claim", f"/claims/{claim.pk}/"),
        ("measures", "/measures/"),
        ("measure", f"/measures/{claim.measure_id}/"),
        ("matrix", "/matrix/"),
        ("articles", "/articles/"),
        ("article", f"/articles/{Article.objects.order_by('pk')[1].pk}/"),
        ("speaker", f"/speakers/{Speaker.objects.filter(claims__isnull=False).first().pk}/"),
        ("outlet", f"/outlets/{Outlet.objects.get(name='بلومبرغ').pk}/"),
        ("measure-other", f"/measures/{Measure.objects.order_by('pk').last().pk}/"),
    ]


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_every_public_page_fits_a_phone(live_server, open_page, seeded_site, locale):
    page = open_page(PHONE, locale=locale)
    for name, path in public_pages():
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{path} is {overflow}px wider than the phone"
        heading = page.locator("main h1").first
        assert heading.is_visible() and heading.bounding_box()["y"] < PHONE["height"] / 2, path
        # Body text no smaller than 12 px anywhere visible.
        smallest = page.evaluate(
            """() => Math.min(...Array.from(document.querySelectorAll(TEXT))
                 .filter(e => e.offsetParent !== null)
                 .map(e => parseFloat(getComputedStyle(e).fontSize)))""".replace(
                "TEXT", repr("main p, main td, main li, main dd, main label, main a")
            )
        )
        assert smallest >= 12, (path, smallest)
        save_screenshot(page, f"phone-{locale}-{name}")


def test_the_claims_page_shows_results_before_the_folded_filters(
    live_server, open_page, seeded_site
):
    page = open_page(PHONE)
    page.goto(live_server.url + "/claims/")
    summary = page.locator("details.fold > summary")
    assert summary.is_visible() and not page.locator("#id_q").is_visible()
    first_result = page.locator("#results tbody tr").first.bounding_box()
    assert first_result["y"] < 400  # results on the first screen, under a one-line "Filters"
    # Each result is a card whose cells say what they are.
    labels = (
        page.locator("#results tbody tr")
        .first.locator("td")
        .evaluate_all("cells => cells.map(c => getComputedStyle(c, '::before').content)")
    )
    assert '"Figure: "' in labels and '"Status: "' in labels
    summary.click()
    assert page.locator("#id_q").is_visible()
