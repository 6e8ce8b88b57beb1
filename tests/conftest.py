"""Shared fixtures and factories: users in each role, articles and claims, the Wagner scenario
of the public pages, and the seed articles."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from articles.importing import content_hash
from articles.models import Article, Outlet
from claims.models import Claim, ClaimRelay, Measure, Speaker
from claims.roles import EDITORS, VIEWERS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEST_DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Tests read English pages unless they ask for Arabic (the product's default, see
    tests/test_i18n.py): the default language is English here, and each test starts and ends
    with it active, so that no language a request switched to leaks into the next test."""
    from django.utils import translation

    settings.LANGUAGE_CODE = "en"
    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def immediate_tasks(settings):
    """Tasks run as they are enqueued, whatever the database (PostgreSQL's default is the
    database queue, which needs a worker); tests of the queue itself switch back."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


def _user_in(django_user_model, username: str, role: str):
    user = django_user_model.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _user_in(django_user_model, "ed", EDITORS)


@pytest.fixture
def viewer(db, django_user_model):
    return _user_in(django_user_model, "vi", VIEWERS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def seed_dir() -> Path:
    return SEEDS


# Factories -----------------------------------------------------------------------------------


def make_article(
    body: str = "نص المقال",
    *,
    outlet: Outlet | None = None,
    language: str = "ar",
    **fields,
) -> Article:
    """An article with this body (its hash computed); title from the body unless given."""
    fields.setdefault("title", body[:30] or "عنوان")
    fields.setdefault("content_hash", hashlib.sha256(body.encode()).hexdigest())
    return Article.objects.create(body=body, outlet=outlet, language=language, **fields)


def make_claim(article: Article, quote: str, value: float | None = None, **fields) -> Claim:
    """A claim over the first occurrence of `quote` in the article's body."""
    start = article.body.index(quote)
    return Claim.objects.create(
        article=article, quote=quote, start=start, end=start + len(quote), value=value, **fields
    )


# The Wagner scenario of the public pages: three outlets, 1000 / 1400 / 1600 ---------------------

WAGNER_BODY = (
    "قال مسؤولون غربيون إن نحو 1600 من مرتزقة فاغنر غادروا جبهة طرابلس، "
    "بينما قال باشاغا إن 1000 عنصر فقط انسحبوا، وذكرت مصادر أن 1400 من المرتزقة غادروا."
)


def wagner_article(outlet: Outlet, title: str, day: int, language: str = "ar") -> Article:
    body = f"{WAGNER_BODY} ({title})"
    return Article.objects.create(
        outlet=outlet,
        title=title,
        body=body,
        language=language,
        published_on=dt.date(2020, 5, day),
        content_hash=content_hash(body),
    )


def wagner_claim(article: Article, figure: float, **fields) -> Claim:
    quote = {1600: "نحو 1600", 1000: "1000 عنصر", 1400: "1400"}.get(int(figure), str(int(figure)))
    start = article.body.index(quote)
    values = {
        "value": figure,
        "qualifier": "exact",
        "quote": quote,
        "start": start,
        "end": start + len(quote),
        "counted": "مرتزقة فاغنر",
    }
    values.update(fields)
    return Claim.objects.create(article=article, **values)


@pytest.fixture
def wagner():
    """Three outlets carrying 1000 / 1400 / 1600 Wagner fighters, plus unrelated claims."""
    measure = Measure.objects.create(name="Wagner fighters who left the Tripoli front", unit="")
    bloomberg = Outlet.objects.create(name="Bloomberg", name_en="Bloomberg")
    jazeera = Outlet.objects.create(name="الجزيرة نت", name_en="Al Jazeera Net")
    anadolu = Outlet.objects.create(name="الأناضول", name_en="Anadolu")
    officials = Speaker.objects.create(name="مسؤولون غربيون", kind="collective")
    bashagha = Speaker.objects.create(name="فتحي باشاغا")
    a1 = wagner_article(jazeera, "مرتزقة فاغنر يغادرون", 20)
    a2 = wagner_article(anadolu, "باشاغا: ألف عنصر فقط", 21)
    a3 = wagner_article(bloomberg, "Wagner fighters leave Tripoli", 22, language="en")
    c1600 = wagner_claim(
        a1, 1600, qualifier="approx", speaker=officials, measure=measure, status="verified"
    )
    ClaimRelay.objects.create(claim=c1600, outlet=bloomberg, position=1)
    c1000 = wagner_claim(a2, 1000, speaker=bashagha, measure=measure, status="disputed")
    c1400 = wagner_claim(a3, 1400, measure=measure, speaker_text="sources")
    return {
        "measure": measure,
        "outlets": (bloomberg, jazeera, anadolu),
        "speakers": (officials, bashagha),
        "articles": (a1, a2, a3),
        "claims": (c1600, c1000, c1400),
    }


def claim_ids(response) -> set[int]:
    return {c.pk for c in response.context["page"].claims}


def many_claims(count: int) -> list[Claim]:
    outlet = Outlet.objects.create(name="Reuters")
    measure = Measure.objects.create(name="Aircraft delivered")
    speakers = [Speaker.objects.create(name=f"speaker {i}") for i in range(3)]
    body = " ".join(f"n{i} {i + 10}" for i in range(count))
    article = Article.objects.create(
        outlet=outlet,
        title="many",
        body=body,
        language="en",
        published_on=dt.date(2020, 1, 1),
        content_hash=content_hash(body),
    )
    claims = []
    for i in range(count):
        quote = f"{i + 10}"
        start = body.index(f"n{i} {quote}") + len(f"n{i} ")
        claims.append(
            Claim.objects.create(
                article=article,
                value=float(i % 7) if i % 5 else None,
                lower=1 if i % 5 == 0 else None,
                upper=2 if i % 5 == 0 else None,
                qualifier="exact" if i % 5 else "range",
                quote=quote,
                start=start,
                end=start + len(quote),
                speaker=speakers[i % 3],
                measure=measure,
            )
        )
    for claim in claims[::4]:
        ClaimRelay.objects.create(claim=claim, outlet=outlet, position=1)
    return claims


@pytest.fixture
def web_server(settings):
    """A local HTTP server with the fixture pages and feeds (tests/web_server.py); fetching runs
    without the per-host delay, with a short timeout (the bad cases answer quickly) and with
    loopback addresses allowed."""
    from tests.web_server import WebServer

    settings.ISNAD_FETCH_DELAY_SECONDS = 0
    settings.ISNAD_FETCH_PRIVATE_ADDRESSES = True  # the server is on 127.0.0.1
    settings.ISNAD_FETCH_TIMEOUT_SECONDS = 1
    with WebServer() as server:
        yield server
