"""What a speaker span may look like (claims.extraction.spans): cut at a clause, refused when it
cannot name anyone."""

from __future__ import annotations

import pytest

from articles.normalization import normalize
from claims.extraction.spans import speaker_span
from claims.extraction.tokens import tokenize


def _span(words: str) -> str:
    tokens = tokenize(normalize(words))
    kept = speaker_span(tokens, list(range(len(tokens))))
    return " ".join(tokens[i].text for i in kept)


@pytest.mark.parametrize(
    ("words", "kept"),
    [
        # A name, a body, a description of people: kept whole.
        ("نقابة الأطباء", "نقابة الأطباء"),
        ("ثلاثة مصادر مطلعة", "ثلاثة مصادر مطلعة"),
        ("the regional health office", "the regional health office"),
        # The verb's particles and auxiliaries are no part of the subject written before it.
        ("مجلس النواب قد", "مجلس النواب"),
        ("the agency has", "the agency"),
        # A clause inside the span ends it: a relative pronoun, a participle of reporting.
        ("منى حداد التي نزحت من حلب", "منى حداد"),
        ("the farmer who lost his herd", "the farmer"),
        ("هيئة الموانئ مؤكدة", "هيئة الموانئ"),
        # Spans that can name no one.
        ("في تقرير", ""),
        ("خلال مؤتمر صحفي", ""),
        ("تلك التقارير", ""),
        ("It", ""),
        ("kilometres north of the border", ""),
        ("bn average", ""),
        ("the 12 members", ""),
        ("the attacks have forced many ships around the Cape of Good", ""),
    ],
)
def test_speaker_span(words, kept):
    assert _span(words) == normalize(kept).casefold()
