"""Importing article files: idempotency, metadata from the manifest, every kind of bad file."""

from __future__ import annotations

import json
import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles.importing import find_outlet, import_paths, read_article_text
from articles.models import Article, Outlet

pytestmark = pytest.mark.django_db

ARABIC = "عنوان الخبر\n\nقال المتحدث إن نحو 1600 مقاتل غادروا المدينة.\n"
ENGLISH = "Headline here\n\nThe mayor said about 150 fighters left the town on Sunday.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def run_import(*paths: Path) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_articles", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_import_stores_title_language_and_text(tmp_path):
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "b.txt", ENGLISH)
    report = import_paths([tmp_path], hooks=[])
    assert (report.new, report.unchanged, report.failed) == (2, 0, [])
    arabic = Article.objects.get(source_name="a.txt")
    assert arabic.title == "عنوان الخبر"
    assert arabic.language == "ar"
    assert arabic.body == ARABIC
    assert Article.objects.get(source_name="b.txt").language == "en"


def test_second_import_adds_nothing_and_says_so(tmp_path):
    write(tmp_path, "a.txt", ARABIC)
    run_import(tmp_path)
    out, _ = run_import(tmp_path)
    assert Article.objects.count() == 1
    assert "Nothing new" in out
    assert "0 new, 1 unchanged, 0 failed" in out


def test_same_text_under_another_name_is_the_same_article(tmp_path):
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "copy.txt", ARABIC)
    report = import_paths([tmp_path], hooks=[])
    assert (report.new, report.unchanged) == (1, 1)


def test_windows_newlines_and_bom_read_like_a_text_reader(tmp_path):
    path = write(tmp_path, "crlf.txt", b"\xef\xbb\xbf" + ARABIC.replace("\n", "\r\n").encode())
    text = read_article_text(path)
    with open(path, encoding="utf-8-sig") as handle:
        assert text == handle.read()


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", "", "empty"),
        ("blank.txt", "  \n\n \t\n", "empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("latin1.txt", "Café société".encode("latin-1"), "not UTF-8"),
        ("cp1256.txt", "قال المتحدث".encode("cp1256"), "not UTF-8"),
    ],
)
def test_bad_files_are_reported_by_name_and_the_rest_lands(tmp_path, name, content, reason):
    write(tmp_path, "good.txt", ARABIC)
    write(tmp_path, name, content)
    out, err = run_import(tmp_path)
    assert f"skipped {tmp_path / name}: {reason}" in err
    assert "1 new, 0 unchanged, 1 failed" in out
    assert list(Article.objects.values_list("source_name", flat=True)) == ["good.txt"]


def test_oversized_file_is_refused(tmp_path, settings):
    settings.ISNAD_MAX_ARTICLE_BYTES = 1000
    write(tmp_path, "huge.txt", "كلمة " * 500)
    write(tmp_path, "good.txt", ARABIC)
    _, err = run_import(tmp_path)
    assert "huge.txt: too large" in err
    assert Article.objects.count() == 1


def test_directory_loop_is_reported_not_followed_forever(tmp_path):
    inner = tmp_path / "inner"
    inner.mkdir()
    write(inner, "a.txt", ARABIC)
    os.symlink(tmp_path, inner / "back-to-top")
    _, err = run_import(tmp_path)
    assert "directory loop" in err
    assert Article.objects.count() == 1


def test_missing_path_and_nothing_importable_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="No article could be imported"):
        run_import(tmp_path / "nope")


def test_non_text_files_in_a_folder_are_ignored(tmp_path):
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "notes.md", "# not an article")
    write(tmp_path, "manifest.json", "{}")
    report = import_paths([tmp_path], hooks=[])
    assert (report.new, report.failed) == (1, [])


def test_manifest_supplies_outlet_url_date_and_aliases(tmp_path):
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "b.txt", ENGLISH)
    manifest = {
        "outlets": [{"name": "الجزيرة نت", "name_en": "Al Jazeera Net", "aliases": ["الجزيرة"]}],
        "articles": {
            "a.txt": {
                "outlet": "الجزيرة",
                "url": "https://example.org/a",
                "published_on": "2020-05-25",
            },
            "b.txt": {"outlet": None},
        },
    }
    write(tmp_path, "manifest.json", json.dumps(manifest, ensure_ascii=False))
    import_paths([tmp_path], hooks=[])
    article = Article.objects.get(source_name="a.txt")
    assert article.outlet.name == "الجزيرة نت"  # found through its alias
    assert article.url == "https://example.org/a"
    assert str(article.published_on) == "2020-05-25"
    assert Article.objects.get(source_name="b.txt").outlet is None
    assert Outlet.objects.count() == 1


@pytest.mark.parametrize(
    "manifest",
    ["{not json", '{"articles": {"a.txt": {"published_on": "25/05/2020"}}}', "[1, 2]"],
    ids=["invalid JSON", "bad date", "not an object"],
)
def test_broken_manifest_fails_its_folder_by_name(tmp_path, manifest):
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "manifest.json", manifest)
    report = import_paths([tmp_path], hooks=[])
    assert report.new == 0
    assert report.failed and "manifest.json" in report.failed[0][1]


def test_a_failing_hook_leaves_no_half_imported_article(tmp_path):
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "b.txt", ENGLISH)

    def explode_on_english(article, created):
        Outlet.objects.create(name=f"written before failing {article.pk}")
        if article.language == "en":
            raise RuntimeError("extractor crashed")
        return 0

    report = import_paths([tmp_path], hooks=[explode_on_english])
    assert report.failed == [
        (str(tmp_path / "b.txt"), "import failed (RuntimeError: extractor crashed)")
    ]
    assert list(Article.objects.values_list("source_name", flat=True)) == ["a.txt"]
    assert Outlet.objects.count() == 1  # only the successful article's write survives


def test_outlet_look_ups_never_return_an_outlet_a_failed_article_created(tmp_path):
    # find_outlet keeps answers during an import run: a rolled-back article's outlet must not
    # come back from that memory, in the run or after it.
    write(tmp_path, "a.txt", ENGLISH)
    write(tmp_path, "b.txt", ARABIC)
    seen: list[object] = []

    def create_then_fail(article, created):
        if article.language == "en":
            Outlet.objects.create(name="Phantom Wire")
            assert find_outlet("Phantom Wire") is not None
            raise RuntimeError("extractor crashed")
        seen.append(find_outlet("Phantom Wire"))
        return 0

    import_paths([tmp_path], hooks=[create_then_fail])
    assert seen == [None]
    assert find_outlet("Phantom Wire") is None


def test_seed_folder_imports_with_known_outlets(seed_dir):
    report = import_paths([seed_dir], hooks=[])
    assert (report.new, report.failed) == (5, [])
    outlets = dict(Article.objects.values_list("source_name", "outlet__name"))
    assert outlets["000_32b06a709c4701b2.txt"] == "تركيا الآن"
    assert outlets["003_f2ae8bf9f493e07b.txt"] == "الجزيرة نت"
    assert outlets["001_5d0d35ef8cc7c8a0.txt"] is None


def test_copied_seed_folder_elsewhere_is_unchanged(tmp_path, seed_dir):
    import_paths([seed_dir], hooks=[])
    shutil.copytree(seed_dir, tmp_path / "copy")
    report = import_paths([tmp_path / "copy"], hooks=[])
    assert (report.new, report.unchanged) == (0, 5)
