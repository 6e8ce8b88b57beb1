"""A fact-checker's path through Isnad in a real browser: filter, go back, compare, read."""

from __future__ import annotations

import re

import pytest

# Waits through locators: a wait_for_function string is eval, which the CSP refuses.
expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def rows(page) -> list[str]:
    return page.locator("#results tbody tr td.figure").all_inner_texts()


def test_a_filter_swaps_the_results_and_the_url_and_back_restores_them(
    live_server, page, wagner, screenshot
):
    page.goto(live_server.url + "/")
    assert sorted(rows(page)) == ["1,000", "1,400", "about 1,600"]
    page.evaluate("window.isnadMarker = 'still the same page'")

    page.locator("#facet-status input[value=verified]").check()
    page.wait_for_url(re.compile(r"status=verified"))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert rows(page) == ["about 1,600"]
    assert page.evaluate("window.isnadMarker") == "still the same page"  # no full reload
    assert page.url.endswith("/claims/?status=verified")  # empty and default fields left out
    screenshot("claims-filtered")

    page.go_back()
    page.wait_for_url(re.compile(r"/(\?[^s]*)?$"))
    expect(page.locator("#results tbody tr")).to_have_count(3)
    assert sorted(rows(page)) == ["1,000", "1,400", "about 1,600"]
    assert not page.locator("#facet-status input[value=verified]").is_checked()

    page.go_forward()
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert page.locator("#facet-status input[value=verified]").is_checked()


def test_loading_a_filter_url_directly_renders_the_same_page(live_server, page, wagner):
    page.goto(live_server.url + "/claims/?status=disputed")
    assert rows(page) == ["1,000"]
    assert page.locator("#facet-status input[value=disputed]").is_checked()


def test_type_ahead_picks_an_outlet(live_server, page, wagner, screenshot):
    bloomberg = wagner["outlets"][0]
    page.goto(live_server.url + "/claims/")
    page.locator("input[name=outlet_search]").fill("bloom")
    suggestion = page.locator("#outlet-suggestions label", has_text="Bloomberg")
    suggestion.wait_for()
    screenshot("claims-type-ahead")
    suggestion.click()
    page.wait_for_url(re.compile(rf"outlet={bloomberg.pk}"))
    expect(page.locator("#results tbody tr")).to_have_count(1)
    assert rows(page) == ["1,400"]
    assert "outlet_search" not in page.url
    # The choice shows beside the box, with a way back to every outlet.
    assert page.locator("#outlet-chosen input:checked").get_attribute("value") == str(bloomberg.pk)
    assert page.locator("#outlet-suggestions label").count() == 0
    page.locator("#outlet-chosen label", has_text="any outlet").click()
    expect(page.locator("#results tbody tr")).to_have_count(3)
    assert "outlet=" not in page.url


def test_bad_filter_shows_a_message(live_server, page, wagner):
    page.goto(live_server.url + "/claims/?value_min=abc&outlet=999999")
    alert = page.locator("[role=alert]")
    assert "Enter a number" in alert.inner_text()
    assert "There is no outlet with id 999999" in alert.inner_text()


def test_narrow_to_wagner_compare_open_matrix_and_article(live_server, page, wagner, screenshot):
    page.goto(live_server.url + "/")
    screenshot("claims")
    # Arabic search: the three figures answer a measure named Wagner, which فاغنر transliterates.
    page.locator("#id_q").fill("فاغنر")
    page.wait_for_url(re.compile(r"q=%D9%81"))
    expect(page.locator("#results tbody tr")).to_have_count(3)
    page.locator("#id_q").fill("")
    # The cleared search's results swap the suggestion lists empty: type once they are in.
    page.wait_for_url(re.compile(r"/claims/$"))
    page.locator("input[name=measure_search]").fill("wagner")
    page.locator("#measure-suggestions label", has_text="Wagner fighters").click()
    page.wait_for_url(re.compile(rf"measure={wagner['measure'].pk}"))
    expect(page.locator("#results tbody tr")).to_have_count(3)
    screenshot("claims-wagner")

    page.locator("#results a.compare").click()  # "Compare the figures for …"
    page.wait_for_url(re.compile(r"/measures/\d+/$"))
    text = page.locator("main").inner_text()
    for figure in ("about 1,600", "1,000", "1,400"):
        assert figure in text
    assert "مسؤولون غربيون → Bloomberg → الجزيرة نت" in text
    assert page.locator("svg.range-chart.wide circle.point").count() == 2
    assert page.locator("svg.range-chart.wide rect.bar").count() == 1
    assert page.locator("svg.range-chart.narrow").is_hidden()  # the phones' drawing
    screenshot("measure")

    page.get_by_role("link", name="Who said what").click()
    page.wait_for_url(re.compile(r"/matrix/$"))
    cell = page.locator("a.cell:not(.relayed)", has_text="about 1,600")
    assert cell.count() == 1
    screenshot("matrix")
    cell.click()
    page.wait_for_url(re.compile(r"/claims/\?outlet=\d+&measure=\d+"))
    assert rows(page) == ["about 1,600"]

    page.locator("#results tbody tr td a[lang=ar]").first.click()
    page.wait_for_url(re.compile(r"/articles/\d+/"))
    mark = page.locator("article mark.claim-mark")
    assert mark.count() == 1 and mark.inner_text() == "نحو 1600"
    assert "about 1,600" in mark.locator("a").get_attribute("title")
    assert page.locator("article .body").get_attribute("dir") == "rtl"
    screenshot("article")


def test_other_pages_render(live_server, page, wagner, screenshot):
    for name, path in [
        ("measures", "/measures/"),
        ("articles", "/articles/"),
        ("speaker", f"/speakers/{wagner['claims'][1].speaker_id}/"),
        ("outlet", f"/outlets/{wagner['outlets'][0].pk}/"),
        ("claim", f"/claims/{wagner['claims'][0].pk}/"),
    ]:
        response = page.goto(live_server.url + path)
        assert response.status == 200, path
        screenshot(name)
