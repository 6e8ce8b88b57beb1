"""Both directions in the browser, and the keyboard: Arabic mirrors the layout, the switch keeps
the filters, type-ahead and sorting work without a mouse, result changes are announced."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_arabic_is_right_to_left_and_the_switch_keeps_the_filters(
    live_server, open_page, seeded_site
):
    page = open_page(locale="ar")
    page.goto(live_server.url + "/claims/?status=verified")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("h1").inner_text() == "الادعاءات"
    # Mirrored: the filters on the right of the results, the brand at the right end.
    filters = page.locator("#filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] > results["x"]
    assert re.search("[٠-٩]", page.locator("#results .summary").inner_text())  # Arabic-Indic
    save_screenshot(page, "arabic-claims")

    # A filter changed by htmx, then the switch: English, same filters, left to right.
    page.locator("#facet-qualifier input[value=approx]").check()
    page.wait_for_url(re.compile(r"qualifier=approx"))
    page.locator(".language-switch button[lang=en]").click()
    page.wait_for_url(re.compile(r"status=verified.*qualifier=approx|qualifier=approx.*status"))
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Claims"
    assert page.locator("#facet-status input[value=verified]").is_checked()
    assert page.locator("#facet-qualifier input[value=approx]").is_checked()
    filters = page.locator("#filters").bounding_box()
    results = page.locator("#results").bounding_box()
    assert filters["x"] < results["x"]

    page.locator(".language-switch button[lang=ar]").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert "qualifier=approx" in page.url


@pytest.mark.parametrize("locale", ["en-GB", "ar"])
def test_type_ahead_and_sorting_by_keyboard_with_changes_announced(
    live_server, open_page, seeded_site, locale
):
    from articles.models import Outlet

    bloomberg = Outlet.objects.get(name="بلومبرغ")
    page = open_page(locale=locale)
    page.goto(live_server.url + "/claims/")
    status = page.locator("#results-status")
    before = status.inner_text()

    box = page.locator("input[name=relay_search]")
    box.focus()
    page.keyboard.type("بلوم")
    page.locator("#relay-suggestions .suggestion").first.wait_for()
    page.keyboard.press("ArrowDown")  # into the suggestions, nothing chosen yet
    assert "relay=" not in page.url
    focused = page.evaluate("document.activeElement.value")
    assert focused == str(bloomberg.pk)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"relay={bloomberg.pk}"))
    page.wait_for_function(
        "text => document.getElementById('results-status').innerText !== text", arg=before
    )
    assert status.get_attribute("role") == "status"  # read out by screen readers

    # Sorting from the column header by keyboard, its state exposed to assistive technology.
    header = page.locator("#results th a", has_text=re.compile("Figure|الرقم"))
    header.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"sort=-value"))
    assert page.locator("#results th[aria-sort]").get_attribute("aria-sort") == "descending"
    focus_ring = page.evaluate(
        "() => { const a = document.querySelector('#results th a'); a.focus();"
        " return getComputedStyle(a).outlineStyle; }"
    )
    assert focus_ring != "none"
