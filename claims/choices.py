"""The fixed vocabularies of claims: qualifiers, curation statuses, speaker kinds, verdict ratings.

Kept apart from the models so that querysets, extraction, exports and templates can name them
without importing the models (and without an import cycle).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Qualifier(models.TextChoices):
    """How a figure is hedged; see docs/design.md "Numbers: what a claim records"."""

    EXACT = "exact", _("exact")
    APPROX = "approx", _("about")
    MORE_THAN = "more_than", _("more than")
    AT_LEAST = "at_least", _("at least")
    LESS_THAN = "less_than", _("less than")
    AT_MOST = "at_most", _("at most / up to")
    RANGE = "range", _("between")
    VAGUE = "vague", _("vague plural")


class Status(models.TextChoices):
    """The curation workflow: extracted → in_review → verified | disputed | rejected."""

    EXTRACTED = "extracted", _("machine-extracted")
    IN_REVIEW = "in_review", _("in review")
    VERIFIED = "verified", _("verified")
    DISPUTED = "disputed", _("disputed")
    REJECTED = "rejected", _("rejected")


# Figures an editor has decided on (counted in spreads), and figures only the extractor has
# read (counted when the reader includes machine figures); display.py words what each means.
REVIEWED = (Status.VERIFIED, Status.DISPUTED)
MACHINE = (Status.EXTRACTED, Status.IN_REVIEW)


class ExtractionMethod(models.TextChoices):
    RULES = "rules", _("rule-based extractor")
    MANUAL = "manual", _("entered by an editor")


class SpeakerKind(models.TextChoices):
    PERSON = "person", _("person")
    ORGANISATION = "organisation", _("organisation")
    COLLECTIVE = "collective", _("unnamed collective")
    OUTLET = "outlet", _("outlet (narrator)")


class SpeakerRelation(models.TextChoices):
    SAME_ROLE_DISPUTED_NAME = "same_role_disputed_name", _("same role, disputed name")
    DISTINCT = "distinct", _("different speakers: do not merge")


class OriginRelation(models.TextChoices):
    """An editor's word on whether two claims come from one original source (claims.sources)."""

    SAME = "same", _("one source: re-reports of one original")
    INDEPENDENT = "independent", _("independent sources")


class VerdictRating(models.IntegerChoices):
    """1–5 rate a figure on a scale from false to true; the others say how figures relate
    when they are not simply right or wrong (see ON_SCALE)."""

    FALSE = 1, _("false")
    MOSTLY_FALSE = 2, _("mostly false")
    MIXED = 3, _("mixed / disputed")
    MOSTLY_TRUE = 4, _("mostly true")
    TRUE = 5, _("true")
    # The figures differ but can all be true (e.g. "more than 1,000" and "about 1,600").
    COMPATIBLE = 6, _("figures compatible")
    # The figures answer different questions (withdrew vs deployed): not to be compared.
    DIFFERENT_QUESTIONS = 7, _("different questions")


# Ratings on the false-to-true scale (ClaimReview's ratingValue 1–5).
ON_SCALE = frozenset(range(VerdictRating.FALSE, VerdictRating.TRUE + 1))
