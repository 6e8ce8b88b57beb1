"""Speakers, measures, claims and verdicts: the figures found in articles and their curation."""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from simple_history.models import HistoricalRecords

from articles.models import Article, Outlet, SearchableNames, StripsBidiControls
from articles.normalization import normalize_for_matching
from claims.choices import (
    ExtractionMethod,
    OriginRelation,
    Qualifier,
    SpeakerKind,
    SpeakerRelation,
    Status,
    VerdictRating,
)
from claims.querysets import ClaimQuerySet, MeasureQuerySet, SpeakerQuerySet
from claims.search import claim_search_text, claim_search_title, search_document


class Speaker(StripsBidiControls, SearchableNames):
    """Who is quoted: a named person, an organisation, or an unnamed collective."""

    bidi_free_fields = ("name", "role")

    Kind = SpeakerKind

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PERSON)
    role = models.CharField(
        max_length=300,
        blank=True,
        help_text=gettext_lazy("Office or description, e.g. mayor of Bani Walid."),
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_from",
        help_text=gettext_lazy(
            "Set when an editor merged this speaker into another; kept for the record."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_names"])
    objects = SpeakerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=SpeakerKind.values), name="speaker_kind_known"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="speaker_name_not_empty"),
            models.CheckConstraint(
                condition=~Q(merged_into=F("pk")), name="speaker_not_merged_into_itself"
            ),
        ]
        indexes = [models.Index(fields=["name"], name="speaker_name_idx")]

    def __str__(self) -> str:
        return f"{self.name} ({self.role})" if self.role else self.name

    def search_name_list(self) -> list[str]:
        """The name and every alias: claims are found by any spelling of their speaker."""
        aliases = list(self.aliases.values_list("name", flat=True)) if self.pk else []
        return [self.name, *aliases]


class SpeakerAlias(StripsBidiControls, models.Model):
    """Another spelling or form of a speaker's name (عليوان، Alaywan, رئيس بلدية بني وليد)."""

    bidi_free_fields = ("name",)

    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=300)
    normalized = models.CharField(
        max_length=300,
        db_index=True,
        help_text=gettext_lazy("The name after Arabic normalization, for matching."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = gettext_lazy("speaker aliases")
        constraints = [
            models.UniqueConstraint(fields=["speaker", "normalized"], name="speaker_alias_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="speaker_alias_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        # Keep the matching key consistent with the name whatever path wrote it.
        self.strip_bidi_controls()
        self.normalized = normalize_for_matching(self.name)
        super().save(*args, **kwargs)


class Measure(StripsBidiControls, SearchableNames):
    """The question a figure answers; figures conflict only when they answer the same measure."""

    bidi_free_fields = ("name", "name_ar", "name_en", "unit", "period")

    name = models.CharField(
        max_length=300,
        unique=True,
        help_text=_lazy(
            "How editors refer to the measure (unique); pages show the name below "
            "in their language when there is one."
        ),
    )
    name_ar = models.CharField(_lazy("name (Arabic)"), max_length=300, blank=True)
    name_en = models.CharField(_lazy("name (English)"), max_length=300, blank=True)
    description = models.TextField(blank=True)
    unit = models.CharField(
        max_length=50, blank=True, help_text=gettext_lazy("people, aircraft, km, hours ...")
    )
    period = models.CharField(max_length=100, blank=True, help_text=gettext_lazy("e.g. May 2020"))
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_names"])
    objects = MeasureQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="measure_name_not_empty")]

    def __str__(self) -> str:
        return self.name

    def display_name(self, language: str | None = None) -> str:
        """The name in `language` ("ar", "en"; default: the active language), else `name`."""
        language = (language or get_language() or "").split("-")[0]
        localized = {"ar": self.name_ar, "en": self.name_en}.get(language, "")
        return localized or self.name

    def search_name_list(self) -> list[str]:
        return [self.name, self.name_ar, self.name_en]


def article_fields(article: Article) -> dict[str, object]:
    """The fields a claim copies from its article (outlet, language, date), by attribute name.

    The one definition of the copy: `Claim.copy_article_fields` (every save), the bulk paths
    (import, the benchmark generator) and `sync_claims_with_article` (an article's edit) use it.
    """
    return {
        "outlet_id": article.outlet_id,
        "language": article.language,
        "published_on": article.published_on,
    }


def sync_claims_with_article(
    sender, instance: Article, created: bool = False, raw: bool = False, **kwargs
) -> None:
    """post_save of Article: its claims' copied fields and the title in their search document
    follow the article (an UPDATE each, and one for the names when the outlet changed)."""
    if raw or created:  # fixtures come with their own copies; a new article has no claims
        return
    claims = Claim.objects.filter(article=instance)
    fields = article_fields(instance)
    if claims.exclude(**fields).update(**fields):
        claims.refresh_search_names()  # the outlet's names, perhaps
    title = search_document(instance.title)
    claims.exclude(search_title=title).update(search_title=title)


def protect_curated_claims(collector, field, sub_objs, using) -> None:
    """on_delete of Claim.article: deleting an article takes its machine claims with it, but not
    claims an editor has curated (nor, through Verdict.claim, published verdicts)."""
    curated = [claim for claim in sub_objs if claim.is_curated]
    if curated:
        raise models.ProtectedError(
            _(
                "This article has %(count)s curated claim(s): reject or move them before deleting "
                "the article, so that no editor's work is lost."
            )
            % {"count": len(curated)},
            set(curated),
        )
    models.CASCADE(collector, field, sub_objs, using)


# The largest figure a claim records, either sign: beyond any count, sum or distance in the news,
# and far inside a float's range, so that no sum, ratio or export meets an infinity.
LARGEST_FIGURE = 1e15


def validate_figure(number: float) -> None:
    """A figure is a finite number within ±LARGEST_FIGURE (the form's message; the database's
    claim_figures_finite constraint holds it for every write path)."""
    if not math.isfinite(number) or abs(number) > LARGEST_FIGURE:
        raise ValidationError(
            _("A figure must be a finite number between -%(largest)s and %(largest)s."),
            code="figure_out_of_range",
            params={"largest": f"{LARGEST_FIGURE:,.0f}"},
        )


def figures_finite() -> Q:
    """value, lower and upper each empty or within ±LARGEST_FIGURE (NaN and ±inf fail: NaN
    compares above every number on PostgreSQL, SQLite stores it as NULL)."""
    condition = Q()
    for name in ("value", "lower", "upper"):
        condition &= Q(**{f"{name}__isnull": True}) | Q(
            **{f"{name}__gte": -LARGEST_FIGURE, f"{name}__lte": LARGEST_FIGURE}
        )
    return condition


class Claim(models.Model):
    """One figure as it appears in one article, with its quote, speaker and relay chain."""

    CONTEXT_CHARS = 64  # how much of the article around the quote `prefix`/`suffix` keep
    # What search_text and search_title are made of (claims.search).
    SEARCHED_FIELDS = frozenset({"quote", "counted", "speaker_text", "article", "article_id"})

    article = models.ForeignKey(Article, on_delete=protect_curated_claims, related_name="claims")
    # Copies of the article's outlet, language and date, kept in step with the article (see
    # article_fields), so that filters and keyset pagination over millions of claims use one
    # index instead of a join.
    outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="published_claims",
    )
    language = models.CharField(max_length=2, default="ar", editable=False)
    published_on = models.DateField(null=True, blank=True, editable=False)
    speaker = models.ForeignKey(
        Speaker, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    speaker_text = models.CharField(
        max_length=300,
        blank=True,
        help_text=gettext_lazy("The speaker as the text names them, before linking."),
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.SET_NULL, null=True, blank=True, related_name="claims"
    )
    repeats = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="repeated_by",
        help_text="For a headline figure: the body claim it repeats (same figure, same speaker).",
    )
    relay_outlets = models.ManyToManyField(
        Outlet, through="ClaimRelay", related_name="relayed_claims", blank=True
    )

    value = models.FloatField(null=True, blank=True, validators=[validate_figure])
    lower = models.FloatField(null=True, blank=True, validators=[validate_figure])
    upper = models.FloatField(null=True, blank=True, validators=[validate_figure])
    qualifier = models.CharField(max_length=10, choices=Qualifier.choices, default=Qualifier.EXACT)
    unit = models.CharField(max_length=50, blank=True)
    counted = models.CharField(
        max_length=300, blank=True, help_text=gettext_lazy("What is counted.")
    )

    quote = models.TextField(
        help_text=gettext_lazy("The exact text of the figure: article.body[start:end].")
    )
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    prefix = models.CharField(
        max_length=64, blank=True, help_text=gettext_lazy("Text just before the quote.")
    )
    suffix = models.CharField(
        max_length=64, blank=True, help_text=gettext_lazy("Text just after the quote.")
    )

    status = models.CharField(max_length=10, choices=Status.choices, default=Status.EXTRACTED)
    extraction_method = models.CharField(
        max_length=10, choices=ExtractionMethod.choices, default=ExtractionMethod.RULES
    )
    confidence = models.FloatField(default=1.0)
    note = models.TextField(blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_claims",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1,
        help_text=gettext_lazy("Bumped on every save; a stale form loses to a newer version."),
    )
    # The search document in three parts (claims.search): the claim's own words, the names of
    # its speaker, measure and outlets (copied in bulk when they change), its article's title.
    search_text = models.TextField(
        blank=True,
        editable=False,
        help_text=_lazy("Stemmed words of the quote, what is counted and the speaker as written."),
    )
    search_names = models.TextField(
        blank=True,
        editable=False,
        help_text=_lazy("Names of the speaker, measure, outlet and relays, with transliterations."),
    )
    search_title = models.TextField(
        blank=True, editable=False, help_text=_lazy("Stemmed words of the article's title.")
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords(
        excluded_fields=["updated_at", "search_text", "search_names", "search_title"]
    )
    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["article_id", "start"]
        constraints = [
            models.UniqueConstraint(fields=["article", "start", "end"], name="claim_unique_span"),
            models.CheckConstraint(condition=Q(start__lt=F("end")), name="claim_start_before_end"),
            models.CheckConstraint(
                condition=Q(lower__isnull=True) | Q(upper__isnull=True) | Q(lower__lte=F("upper")),
                name="claim_lower_le_upper",
            ),
            models.CheckConstraint(
                condition=Q(status__in=Status.values),
                name="claim_status_known",
            ),
            models.CheckConstraint(
                condition=Q(qualifier__in=Qualifier.values),
                name="claim_qualifier_known",
            ),
            models.CheckConstraint(
                condition=Q(extraction_method__in=ExtractionMethod.values),
                name="claim_extraction_method_known",
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="claim_confidence_0_1",
            ),
            # A figure is a number or an interval: never nothing at all.
            models.CheckConstraint(
                condition=Q(value__isnull=False) | Q(lower__isnull=False) | Q(upper__isnull=False),
                name="claim_has_a_number",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="claim_version_positive"),
            models.CheckConstraint(condition=figures_finite(), name="claim_figures_finite"),
        ]
        indexes = [
            models.Index(fields=["status", "-id"], name="claim_status_idx"),
            # The review queue least sure first: status filter, then confidence order.
            models.Index(fields=["status", "confidence", "id"], name="claim_status_confidence_idx"),
            # Covering: a measure's count, lowest and highest figure (Measure.with_spread) read
            # from the index alone, 217 → 22 ms for a measure of 66k claims; the qualifier is
            # there because vague figures are left out of the bounds.
            models.Index(
                fields=["measure", "status"],
                include=["value", "lower", "upper", "qualifier", "id"],
                name="claim_measure_figures_idx",
            ),
            models.Index(fields=["speaker", "-id"], name="claim_speaker_idx"),
            models.Index(fields=["qualifier", "-id"], name="claim_qualifier_idx"),
            models.Index(fields=["value"], name="claim_value_idx"),
            models.Index(fields=["outlet", "-id"], name="claim_outlet_idx"),
            models.Index(fields=["language", "-id"], name="claim_language_idx"),
            models.Index(fields=["published_on", "id"], name="claim_date_idx"),
            models.Index(fields=["value", "id"], name="claim_value_id_idx"),
            models.Index(fields=["measure", "-id"], name="claim_measure_id_idx"),
            models.Index(fields=["updated_at"], name="claim_updated_idx"),
            models.Index(fields=["outlet", "published_on", "id"], name="claim_outlet_date_idx"),
            models.Index(fields=["speaker", "published_on", "id"], name="claim_speaker_date_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.quote} [{self.get_qualifier_display()}]"

    def save(self, *args, **kwargs) -> None:
        # Keep the copied article fields consistent whatever path saved the claim.
        self.copy_article_fields()
        update_fields = kwargs.get("update_fields")
        if update_fields is None:
            self.refresh_search_text()
        elif self.SEARCHED_FIELDS.intersection(update_fields):
            self.refresh_search_text()
            kwargs["update_fields"] = {*update_fields, "search_text", "search_title"}
        super().save(*args, **kwargs)
        if self._named_rows() != getattr(self, "_stored_names", None):
            # A new speaker, measure or outlet: their names, and the relays', in one UPDATE.
            type(self).objects.filter(pk=self.pk).refresh_search_names()
            self._stored_names = self._named_rows()

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        claim = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        claim._stored_names = claim._named_rows()
        return claim

    def _named_rows(self) -> tuple:
        # The rows whose names are in the claim's search_names (read without loading any).
        return tuple(self.__dict__.get(f) for f in ("speaker_id", "measure_id", "outlet_id"))

    def copy_article_fields(self) -> None:
        """Copy the article's outlet, language and date onto the claim (see article_fields)."""
        for name, value in article_fields(self.article).items():
            setattr(self, name, value)

    def refresh_context(self) -> None:
        """Set `prefix`/`suffix` from the article text around the quote's span.

        They are derived, never typed: a form that let them be edited (and stripped) glued
        words together on the public pages.
        """
        body = self.article.body
        self.prefix = body[max(0, self.start - self.CONTEXT_CHARS) : self.start]
        self.suffix = body[self.end : self.end + self.CONTEXT_CHARS]

    def refresh_search_text(self) -> None:
        """Recompute the parts of the search document that come from the claim itself and its
        article (claims.search); the names part follows its rows (refresh_search_names)."""
        self.search_text = claim_search_text(self)
        self.search_title = claim_search_title(self)

    @property
    def is_curated(self) -> bool:
        """An editor has touched this claim: re-import must leave it alone."""
        return (
            self.status != Status.EXTRACTED
            or self.reviewed_by_id is not None
            or self.extraction_method == ExtractionMethod.MANUAL
            or self.version > 1
        )


class ClaimRelay(models.Model):
    """One outlet in a claim's relay chain, in order from the speaker towards the article."""

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="relays")
    outlet = models.ForeignKey(Outlet, on_delete=models.PROTECT, related_name="relays")
    position = models.PositiveSmallIntegerField()

    history = HistoricalRecords()

    class Meta:
        ordering = ["claim", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "position"], name="claim_relay_position_unique"
            ),
            models.UniqueConstraint(fields=["claim", "outlet"], name="claim_relay_outlet_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.outlet}"


class Verdict(models.Model):
    """An editor's rating of a claim or a measure, publishable as schema.org ClaimReview."""

    Rating = VerdictRating

    # A published verdict keeps its claim: the claim cannot be deleted from under it.
    claim = models.ForeignKey(
        Claim, on_delete=models.PROTECT, null=True, blank=True, related_name="verdicts"
    )
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="verdicts"
    )
    rating = models.PositiveSmallIntegerField(choices=Rating.choices)
    summary = models.TextField(
        help_text=gettext_lazy("The verdict in a sentence or two, as published.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verdicts"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(claim__isnull=False) | Q(measure__isnull=False),
                name="verdict_rates_something",
            ),
            models.CheckConstraint(
                condition=Q(rating__in=VerdictRating.values), name="verdict_rating_known"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rating_display()}: {self.claim or self.measure}"


class SpeakerLink(models.Model):
    """Two speakers an editor keeps apart but relates, e.g. one office named two ways by outlets.

    The mayor of Bani Walid appears as سالم عليوان and as سالم نوير: until the name is settled the
    two stay separate speakers (their claims keep what each outlet printed), linked as "same role,
    disputed name". The pair is stored once, lower id first.
    """

    Relation = SpeakerRelation

    # The pair in id order, so that (x, y) and (y, x) are one row.
    first_speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="links_as_first"
    )
    second_speaker = models.ForeignKey(
        Speaker, on_delete=models.CASCADE, related_name="links_as_second"
    )
    relation = models.CharField(
        max_length=30, choices=Relation.choices, default=Relation.SAME_ROLE_DISPUTED_NAME
    )
    note = models.TextField(
        blank=True, help_text=gettext_lazy("Why: which outlets say which name.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["first_speaker", "second_speaker"]
        constraints = [
            models.UniqueConstraint(
                fields=["first_speaker", "second_speaker"], name="speaker_link_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(first_speaker__lt=F("second_speaker")),
                name="speaker_link_a_before_b",
            ),
            models.CheckConstraint(
                condition=Q(relation__in=SpeakerRelation.values), name="speaker_link_relation_known"
            ),
        ]

    def __str__(self) -> str:
        return (
            f"{self.first_speaker.name} ↔ {self.second_speaker.name}: {self.get_relation_display()}"
        )

    def other(self, speaker: Speaker) -> Speaker:
        if speaker.pk == self.first_speaker_id:
            return self.second_speaker
        return self.first_speaker

    @classmethod
    def pair(cls, one: Speaker, other: Speaker) -> dict[str, Speaker]:
        """The two speakers as this table stores them (lower id first), as filter kwargs."""
        first, second = sorted((one, other), key=lambda s: s.pk)
        return {"first_speaker": first, "second_speaker": second}

    @classmethod
    def involving(cls, speaker: Speaker) -> Q:
        """Links that name `speaker` on either side."""
        return Q(first_speaker=speaker) | Q(second_speaker=speaker)


class SpeakerMerge(models.Model):
    """The record of one merge: `dropped` was merged into `kept`, by whom, what moved."""

    kept = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="merges_kept")
    dropped = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="merges_dropped")
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    merged_at = models.DateTimeField(auto_now_add=True)
    claims_moved = models.PositiveIntegerField(default=0)
    aliases_moved = models.PositiveIntegerField(default=0)
    claim_ids = models.JSONField(
        default=list, help_text=gettext_lazy("The claims moved, to undo by hand.")
    )

    class Meta:
        ordering = ["-merged_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(kept=F("dropped")), name="speaker_merge_not_into_itself"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.dropped.name} → {self.kept.name}"


class OriginOverride(models.Model):
    """An editor's decision that two claims come from one original source, or from two
    independent ones: it wins over what claims.sources would decide (see that module).

    The pair is stored once, lower claim id first, like SpeakerLink; who decided and when are
    on the row and every change is in its history.
    """

    Relation = OriginRelation

    first_claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="origins_as_first"
    )
    second_claim = models.ForeignKey(
        Claim, on_delete=models.CASCADE, related_name="origins_as_second"
    )
    relation = models.CharField(max_length=20, choices=Relation.choices)
    note = models.TextField(
        blank=True, help_text=gettext_lazy("Why: which report each outlet took the figure from.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["first_claim", "second_claim"]
        verbose_name = gettext_lazy("source decision")
        verbose_name_plural = gettext_lazy("source decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["first_claim", "second_claim"], name="origin_override_unique_pair"
            ),
            models.CheckConstraint(
                condition=Q(first_claim__lt=F("second_claim")),
                name="origin_override_first_before_second",
            ),
            models.CheckConstraint(
                condition=Q(relation__in=OriginRelation.values),
                name="origin_override_relation_known",
            ),
        ]

    def __str__(self) -> str:
        return _("claims #%(first)s and #%(second)s: %(relation)s") % {
            "first": self.first_claim_id,
            "second": self.second_claim_id,
            "relation": self.get_relation_display(),
        }

    def other(self, claim_id: int) -> int:
        """The id of the pair's other claim."""
        return self.second_claim_id if claim_id == self.first_claim_id else self.first_claim_id

    @classmethod
    def pair(cls, one: Claim, other: Claim) -> dict[str, Claim]:
        """The two claims as this table stores them (lower id first), as filter kwargs."""
        first, second = sorted((one, other), key=lambda c: c.pk)
        return {"first_claim": first, "second_claim": second}


class CurationLoad(models.Model):
    """A curation file applied by `load_curation`: recorded so that it is applied only once.

    A second `make run` finds the file's hash here and changes nothing, so an editor's later
    change is never put back by the seed curation.
    """

    name = models.CharField(max_length=300)
    sha256 = models.CharField(max_length=64, unique=True)
    applied_at = models.DateTimeField(auto_now_add=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-applied_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.applied_at:%Y-%m-%d %H:%M})"


# Measure suggestions (claims.grouping) --------------------------------------------------------


class GroupingProfile(models.Model):
    """What the grouping reads of a figure or a question: the counted thing (a concept key after
    normalization, stemming and synonyms), the unit, the event (left, deployed, killed ...), the
    places and organisations named near it, its dates and figures. See claims/grouping/."""

    thing = models.CharField(max_length=100, blank=True)
    unit = models.CharField(max_length=50, blank=True)
    event = models.CharField(max_length=30, blank=True)
    # Time marks near the figure: past, increment, forecast, year:2023 (padded like names).
    marks = models.CharField(max_length=200, blank=True)
    # The language of the text the names were read from: names are compared within one.
    language = models.CharField(max_length=2, blank=True)
    # Names as stems and transliteration keys, padded with spaces (" بني وليد 0bny 0wld ").
    names = models.TextField(blank=True)
    # The two names nearest the figure (a distance's two ends), same form.
    anchors = models.TextField(blank=True)
    first_on = models.DateField(null=True, blank=True)
    last_on = models.DateField(null=True, blank=True)
    low = models.FloatField(null=True, blank=True)
    high = models.FloatField(null=True, blank=True)

    class Meta:
        abstract = True


class ClaimProfile(GroupingProfile):
    """A claim's grouping profile, stored so that candidates are found through an index."""

    claim = models.OneToOneField(
        Claim, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )

    class Meta:
        indexes = [
            # Candidates: the same counted thing, dated near the new figure.
            models.Index(fields=["thing", "first_on"], name="claim_profile_thing_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.thing} ({self.claim_id})"


class MeasureProfile(GroupingProfile):
    """A curated measure's profile: from its names, unit and period, and its claims'."""

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, primary_key=True, related_name="profile"
    )
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [models.Index(fields=["thing"], name="measure_profile_thing_idx")]

    def __str__(self) -> str:
        return f"{self.thing} ({self.measure_id})"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _lazy("proposed")
    ACCEPTED = "accepted", _lazy("accepted")
    REJECTED = "rejected", _lazy("rejected")


class MeasureProposal(GroupingProfile):
    """A measure the machine proposes for claims that fit no curated measure: the claims and a
    label built from the counted noun, the place and the month. Nothing is a Measure until an
    editor accepts it (claims.grouping.decisions.accept_proposal)."""

    Status = ProposalStatus

    label = models.CharField(_lazy("label"), max_length=300)
    status = models.CharField(
        _lazy("status"), max_length=10, choices=ProposalStatus.choices, default="open"
    )
    score = models.FloatField(_lazy("score"), default=0)
    measure = models.ForeignKey(
        Measure,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposals",
        help_text=_lazy("The measure made from this proposal when an editor accepted it."),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _lazy("proposed measure")
        verbose_name_plural = _lazy("proposed measures")
        ordering = ["-score", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ProposalStatus.values), name="proposal_status_known"
            ),
        ]
        indexes = [models.Index(fields=["thing", "status"], name="proposal_thing_idx")]

    def __str__(self) -> str:
        return self.label


class SuggestionStatus(models.TextChoices):
    SUGGESTED = "suggested", _lazy("suggested")
    ACCEPTED = "accepted", _lazy("accepted")
    REJECTED = "rejected", _lazy("rejected")


class MeasureSuggestion(models.Model):
    """One claim suggested for one measure (curated or proposed), with a score a person can read
    (`parts`: each reason and its points). A rejected suggestion stays, so that the pairing is
    never proposed again."""

    Status = SuggestionStatus

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="suggestions")
    measure = models.ForeignKey(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="suggestions"
    )
    proposal = models.ForeignKey(
        MeasureProposal,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="suggestions",
    )
    score = models.FloatField(_lazy("score"))
    parts = models.JSONField(_lazy("why"), default=list)
    rank = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(
        _lazy("status"), max_length=10, choices=SuggestionStatus.choices, default="suggested"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _lazy("measure suggestion")
        verbose_name_plural = _lazy("measure suggestions")
        ordering = ["claim", "rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=True) ^ Q(proposal__isnull=True),
                name="suggestion_one_target",
            ),
            models.UniqueConstraint(
                fields=["claim", "measure"],
                condition=Q(measure__isnull=False),
                name="suggestion_unique_measure",
            ),
            models.UniqueConstraint(
                fields=["claim", "proposal"],
                condition=Q(proposal__isnull=False),
                name="suggestion_unique_proposal",
            ),
            models.CheckConstraint(
                condition=Q(status__in=SuggestionStatus.values), name="suggestion_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-score"], name="suggestion_status_idx"),
            models.Index(fields=["proposal", "status"], name="suggestion_proposal_idx"),
            models.Index(fields=["measure", "status"], name="suggestion_measure_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.claim_id} → {self.measure or self.proposal} ({self.score:g})"


class RejectedPairing(models.Model):
    """Two claims an editor said answer different questions: never proposed together again
    (stored once, lower id first)."""

    first_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    second_claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="+")
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    rejected_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["first_claim", "second_claim"], name="rejected_pairing_unique"
            ),
            models.CheckConstraint(
                condition=Q(first_claim__lt=F("second_claim")), name="rejected_pairing_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_claim_id} ≠ {self.second_claim_id}"


class ConflictStatus(models.TextChoices):
    PROPOSED = "proposed", _lazy("proposed measure")
    CURATED = "curated", _lazy("curated measure")


class Conflict(models.Model):
    """A measure (curated, or proposed by the grouping) whose figures cannot all be true, kept
    up to date by claims.grouping.conflicts so that the conflict inbox reads one small table:
    the widest disagreement (highest lower bound ÷ lowest upper bound), the figures to show,
    the outlets and places involved, the dates."""

    Status = ConflictStatus

    measure = models.OneToOneField(
        Measure, on_delete=models.CASCADE, null=True, blank=True, related_name="conflict"
    )
    proposal = models.OneToOneField(
        MeasureProposal, on_delete=models.CASCADE, null=True, blank=True, related_name="conflict"
    )
    status = models.CharField(max_length=10, choices=ConflictStatus.choices)
    label = models.CharField(max_length=300)
    unit = models.CharField(max_length=50, blank=True)
    # The widest pair that cannot both be true: the lowest upper bound and the highest lower one.
    low = models.FloatField()
    high = models.FloatField()
    disagreement = models.FloatField(help_text=_lazy("high ÷ low: how far apart the figures are"))
    claim_count = models.PositiveIntegerField(default=0)
    # The figures a row shows (the widest pair first, then other distinct figures).
    claim_ids = models.JSONField(default=list)
    places = models.TextField(blank=True, help_text=_lazy("Place names, for the place filter."))
    first_on = models.DateField(null=True, blank=True)
    last_on = models.DateField(null=True, blank=True)
    outlets = models.ManyToManyField(Outlet, related_name="conflicts", blank=True)
    refreshed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-disagreement", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(measure__isnull=True) ^ Q(proposal__isnull=True),
                name="conflict_one_measure",
            ),
            models.CheckConstraint(
                condition=Q(status__in=ConflictStatus.values), name="conflict_status_known"
            ),
        ]
        indexes = [
            models.Index(fields=["-disagreement", "id"], name="conflict_widest_idx"),
            models.Index(fields=["status", "-disagreement", "id"], name="conflict_status_idx"),
        ]

    def __str__(self) -> str:
        return self.label


class RefreshMark(models.Model):
    """When something kept from the claims (the curated measures' profiles and conflict rows)
    was last brought up to date: the next refresh looks only at claims changed since."""

    name = models.CharField(max_length=50, unique=True)
    at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.at:%Y-%m-%d %H:%M:%S}"
