"""Issue 14's "done when": the Wagner question walked on a phone and on a desktop, on the seeds
as `make run` leaves them. For each figure the walk finds its outlet, its relay chain, its quote
highlighted in its article, and its status."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, PHONE, save_screenshot

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WAGNER = "Wagner fighters who left the Tripoli front, May 2020"
# What the seed texts and the editors' curation say of each figure.
FIGURES = {
    "more than 1,000 people": {
        "outlet": "outlet not stated",
        "chain": "بلومبرغ → outlet not stated",
        "quote": "أكثرَ من 1000 عنصرٍ من مرتزقة الاحتلال",
        "status": "verified",
    },
    "about 1,600 people": {
        "outlet": "Al Jazeera Net",
        "chain": "محمد قنونو → Al Jazeera Net",
        "quote": "بنحو 1600",
        "status": "verified",
    },
}
# The neighbouring question in the same articles: shown beside, never in the spread.
RELATED = {
    "more than 1,400 people": {
        "outlet": "outlet not stated",
        "chain": "مسؤولون غربيون → Bloomberg → outlet not stated",
        "quote": "أكثر من 1400 مرتزق روسي",
        "status": "verified",
    }
}


def _squash(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("window", ["phone", "desktop"])
def test_the_wagner_question_end_to_end(live_server, open_page, seeded_site, window):
    viewport = PHONE if window == "phone" else DESKTOP
    page = open_page(viewport)
    page.goto(live_server.url + "/")

    # Find the question: on a phone the filters are folded under the results' heading.
    filters = page.locator("details.fold")
    if window == "phone":
        assert not filters.evaluate("d => d.open")
        first_row = page.locator("#results tbody tr").first.bounding_box()
        assert first_row["y"] < viewport["height"], "results start on the first screen"
        page.locator("details.fold > summary").click()
    else:
        assert filters.evaluate("d => d.open")
    page.locator("input[name=measure_search]").fill("wagner")
    page.locator("#measure-suggestions label", has_text=WAGNER).click()
    page.wait_for_url(re.compile(r"measure=\d+"))
    page.wait_for_function("document.querySelectorAll('#results tbody tr').length === 2")
    save_screenshot(page, f"wagner-{window}-claims")

    page.locator("#results a.compare").click()
    page.wait_for_url(re.compile(r"/measures/\d+/$"))
    assert page.locator("h1").inner_text() == WAGNER
    spread = _squash(page.locator("section.spread").inner_text())
    assert "Lowest 1,000 · highest 1,600" in spread
    chart = page.locator(f"svg.range-chart.{'narrow' if window == 'phone' else 'wide'}").first
    assert chart.is_visible()
    # Text on the chart stays readable: at least 11 px tall on screen.
    label_heights = chart.locator("text.label").evaluate_all(
        "labels => labels.map(l => l.getBoundingClientRect().height)"
    )
    assert label_heights and min(label_heights) >= 11, label_heights
    save_screenshot(page, f"wagner-{window}-measure")

    measure_url = page.url
    for expected in (FIGURES, RELATED):
        for figure, facts in expected.items():
            row = page.locator("table.comparison tbody tr", has_text=figure).first
            # The publishing outlet ends the chain (and heads the group of this measure's own
            # figures: "speaker in outlet").
            assert row.locator(".chain .publisher").inner_text() == facts["outlet"]
            if expected is FIGURES:
                group = row.locator("xpath=preceding-sibling::tr[contains(@class,'group-head')][1]")
                assert facts["outlet"] in group.inner_text()
            assert _squash(row.locator(".chain").inner_text()) == facts["chain"]
            assert facts["status"] in row.locator(".status").inner_text()
            assert facts["quote"] in row.locator(".quote-cell mark").inner_text()

            # The quote in its article: the highlight is the target, emphasised and focused.
            row.locator("td a[href*='/articles/']").click()
            page.wait_for_url(re.compile(r"/articles/\d+/#claim-\d+$"))
            claim_id = page.url.rsplit("-", 1)[1]
            mark = page.locator(f"mark#claim-{claim_id}")
            mark.wait_for()
            page.wait_for_function(
                f"document.activeElement && document.activeElement.id === 'claim-{claim_id}'"
            )
            assert facts["quote"] in mark.inner_text()
            assert "is-current" in mark.get_attribute("class")
            assert f"status-{facts['status']}" in mark.get_attribute("class")
            assert mark.is_visible() and mark.bounding_box()["y"] >= 0
            # From the highlight to its claim and measure, by keyboard.
            mark.locator("a").focus()
            page.keyboard.press("Enter")
            page.wait_for_url(re.compile(rf"#note-{claim_id}$"))
            note = page.locator(f"#note-{claim_id}")
            assert "is-current" in note.get_attribute("class")
            assert figure.split(" people")[0] in note.inner_text()
            provenance = _squash(page.locator("dl.provenance").inner_text())
            assert facts["outlet"] in provenance
            if figure == "about 1,600 people":
                assert WAGNER in note.inner_text()
                save_screenshot(page, f"wagner-{window}-article")
            page.goto(measure_url)
