"""The score of a figure against another figure or a measure: points a person can read, one line
per reason, and the reasons that rule a pairing out whatever the points.

    same counted thing (fighters)          +4
    same event (left)                      +2
    shared places/organisations (طرابلس)   +1 each, at most 2
    published within 31 days               +1
    figures of one order of magnitude      +1

Ruled out: different units, different events (1,400 deployed vs 1,600 withdrawn), distances whose
ends differ (Tarhuna–Tripoli vs Bani Walid–Tripoli), dates three months apart, figures fifty times
apart, two figures of one speaker in one article. Figures that merely differ are never evidence
of different questions: 180 km and 150 km to the same town are the conflict a fact-checker wants.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from articles.transliteration import name_keys
from claims.curation import units_conflict
from claims.grouping.profiles import Profile

THING_POINTS = 4
EVENT_POINTS = 2
NAME_POINTS, MAX_NAME_POINTS = 1, 2
DATE_POINTS = 1
FIGURE_POINTS = 1
REPEAT_POINTS = 3
SUBJECT_POINTS = 2  # an amount's subject stands where a count's event does
SAME_FIGURE_POINTS = 1
NO_NAME_IN_COMMON = -3
MAX_POINTS = THING_POINTS + EVENT_POINTS + MAX_NAME_POINTS + DATE_POINTS + FIGURE_POINTS

# A pairing is grouped (into one proposed measure, or as a measure's suggestion) from this score:
# the counted thing and two more points of evidence.
GROUP_AT = 7
# Curated measures are listed as ranked candidates for a claim from this score.
LIST_AT = 5

# One news cycle is one snapshot of a quantity (a toll of 45, then 48, then 50); a follow-up
# weeks later is a new question.
DATE_WINDOW_DAYS = 7
DATES_APART_DAYS = 21
# Figures twenty times apart are not one quantity disputed; within three times they may be.
FIGURES_APART = 20
SAME_ORDER = 3
# Things whose question is fixed by the places at both ends.
PLACED_THINGS = frozenset({"distance", "area"})

# The readable names of the score's parts (stored as codes in MeasureSuggestion.parts).
PART_LABELS = {
    "thing": _("same counted thing"),
    "event": _("same event"),
    "names": _("shared places and organisations"),
    "dates": _("published close together"),
    "figures": _("figures of one order of magnitude"),
    "repeat": _("a headline repeating the figure"),
    "elsewhere": _("no place or organisation in common"),
    "subject": _("same subject"),
    "same": _("the same figure"),
    "snapshot": _("a different snapshot (earlier, new, or expected)"),
    "units": _("different units"),
    "events": _("different events"),
    "ends": _("different places"),
    "apart": _("published months apart"),
    "scale": _("figures far apart in scale"),
    "speaker": _("the same speaker's two figures in one article"),
    "rejected": _("rejected by an editor"),
}


@dataclass
class Match:
    """A pairing's score and why: `parts` as [code, points, detail]; `veto` a code or ""."""

    score: int = 0
    parts: list[list] = field(default_factory=list)
    veto: str = ""

    @property
    def groups(self) -> bool:
        return not self.veto and self.score >= GROUP_AT

    def add(self, code: str, points: int, detail: str = "") -> None:
        self.parts.append([code, points, detail])
        self.score += points

    def rule_out(self, code: str, detail: str = "") -> Match:
        self.parts.append([code, 0, detail])
        self.veto = code
        self.score = 0
        return self


def _is_key(form: str) -> bool:
    return form.startswith("0")


def _matched(form: str, names: frozenset[str]) -> bool:
    return form in names or any(key in names for key in name_keys(form))


def shared_names(a: Profile, b: Profile) -> list[str]:
    """The names both profiles hold: the words themselves, else one transliteration key they
    share (فاغنر and Wagner meet on 0fgnr). Names carry their keys, so this is one set
    intersection."""
    common = a.names & b.names
    if not common:
        return []
    words = sorted(f for f in common if not _is_key(f))
    return words or sorted(common)[:1]


def rules_out(a: Profile, b: Profile) -> bool:
    """The cheap vetoes of score_pair, checked before it over many candidates: another thing,
    another event, another snapshot (unless the same figure), dates or figures far apart."""
    if a.thing != b.thing or (a.event and b.event and a.event != b.event):
        return True
    if a.marks != b.marks and (a.low is None or (a.low, a.high) != (b.low, b.high)):
        return True
    days = _days_apart(a, b)
    if days is not None and days > DATES_APART_DAYS:
        return True
    scale = _scale(a, b)
    return scale is not None and scale > FIGURES_APART


def _unmatched_anchor(a: Profile, b: Profile) -> bool:
    return any(not _is_key(f) and not _matched(f, b.names) for f in a.anchors)


def _days_apart(a: Profile, b: Profile) -> int | None:
    if not (a.first_on and a.last_on and b.first_on and b.last_on):
        return None
    if a.last_on < b.first_on:
        return (b.first_on - a.last_on).days
    if b.last_on < a.first_on:
        return (a.first_on - b.last_on).days
    return 0


def _scale(a: Profile, b: Profile) -> float | None:
    numbers = [n for n in (a.low, a.high, b.low, b.high) if n is not None]
    if len(numbers) < 4 or min(numbers) <= 0:
        return None
    low = min(max(a.low or 0, 1e-9), max(b.low or 0, 1e-9))
    high = max(a.high or 0, b.high or 0)
    # Ranges that overlap are one order whatever their width (thousands vs 1,400).
    if (a.low or 0) <= (b.high or 0) and (b.low or 0) <= (a.high or 0):
        return 1.0
    return high / low


def score_pair(a: Profile, b: Profile) -> Match:
    """How well figure `a` fits figure (or measure) `b`: see the module's docstring."""
    match = Match()
    if not a.thing or a.thing != b.thing:
        return match.rule_out("thing", f"{a.thing} / {b.thing}")
    if a.unit and b.unit and units_conflict(a.unit, b.unit):
        return match.rule_out("units", f"{a.unit} / {b.unit}")
    if a.article_id and a.article_id == b.article_id:
        # One number said twice (not a vague "thousands" of two different groups).
        same = a.low is not None and a.low == a.high and (a.low, a.high) == (b.low, b.high)
        if (
            a.repeats_id == b.claim_id
            or b.repeats_id == a.claim_id
            or (same and a.claim_id != b.claim_id)
        ):
            # A headline and its body, or one figure said twice: the same question.
            match.add("repeat", REPEAT_POINTS)
        elif a.speaker_id and a.speaker_id == b.speaker_id:
            return match.rule_out("speaker")
    match.add("thing", THING_POINTS, a.thing)
    same_figure = a.low is not None and (a.low, a.high) == (b.low, b.high)
    if a.marks != b.marks and not same_figure:
        return match.rule_out("snapshot", " / ".join(sorted(a.marks ^ b.marks)))
    if ":" in a.thing:
        match.add("subject", SUBJECT_POINTS, a.thing.split(":", 1)[1])
    if a.event and b.event:
        if a.event != b.event:
            return match.rule_out("events", f"{a.event} / {b.event}")
        match.add("event", EVENT_POINTS, a.event)
    placed = a.thing in PLACED_THINGS and a.anchors and b.anchors
    if placed and _unmatched_anchor(a, b) and _unmatched_anchor(b, a):
        return match.rule_out("ends")
    shared = shared_names(a, b)
    if shared:
        match.add("names", min(MAX_NAME_POINTS, NAME_POINTS * len(shared)), " ".join(shared[:4]))
    elif a.names and b.names and a.language == b.language:
        # Only within one language: across scripts most names cannot be matched (مصر, Egypt).
        match.add("elsewhere", NO_NAME_IN_COMMON)
    days = _days_apart(a, b)
    if days is not None:
        if days > DATES_APART_DAYS:
            return match.rule_out("apart", str(days))
        if days <= DATE_WINDOW_DAYS:
            match.add("dates", DATE_POINTS, str(days))
    scale = _scale(a, b)
    if scale is not None:
        if scale > FIGURES_APART:
            return match.rule_out("scale", f"×{scale:.0f}")
        if scale <= SAME_ORDER:
            match.add("figures", FIGURE_POINTS, f"×{scale:.1f}")
    if same_figure:
        match.add("same", SAME_FIGURE_POINTS)
    return match


def explain(parts: list[list]) -> list[str]:
    """The parts as lines a person reads: "same event (left) +2"."""
    lines = []
    for code, points, detail in parts:
        label = str(PART_LABELS.get(code, code))
        text = f"{label} ({detail})" if detail else label
        if points:
            lines.append(f"{text} {points:+d}")
        else:
            lines.append(f"{text}: ✗")
    return lines
