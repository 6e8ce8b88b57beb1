"""A candidate claim as the extractor finds it, before any database is involved."""

from __future__ import annotations

from dataclasses import dataclass

from claims.extraction.confidence import confidence_of


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


@dataclass(frozen=True, slots=True)
class Candidate:
    """One figure found in a text; start/end index the text as given, text[start:end] == quote."""

    value: float | None
    lower: float | None
    upper: float | None
    qualifier: str
    unit: str
    counted: str
    quote: str
    start: int
    end: int
    speaker: str | None
    relay: tuple[str, ...] = ()
    speaker_role: str = ""  # the title or office written with the name (العقيد، وزير الصحة)
    prefix: str = ""
    suffix: str = ""
    # A headline figure that repeats a body figure: the (start, end) of the body's candidate.
    repeats: tuple[int, int] | None = None
    # How the number was written (digits, words, dual, vague) and how the speaker was found
    # (narrator, verb, according, inherited, coreference, document, headline ...): confidence.
    number_kind: str = "digits"
    speaker_basis: str = "narrator"

    @property
    def confidence(self) -> float:
        """The calibrated probability that this candidate is right in full (see confidence)."""
        return confidence_of(self)

    def as_json(self) -> dict[str, object]:
        """The public contract of `extract_claims`: exactly these ten keys."""
        return {
            "value": _number(self.value),
            "lower": _number(self.lower),
            "upper": _number(self.upper),
            "qualifier": self.qualifier,
            "unit": self.unit,
            "counted": self.counted,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker,
        }
