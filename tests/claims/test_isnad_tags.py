"""Template filters: relay chains, figures and JSON-LD escaping."""

from __future__ import annotations

from types import SimpleNamespace

from claims.templatetags.isnad import chain, jsonld, relay_chain


class Relays(list):
    def all(self):
        return self


def claim(speaker, relays, outlet):
    return SimpleNamespace(
        speaker=SimpleNamespace(name=speaker) if speaker else None,
        speaker_text="",
        relays=Relays(SimpleNamespace(outlet=SimpleNamespace(name=n)) for n in relays),
        outlet=SimpleNamespace(name=outlet) if outlet else None,
    )


def test_relay_chain_runs_from_speaker_to_the_articles_outlet():
    assert relay_chain(claim("مسؤولون غربيون", ["Bloomberg"], "الجزيرة نت")) == [
        "مسؤولون غربيون",
        "Bloomberg",
        "الجزيرة نت",
    ]


def test_an_outlet_speaking_and_relaying_is_one_link():
    assert relay_chain(claim("بلومبرغ", ["بلومبرغ"], "الجزيرة نت")) == ["بلومبرغ", "الجزيرة نت"]


def test_narrator_and_unknown_outlet():
    assert relay_chain(claim(None, [], None)) == ["the outlet itself", "outlet not stated"]


def test_chain_isolates_each_name_and_marks_each_role():
    html = chain(claim("<b>", ["Bloomberg"], "تركيا الآن"))
    assert html == (
        '<span class="chain"><bdi class="speaker">&lt;b&gt;</bdi> → '
        '<bdi class="relay">Bloomberg</bdi> → <bdi class="publisher">تركيا الآن</bdi></span>'
    )


def test_chain_runs_right_to_left_in_arabic():
    from django.utils import translation

    with translation.override("ar"):
        html = chain(claim("باشاغا", [], "تركيا الآن"))
    assert " ← " in html and " → " not in html


def test_jsonld_escapes_script_ends():
    html = jsonld([{"reviewBody": "</script><script>alert(1)</script>"}])
    assert html.count("</script>") == 1
    assert "\\u003C/script\\u003E" in html
