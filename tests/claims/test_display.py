"""How a claim reads: figure wording, speaker and outlet labels, relay chains (claims.display)."""

from __future__ import annotations

import math
from types import SimpleNamespace

import pytest

from claims.display import (
    NARRATOR,
    OUTLET_NOT_STATED,
    figure_label,
    format_number,
    outlet_label,
    relay_chain,
    speaker_label,
)


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (("exact", 1600.0, 1600.0, 1600.0), "1,600"),
        (("approx", 1600.0, None, None), "about 1,600"),
        (("more_than", 1000.0, 1000.0, None), "more than 1,000"),
        (("at_least", 3.0, 3.0, None), "at least 3"),
        (("less_than", 10.0, None, 10.0), "less than 10"),
        (("at_most", 2.5, None, 2.5), "up to 2.5"),
        (("range", None, 1000.0, 1400.0), "between 1,000 and 1,400"),
        (("vague", None, 20.0, 99.0), "20–99"),
        (("exact", 90.0, None, None, "%"), "90%"),
        (("exact", 170.0, None, None, "km"), "170 km"),
    ],
)
def test_figure_labels(args, label):
    assert figure_label(*args) == label


def test_format_number():
    assert [format_number(n) for n in (None, 1600.0, 2.5, math.inf)] == ["", "1,600", "2.5", "∞"]


def _claim(speaker=None, speaker_text="", outlet=None, relays=()):
    return SimpleNamespace(
        speaker_id=1 if speaker else None,
        speaker=SimpleNamespace(name=speaker) if speaker else None,
        speaker_text=speaker_text,
        outlet_id=1 if outlet else None,
        outlet=SimpleNamespace(name=outlet) if outlet else None,
        relays=SimpleNamespace(
            all=lambda: [SimpleNamespace(outlet=SimpleNamespace(name=r)) for r in relays]
        ),
    )


def test_labels_for_a_claim_nobody_is_quoted_for_and_an_unstated_outlet():
    claim = _claim()
    assert speaker_label(claim) == str(NARRATOR)
    assert outlet_label(claim) == str(OUTLET_NOT_STATED)
    assert relay_chain(claim) == [str(NARRATOR), str(OUTLET_NOT_STATED)]


def test_speaker_text_stands_in_for_an_unlinked_speaker():
    assert speaker_label(_claim(speaker_text="مسؤولون غربيون")) == "مسؤولون غربيون"
    assert speaker_label(_claim(speaker="فتحي باشاغا", speaker_text="باشاغا")) == "فتحي باشاغا"


def test_relay_chain_runs_speaker_relays_outlet_without_repeating_a_link():
    claim = _claim(speaker="مسؤولون غربيون", outlet="عربي 21", relays=["بلومبرغ"])
    assert relay_chain(claim) == ["مسؤولون غربيون", "بلومبرغ", "عربي 21"]
    own_relay = _claim(speaker="بلومبرغ", outlet="بلومبرغ", relays=["بلومبرغ"])
    assert relay_chain(own_relay) == ["بلومبرغ"]


def test_an_unsure_machine_attribution_says_so_until_an_editor_decides():
    from claims.choices import ExtractionMethod, Status
    from claims.extraction.confidence import UNSURE_BELOW

    speaker = SimpleNamespace(name="سالم عليوان")
    claim = SimpleNamespace(
        speaker=speaker,
        speaker_text="",
        status=Status.EXTRACTED,
        extraction_method=ExtractionMethod.RULES,
        confidence=UNSURE_BELOW - 0.01,
    )
    assert speaker_label(claim) == "سالم عليوان (unsure)"
    claim.confidence = UNSURE_BELOW
    assert speaker_label(claim) == "سالم عليوان"
    claim.confidence, claim.status = 0.1, Status.VERIFIED
    assert speaker_label(claim) == "سالم عليوان"
