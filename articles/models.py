"""Outlets and the articles they publish: the raw material claims are read from."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext, gettext_lazy
from simple_history.models import HistoricalRecords

from articles.normalization import strip_bidi_controls
from articles.querysets import (
    ArticleQuerySet,
    ImportItemQuerySet,
    ImportJobQuerySet,
    OutletQuerySet,
)
from articles.transliteration import names_document


class SearchableNames(models.Model):
    """A row known by names (an outlet, a speaker, a measure) whose claims are searched by them.

    `search_names` holds the names' words and transliteration keys (articles.transliteration),
    kept in step on save and when an alias changes (`refresh_search_names`); the claims that
    name the row copy it into their own search document (claims.search).
    """

    search_names = models.TextField(
        blank=True,
        editable=False,
        help_text="Words and transliteration keys of every name, for search (derived).",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        self.search_names = self.names_document()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_names"}
        super().save(*args, **kwargs)

    @classmethod
    def from_db(cls, db, field_names, values, *, fetch_mode=None):
        instance = super().from_db(db, field_names, values, fetch_mode=fetch_mode)
        # What the database holds, to tell whether a save changed it (claims.search).
        instance.stored_search_names = instance.__dict__.get("search_names")
        return instance

    def search_name_list(self) -> list[str]:
        """Every name the row is searched by."""
        raise NotImplementedError

    def names_document(self) -> str:
        return names_document(*self.search_name_list())

    def refresh_search_names(self) -> bool:
        """Recompute `search_names` (after an alias changed); True if it changed (and saved)."""
        document = self.names_document()
        if document == getattr(self, "stored_search_names", None):
            return False
        type(self)._default_manager.filter(pk=self.pk).update(search_names=document)
        self.search_names = self.stored_search_names = document
        return True


class StripsBidiControls:
    """Model mixin: the `bidi_free_fields` (names, titles) are saved without bidi controls.

    A name is shown in tooltips, page titles and CSV cells, where no element isolates it, so the
    controls are removed where it is written rather than at each place it is shown.
    """

    bidi_free_fields: tuple[str, ...] = ()

    def strip_bidi_controls(self) -> None:
        for name in self.bidi_free_fields:
            setattr(self, name, strip_bidi_controls(getattr(self, name)))

    def save(self, *args, **kwargs) -> None:
        self.strip_bidi_controls()
        super().save(*args, **kwargs)


class Language(models.TextChoices):
    ARABIC = "ar", gettext_lazy("Arabic")
    ENGLISH = "en", gettext_lazy("English")


class OutletKind(models.TextChoices):
    NEWS_SITE = "news_site", gettext_lazy("News site")
    WIRE = "wire", gettext_lazy("News agency / wire")
    NEWSPAPER = "newspaper", gettext_lazy("Newspaper")
    BROADCASTER = "broadcaster", gettext_lazy("TV / radio")
    GOVERNMENT = "government", gettext_lazy("Government media office")
    OTHER = "other", gettext_lazy("Other")


class Outlet(StripsBidiControls, SearchableNames):
    """A publisher or wire: Al Jazeera Net, Reuters, Bloomberg, a government media office."""

    bidi_free_fields = ("name", "name_ar", "name_en", "country")

    Kind = OutletKind

    name = models.CharField(
        max_length=200,
        unique=True,
        help_text=gettext_lazy("Display name, as the outlet writes it."),
    )
    name_ar = models.CharField(gettext_lazy("name (Arabic)"), max_length=200, blank=True)
    name_en = models.CharField(gettext_lazy("name (English)"), max_length=200, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS_SITE)
    country = models.CharField(max_length=100, blank=True)
    site = models.URLField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["search_names"])
    objects = OutletQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=OutletKind.values), name="outlet_kind_known"
            ),
            models.CheckConstraint(condition=~Q(name=""), name="outlet_name_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def names(self) -> list[str]:
        """Every spelling this outlet is known by, for matching mentions in text."""
        aliases = [a.name for a in self.aliases.all()] if self.pk else []
        spellings = [self.name, self.name_ar, self.name_en, *aliases]
        return list(dict.fromkeys(s for s in spellings if s))

    def search_name_list(self) -> list[str]:
        return self.names


class OutletAlias(StripsBidiControls, models.Model):
    """Another spelling of an outlet's name (بلومبرغ، بلومبيرغ، Bloomberg News)."""

    bidi_free_fields = ("name",)

    outlet = models.ForeignKey(Outlet, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200)

    class Meta:
        verbose_name_plural = gettext_lazy("outlet aliases")
        constraints = [
            models.UniqueConstraint(fields=["outlet", "name"], name="outlet_alias_unique"),
            models.CheckConstraint(condition=~Q(name=""), name="outlet_alias_not_empty"),
        ]

    def __str__(self) -> str:
        return self.name


class Article(StripsBidiControls, models.Model):
    """One published text. `body` is the whole imported text; claim offsets index into it."""

    bidi_free_fields = ("title", "author")  # the body is evidence: kept byte for byte

    outlet = models.ForeignKey(
        Outlet,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="articles",
        help_text=gettext_lazy("Unknown until an editor decides, unless the manifest names it."),
    )
    title = models.CharField(max_length=500)
    author = models.CharField(
        gettext_lazy("author"),
        max_length=300,
        blank=True,
        help_text=gettext_lazy("The byline, when the page names one."),
    )
    body = models.TextField()
    language = models.CharField(max_length=2, choices=Language, default=Language.ARABIC)
    url = models.URLField(max_length=1000, blank=True)
    published_on = models.DateField(null=True, blank=True)
    source_name = models.CharField(
        max_length=500, blank=True, help_text=gettext_lazy("File the article was imported from.")
    )
    content_hash = models.CharField(
        max_length=64,
        unique=True,
        help_text=gettext_lazy("SHA-256 of the text: the same text is never stored twice."),
    )
    imported_at = models.DateTimeField(auto_now_add=True)

    # The body is immutable and large: history records who re-attributed the article,
    # not copies of the text.
    history = HistoricalRecords(excluded_fields=["body"])
    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(language__in=Language.values),
                name="article_language_known",
            ),
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
            models.CheckConstraint(
                condition=Q(content_hash__regex=r"^[0-9a-f]{64}$"),
                name="article_content_hash_sha256",
            ),
        ]
        indexes = [
            models.Index(fields=["outlet", "published_on"], name="article_outlet_date_idx"),
            models.Index(fields=["published_on"], name="article_date_idx"),
            models.Index(fields=["language"], name="article_language_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_rtl(self) -> bool:
        return self.language == Language.ARABIC


class WebResource(models.Model):
    """A URL fetched before (a page or a feed): the validators for a conditional GET next time,
    and the article the page became, so that a second run fetches nothing it already has."""

    url = models.URLField(gettext_lazy("URL"), max_length=1000, unique=True)
    etag = models.CharField(gettext_lazy("ETag"), max_length=500, blank=True)
    last_modified = models.CharField(gettext_lazy("Last-Modified"), max_length=100, blank=True)
    fetched_at = models.DateTimeField(gettext_lazy("fetched at"))
    article = models.ForeignKey(
        Article,
        verbose_name=gettext_lazy("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="web_resources",
    )

    class Meta:
        verbose_name = gettext_lazy("fetched web address")
        verbose_name_plural = gettext_lazy("fetched web addresses")

    def __str__(self) -> str:
        return self.url


class ImportJob(models.Model):
    """What an editor handed in at once (URLs or a text), imported in the background item by
    item; its progress is its items'."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("handed in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(gettext_lazy("handed in at"), auto_now_add=True)

    objects = ImportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = gettext_lazy("import")
        verbose_name_plural = gettext_lazy("imports")

    def __str__(self) -> str:
        return gettext("Import %(id)s") % {"id": self.pk}


class ImportItemStatus(models.TextChoices):
    PENDING = "pending", gettext_lazy("Waiting")
    RUNNING = "running", gettext_lazy("Importing")
    RETRY = "retry", gettext_lazy("Will retry")
    ADDED = "added", gettext_lazy("Added")
    UNCHANGED = "unchanged", gettext_lazy("Already there")
    FAILED = "failed", gettext_lazy("Failed")


class ImportItem(models.Model):
    """One URL (a page or a feed) or one pasted text of an import, and what became of it."""

    Status = ImportItemStatus
    FINISHED = (Status.ADDED, Status.UNCHANGED, Status.FAILED)

    job = models.ForeignKey(
        ImportJob,
        verbose_name=gettext_lazy("import"),
        on_delete=models.CASCADE,
        related_name="items",
    )
    position = models.PositiveIntegerField(gettext_lazy("position"))
    url = models.URLField(gettext_lazy("URL"), max_length=1000, blank=True)
    text = models.TextField(
        gettext_lazy("text"), blank=True, help_text=gettext_lazy("The pasted text, if not a URL.")
    )
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    reason = models.TextField(gettext_lazy("reason"), blank=True)
    attempts = models.PositiveSmallIntegerField(gettext_lazy("attempts"), default=0)
    next_attempt_at = models.DateTimeField(gettext_lazy("next attempt at"), null=True, blank=True)
    started_at = models.DateTimeField(gettext_lazy("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(gettext_lazy("finished at"), null=True, blank=True)
    added = models.PositiveIntegerField(gettext_lazy("articles added"), default=0)
    unchanged = models.PositiveIntegerField(gettext_lazy("articles already there"), default=0)
    failed = models.PositiveIntegerField(gettext_lazy("failed"), default=0)
    claims = models.PositiveIntegerField(gettext_lazy("candidate claims"), default=0)
    article = models.ForeignKey(
        Article,
        verbose_name=gettext_lazy("article"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ImportItemQuerySet.as_manager()

    class Meta:
        verbose_name = gettext_lazy("import item")
        verbose_name_plural = gettext_lazy("import items")
        ordering = ["job", "position"]
        constraints = [
            models.UniqueConstraint(fields=["job", "position"], name="import_item_position"),
            models.CheckConstraint(
                condition=Q(status__in=ImportItemStatus.values), name="import_item_status_known"
            ),
            models.CheckConstraint(
                condition=(Q(url="") & ~Q(text="")) | (~Q(url="") & Q(text="")),
                name="import_item_url_or_text",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="import_item_due_idx"),
        ]

    def __str__(self) -> str:
        return self.url or title_snippet(self.text)

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED


def title_snippet(text: str, length: int = 80) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"
