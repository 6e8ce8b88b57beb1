"""Pages, feeds and the HTTP client against a local server: the Arabic article without its page
furniture, a feed imported once and fetched conditionally after, every bad case by name."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Outlet, WebResource
from articles.sources import import_sources
from articles.sources.http import HTML_TYPES, Fetcher

pytestmark = pytest.mark.django_db

FURNITURE = ["الرئيسية", "جميع الحقوق محفوظة", "تعليق", "اقرأ أيضا", "عاجل", "اتصل بنا"]


def run_import(*sources: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *sources, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_feed_url_imports_its_arabic_articles_without_furniture_and_extracts_claims(web_server):
    out, err = run_import(web_server.url("feed.xml"))

    assert "3 new, 0 unchanged, 0 failed" in out, (out, err)
    articles = Article.objects.order_by("published_on")
    assert [a.title for a in articles] == [
        "مرتزقة فاغنر يغادرون جبهة طرابلس",
        "بلدية بني وليد تستقبل النازحين",
        "خسائر المزارعين في الجنوب",
    ]
    for article in articles:
        assert article.language == "ar"
        for furniture in FURNITURE:
            assert furniture not in article.body, (article.title, furniture)
    first = articles[0]
    assert "نحو 1600 من مرتزقة فاغنر" in first.body
    assert "5000" not in first.body  # the reader's comment
    assert first.url == web_server.url("news/2020/05/wagner-leave-tripoli")  # canonical
    assert first.author == "سالم الورفلي"
    assert str(first.published_on) == "2020-05-24"
    assert first.outlet == Outlet.objects.get(name="وكالة الأخبار الليبية")
    assert first.source_name == web_server.url("article-1.html")
    # Claims were extracted by the configured hooks.
    quotes = set(first.claims.values_list("quote", flat=True))
    assert any("1600" in quote for quote in quotes), quotes
    assert any("1000" in quote for quote in quotes), quotes
    assert all(a.claims.exists() for a in articles)


def test_second_run_of_a_feed_fetches_nothing_new(web_server):
    run_import(web_server.url("feed.xml"))
    web_server.hits.clear()

    out, _ = run_import(web_server.url("feed.xml"))

    assert "0 new, 1 unchanged" in out  # the feed itself: 304
    assert web_server.fetched(status=200) == []
    assert web_server.fetched(status=None) == ["/feed.xml"]
    assert web_server.hits[0].headers.get("If-None-Match")
    assert Article.objects.count() == 3


def test_without_validators_a_second_run_fetches_the_feed_but_no_stored_page(web_server):
    web_server.validators = False
    run_import(web_server.url("feed.xml"))
    web_server.hits.clear()

    out, _ = run_import(web_server.url("feed.xml"))

    assert "0 new, 3 unchanged, 0 failed" in out
    assert web_server.fetched() == ["/feed.xml"]


def test_requests_say_who_we_are(web_server, settings):
    settings.ISNAD_FETCH_USER_AGENT = "IsnadTest/1.0"
    run_import(web_server.url("article-1.html"))
    assert web_server.hits[0].headers["User-Agent"] == "IsnadTest/1.0"


def test_a_page_url_and_its_canonical_url_are_one_article(web_server):
    run_import(web_server.url("article-1.html"))
    out, _ = run_import(web_server.url("moved.html"))  # redirects to the same page
    assert Article.objects.count() == 1
    assert "0 new, 1 unchanged" in out


def test_a_page_already_stored_by_canonical_url_is_unchanged_even_if_its_text_changed(
    web_server,
):
    run_import(web_server.url("article-1.html"))
    changed = web_server.fixture("article-1.html").replace(
        "الأسبوع الماضي".encode(), "الأسبوع الفائت".encode()
    )
    web_server.pages["/copy-of-1.html"] = (200, {"Content-Type": "text/html"}, changed)
    out, _ = run_import(web_server.url("copy-of-1.html"))
    assert "0 new, 1 unchanged" in out
    assert Article.objects.count() == 1
    assert WebResource.objects.get(url=web_server.url("copy-of-1.html")).article is not None


def test_saved_html_file_with_manifest(tmp_path, web_server):
    (tmp_path / "page.html").write_bytes(web_server.fixture("article-2.html"))
    (tmp_path / "manifest.json").write_text(
        '{"articles": {"page.html": {"outlet": "Libya Observer", "published_on": "2020-05-30"}}}'
    )
    out, _ = run_import(str(tmp_path / "page.html"))
    assert "1 new" in out
    article = Article.objects.get()
    assert article.outlet.name == "Libya Observer"
    assert str(article.published_on) == "2020-05-30"
    assert article.title == "بلدية بني وليد تستقبل النازحين"
    assert "أضف تعليقا" not in article.body


def test_saved_feed_file_fetches_its_entries(tmp_path, web_server):
    (tmp_path / "feed.xml").write_bytes(web_server.fixture("feed.xml"))
    out, _ = run_import(str(tmp_path / "feed.xml"))
    assert "3 new" in out


CHARSET_CASES = [
    # (path, what the server does)
    ("utf8-declared-latin1.html", "declares ISO-8859-1 over a UTF-8 body"),
    ("cp1256-with-meta.html", "declares UTF-8 in the header; the page's <meta> says windows-1256"),
]


@pytest.mark.parametrize(("path", "case"), CHARSET_CASES)
def test_a_wrongly_declared_charset_that_can_be_told_is_read_right(web_server, path, case):
    out, err = run_import(web_server.url(path))
    assert "1 new" in out, (case, err)
    article = Article.objects.get()
    assert "سالم عليوان" in article.body or "وزير الزراعة" in article.body, case


BAD_URLS = [
    ("slow.html", "no answer within 1 seconds"),
    ("missing.html", "the server answered 404"),
    ("error.html", "the server answered 500"),
    ("loop-a", "redirects in a loop"),
    ("image.png", "is image/png, not"),
    ("huge-declared.html", "too large (52428800 bytes; the limit is 10485760)"),
    ("huge.html", "too large (over 10485760 bytes"),
    ("cp1256-declared-utf8.html", "the page says its charset is 'utf-8' but its bytes are not"),
    ("broken-feed.xml", "the feed's XML is broken"),
    ("not-an-article.html", "no article text found on the page"),
]


@pytest.mark.parametrize(("path", "reason"), BAD_URLS)
def test_bad_urls_fail_by_name_and_write_nothing(web_server, path, reason):
    web_server.slow_seconds = 2
    with pytest.raises(CommandError, match="No article could be imported"):
        _out, _err = run_import(web_server.url(path))
    assert Article.objects.count() == 0
    assert Outlet.objects.count() == 0
    assert WebResource.objects.count() == 0
    report, _run = import_sources([web_server.url(path)], hooks=[])
    assert len(report.failed) == 1
    name, message = report.failed[0]
    assert name == web_server.url(path)
    assert reason in message


def test_a_feed_with_a_failing_entry_imports_the_others_and_is_read_again_next_time(web_server):
    feed = web_server.fixture("feed.xml").replace(b"/article-3.html", b"/slow.html")
    web_server.pages["/flaky-feed.xml"] = (
        200,
        {"Content-Type": "application/rss+xml", "ETag": '"v1"'},
        feed,
    )
    report, run = import_sources([web_server.url("flaky-feed.xml")], hooks=[])
    assert (report.new, len(report.failed)) == (2, 1)
    assert run.failed_transiently == {web_server.url("slow.html")}
    # The feed's validators are not kept: the timed-out entry must be seen again.
    assert not WebResource.objects.filter(url=web_server.url("flaky-feed.xml")).exists()
    web_server.hits.clear()
    import_sources([web_server.url("flaky-feed.xml")], hooks=[])
    assert web_server.fetched(status=None) == ["/flaky-feed.xml", "/slow.html"]


def test_redirects_are_followed_up_to_the_limit(web_server):
    for i in range(7):
        web_server.pages[f"/hop{i}"] = (302, {"Location": f"/hop{i + 1}"}, b"")
    fetcher = Fetcher(max_redirects=5)
    with pytest.raises(Exception, match="more than 5 redirects"):
        fetcher.get(web_server.url("hop0"), accept=HTML_TYPES)


def test_the_per_host_delay_spaces_requests(web_server):
    import time

    fetcher = Fetcher(delay=0.3)
    started = time.monotonic()
    fetcher.get(web_server.url("article-1.html"), accept=HTML_TYPES)
    fetcher.get(web_server.url("article-2.html"), accept=HTML_TYPES)
    assert time.monotonic() - started >= 0.3


def test_only_http_urls_are_fetched(web_server):
    web_server.pages["/to-file"] = (302, {"Location": "file:///etc/passwd"}, b"")
    report, _ = import_sources([web_server.url("to-file")], hooks=[])
    assert "only http:// and https://" in report.failed[0][1]


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "10.1.2.3", "169.254.169.254", "[::1]"])
def test_private_addresses_are_refused_when_the_setting_says_so(settings, host):
    settings.ISNAD_FETCH_PRIVATE_ADDRESSES = False
    report, _ = import_sources([f"http://{host}:9/page.html"], hooks=[])
    assert "is a private or local address, which is not fetched" in report.failed[0][1]


def test_an_atom_feed_works_like_rss(web_server):
    atom = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>وكالة الأخبار الليبية</title>
  <id>{web_server.base}/</id>
  <updated>2020-05-26T10:00:00Z</updated>
  <entry>
    <title>خسائر المزارعين في الجنوب</title>
    <link href="{web_server.base}/article-3.html"/>
    <id>{web_server.base}/news/2020/05/farmers-losses</id>
    <updated>2020-05-26T06:15:00Z</updated>
  </entry>
</feed>""".encode()
    web_server.pages["/atom.xml"] = (200, {"Content-Type": "application/atom+xml"}, atom)
    report, _ = import_sources([web_server.url("atom.xml")], hooks=[])
    assert (report.new, report.failed) == (1, [])
    assert Article.objects.get().title == "خسائر المزارعين في الجنوب"


class Interrupted(KeyboardInterrupt):
    """The import run stopped from outside (Ctrl-C, a killed process) mid-feed."""


def interrupt_on_displaced(article, created):
    if "النازحين" in article.title:
        raise Interrupted
    return 0


def test_a_feed_run_stopped_midway_is_finished_by_the_next_run(web_server, settings):
    # One article per batch, so that the first article's batch has committed when the run stops
    # (a stop inside a batch rolls back that batch alone: what committed before it stays).
    settings.ISNAD_IMPORT_BATCH_SIZE = 1
    settings.ISNAD_ARTICLE_IMPORTED_HOOKS = [
        "tests.articles.test_web_sources.interrupt_on_displaced"
    ]
    with pytest.raises(Interrupted):
        run_import(web_server.url("feed.xml"))
    assert list(Article.objects.values_list("title", flat=True)) == [
        "مرتزقة فاغنر يغادرون جبهة طرابلس"
    ]
    assert not WebResource.objects.filter(url=web_server.url("feed.xml")).exists()

    settings.ISNAD_ARTICLE_IMPORTED_HOOKS = []
    web_server.hits.clear()
    out, _ = run_import(web_server.url("feed.xml"))
    assert "2 new, 1 unchanged, 0 failed" in out
    # The page stored before the stop is known by its canonical URL once fetched again (what is
    # remembered about the fetch is written when the run ends, which this one never did).
    assert web_server.fetched() == [
        "/feed.xml",
        "/article-1.html",
        "/article-2.html",
        "/article-3.html",
    ]
    assert Article.objects.count() == 3
    web_server.hits.clear()
    run_import(web_server.url("feed.xml"))
    assert web_server.fetched() == []  # 304 for the feed, nothing else
