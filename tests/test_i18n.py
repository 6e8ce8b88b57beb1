"""Arabic first, English too: the language from the browser or the switch, right to left in
Arabic, numbers and dates in the reader's digits, complete catalogues, commands in the
terminal's language."""

from __future__ import annotations

import gettext
import re

import polib
import pytest
from django.utils import translation

from tests.conftest import ROOT
from tests.test_settings import manage

pytestmark = pytest.mark.django_db

LOCALE = ROOT / "locale"


def test_a_browser_asking_for_arabic_gets_arabic_right_to_left(client, wagner):
    html = client.get("/claims/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5").content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert ">الادعاءات<" in html and ">Claims<" not in html
    assert "نحو ١٬٦٠٠" in html  # figures in Arabic words and Arabic-Indic digits


def test_a_browser_asking_for_english_gets_english(client, wagner):
    html = client.get("/claims/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8").content.decode()
    assert '<html lang="en" dir="ltr">' in html and "about 1,600" in html


def test_a_browser_asking_for_neither_gets_arabic(client, settings, wagner):
    settings.LANGUAGE_CODE = "ar"  # the product's default (tests run in English otherwise)
    html = client.get("/claims/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="ar" dir="rtl">' in html


def test_the_language_switch_keeps_the_page_and_its_filters(client, wagner):
    page = "/claims/?status=verified&sort=-date"
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert 'action="/i18n/setlang/"' in html
    assert f'name="next" value="{page.replace("&", "&amp;")}"' in html
    response = client.post("/i18n/setlang/", {"language": "en", "next": page})
    assert response.status_code == 302 and response.url == page
    html = client.get(page, HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="en" dir="ltr">' in html  # the choice outranks the browser's
    assert 'value="verified" checked' in html


def test_arabic_digits_follow_the_setting(client, settings, wagner):
    settings.ISNAD_ARABIC_DIGITS = "western"
    html = client.get("/claims/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "نحو 1,600" in html and "١" not in html.split("<main")[1]


def test_dates_are_written_for_the_language(client, wagner):
    claim = wagner["claims"][0]
    html = client.get(f"/claims/{claim.pk}/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert "٢٠ مايو، ٢٠٢٠" in html or "٢٠ أيار، ٢٠٢٠" in html
    html = client.get(f"/claims/{claim.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "May 20, 2020" in html


def test_the_csv_export_header_is_in_the_readers_language(client, wagner):
    body = b"".join(
        client.get("/claims/export.csv", HTTP_ACCEPT_LANGUAGE="ar").streaming_content
    ).decode("utf-8-sig")
    header = body.splitlines()[0]
    assert header.startswith("المعرّف,الرقم,المقيِّد") and "سلسلة الإسناد" in header


def test_arabic_units_agree_with_their_number():
    from claims.display import figure_label

    with translation.override("ar"):
        labels = [figure_label("exact", n, n, n, "people") for n in (3.0, 15.0, 1600.0)]
    assert labels == ["٣ أشخاص", "١٥ شخصًا", "١٬٦٠٠ شخص"]


def test_every_message_has_an_arabic_translation_and_the_mo_files_are_current():
    catalogue = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert (untranslated, fuzzy) == ([], [])
    assert catalogue.metadata["Plural-Forms"].startswith("nplurals=6;")
    for language in ("ar", "en"):
        po = polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))
        with open(LOCALE / language / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
            compiled = gettext.GNUTranslations(mo_file)
        for entry in po.translated_entries():
            context = f"{entry.msgctxt}\x04" if entry.msgctxt else ""
            if entry.msgid_plural:
                assert (
                    compiled.ngettext(context + entry.msgid, entry.msgid_plural, 11)
                    == (entry.msgstr_plural[compiled.plural(11)])
                ), entry.msgid
            else:
                assert compiled.gettext(context + entry.msgid) == entry.msgstr, entry.msgid


def test_translations_keep_every_placeholder():
    catalogue = polib.pofile(str(LOCALE / "ar" / "LC_MESSAGES" / "django.po"))
    placeholder = re.compile(r"%\(\w+\)[sdr]|%s|\{\w*\}")
    for entry in catalogue.translated_entries():
        wanted = sorted(placeholder.findall(entry.msgid_plural or entry.msgid))
        forms = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for form in forms:
            found = sorted(placeholder.findall(form))
            # Arabic may spell out "one" and "two" instead of the number.
            assert set(found) <= set(wanted) and (found == wanted or entry.msgid_plural), (
                entry.msgid,
                form,
            )


def test_commands_speak_the_terminals_language():
    arabic = manage("help", "ensure_demo_accounts", LANG="ar_LY.UTF-8", LC_ALL="")
    assert "إنشاء حسابَي المحرر والمطّلع التجريبيين" in arabic.stdout
    english = manage("help", "ensure_demo_accounts", LANG="en_GB.UTF-8", LC_ALL="")
    assert "Create (or reset) the demo editor" in english.stdout
