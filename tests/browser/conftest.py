"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

# The live server runs in a thread while the sync Playwright API holds an event loop.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("browser tests need Debian's chromium at /usr/bin/chromium (make browser-deps)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=["--no-sandbox", "--disable-dev-shm-usage"]
        )
        yield browser
        browser.close()


DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 390, "height": 844}  # an iPhone 12-15's CSS viewport


@pytest.fixture
def open_page(browser):
    """A page in a window of the given size, language (Accept-Language) and colour scheme."""
    contexts = []

    def open_(viewport=DESKTOP, locale="en-GB", color_scheme="light"):
        context = browser.new_context(
            viewport=viewport,
            locale=locale,
            color_scheme=color_scheme,
            has_touch=viewport["width"] < 600,
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def page(open_page):
    return open_page()


def save_screenshot(page, name: str) -> Path:
    """A full-page screenshot as test-artifacts/<name>.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot of the default page as test-artifacts/<name>.png."""
    return lambda name: save_screenshot(page, name)


@pytest.fixture
def seeded_site(db):
    """The seed articles as `make run` leaves them: imported, then the editors' curation."""
    from io import StringIO

    from django.core.cache import cache
    from django.core.management import call_command

    from articles.importing import import_paths

    seeds = Path(__file__).resolve().parents[2] / "seeds"
    import_paths([seeds])
    call_command("load_curation", str(seeds / "curation.json"), stdout=StringIO())
    cache.clear()


@pytest.fixture
def wagner():
    """The Wagner measure: 1000 / 1400 / 1600 from three outlets, with a relay chain."""
    from articles.importing import content_hash
    from articles.models import Article, Outlet
    from claims.models import Claim, ClaimRelay, Measure, Speaker

    measure = Measure.objects.create(name="Wagner fighters who left the Tripoli front, May 2020")
    bloomberg = Outlet.objects.create(name="Bloomberg")
    jazeera = Outlet.objects.create(name="الجزيرة نت")
    anadolu = Outlet.objects.create(name="الأناضول")
    officials = Speaker.objects.create(name="مسؤولون غربيون", kind="collective")
    bashagha = Speaker.objects.create(name="فتحي باشاغا")
    rows = [
        (
            jazeera,
            "ar",
            "مرتزقة فاغنر يغادرون جبهة طرابلس",
            "قال مسؤولون غربيون لوكالة بلومبرغ إن نحو 1600 من مرتزقة فاغنر غادروا جبهة طرابلس.",
            "نحو 1600",
            "approx",
            1600,
            officials,
            "verified",
        ),
        (
            anadolu,
            "ar",
            "باشاغا: ألف مرتزق فقط",
            "قال وزير الداخلية فتحي باشاغا إن 1000 مرتزق فقط من فاغنر انسحبوا من طرابلس.",
            "1000",
            "exact",
            1000,
            bashagha,
            "disputed",
        ),
        (
            bloomberg,
            "en",
            "Wagner mercenaries leave the Tripoli front",
            "Some 1400 Wagner fighters left the front south of Tripoli, sources said.",
            "1400",
            "exact",
            1400,
            None,
            "extracted",
        ),
    ]
    claims = []
    for day, (outlet, language, title, body, quote, qualifier, value, speaker, status) in enumerate(
        rows, start=20
    ):
        article = Article.objects.create(
            outlet=outlet,
            title=title,
            body=body,
            language=language,
            published_on=dt.date(2020, 5, day),
            content_hash=content_hash(body),
        )
        start = body.index(quote)
        claims.append(
            Claim.objects.create(
                article=article,
                value=value,
                qualifier=qualifier,
                quote=quote,
                start=start,
                end=start + len(quote),
                counted="Wagner fighters",
                speaker=speaker,
                speaker_text="" if speaker else "sources",
                measure=measure,
                status=status,
            )
        )
    ClaimRelay.objects.create(claim=claims[0], outlet=bloomberg, position=1)
    return {"measure": measure, "claims": claims, "outlets": (bloomberg, jazeera, anadolu)}
