"""Search: what a claim is found by, how a query is read, and keeping both in step.

A claim's search document has three parts, each a column of normalized, light-stemmed words
padded with spaces (" word word "), weighted by where the words come from:

- `search_text` (A): the quote, what is counted and the speaker as the text names them;
- `search_names` (B): the names of the claim's speaker (with aliases), measure (Arabic and
  English), publishing outlet and relay outlets (with aliases), each name's words with their
  transliteration keys (articles.transliteration): so Wagner finds a measure named فاغنر;
- `search_title` (D): the article's title, which names everyone the article is about.

`search_names` is copied from the speaker's, measure's and outlets' own `search_names` by UPDATEs
over the claims a change touches (`refresh_search_names`, in batches of RENAME_BATCH for
renames): renaming a speaker, adding an alias or renaming a measure rewrites its claims in bulk,
never one by one.

PostgreSQL matches the stored, GIN-indexed tsvector of the three columns (weights A, B, D; the
`simple` configuration, since the words are stemmed here); SQLite matches " word " in the
columns. Both give every matching claim a score, the sum over query words of the weight of the
best part the word is found in (quote 4, names 2, title 1), so that a claim that names حفتر
only in its article's title comes after those that quote him.
"""

from __future__ import annotations

import functools
import operator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchQuery, SearchVectorExact
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models.functions import Coalesce, Concat
from django.utils.translation import gettext as _

from articles.normalization import search_terms, search_words, stem
from articles.transliteration import name_keys

if TYPE_CHECKING:
    from claims.models import Claim

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
# Ranking reads each candidate's document: "best match first" ranks the newest this many
# matches (four pages of 50), then lists older matches newest first (claims.pagination), so that
# the work of one request stays bounded however common the words are. At 1M claims a window of
# 1,000 cost up to 200 ms a page for a word in 1% of claims (finding the window's start walks
# 100k rows); 200 keeps a ranked page near an unranked one (bench/results/*-search-*).
RANKED_MATCHES = 200

# Weights of the parts, for the score (PostgreSQL's weight letters in brackets).
QUOTE_WEIGHT, NAMES_WEIGHT, TITLE_WEIGHT = 4, 2, 1

# Words that say nothing about which claims to show: left out of a query (unless it has no
# other word), as PostgreSQL's language configurations would.
STOPWORDS = frozenset(
    stem(word)
    for word in (
        *"a an and are as at be by for from in is of on or the to was were with".split(),
        *"في من على عن الى إلى او أو ان أن إن التي الذي الذين".split(),
        *"مع هذا هذه ذلك تلك قد ما لا ثم".split(),
    )
)


class SearchQueryError(ValueError):
    """A query beyond the caps; the message is shown to the reader as is."""


@dataclass(frozen=True)
class Term:
    """One word of a query: its stem, and the transliteration keys a name spelled so has."""

    stem: str
    keys: tuple[str, ...] = ()


def parse_query(text: str) -> list[Term]:
    """The words of a search query, or SearchQueryError past MAX_TERMS or MAX_QUERY_CHARS.

    Words are deduplicated by stem ("mercenary mercenaries" is one word); stopwords are left out
    unless the query has nothing else.
    """
    too_long = SearchQueryError(
        _("A search can be at most %(limit)s characters long (this one has %(count)s).")
        % {"limit": MAX_QUERY_CHARS, "count": f"{len(text):,}"}
    )
    if len(text) > 100 * MAX_QUERY_CHARS:  # not even worth reading the words of
        raise too_long
    terms: dict[str, dict[str, None]] = {}
    for word in search_words(text):
        keys = terms.setdefault(stem(word), {})
        keys.update(dict.fromkeys(name_keys(word)))
    found = [Term(s, tuple(keys)) for s, keys in terms.items()]
    searched = [term for term in found if term.stem not in STOPWORDS] or found
    if len(searched) > MAX_TERMS:
        raise SearchQueryError(
            _("A search can use at most %(limit)s words (this one has %(count)s).")
            % {"limit": MAX_TERMS, "count": f"{len(searched):,}"}
        )
    if len(text) > MAX_QUERY_CHARS:
        raise too_long
    return searched


# Documents -------------------------------------------------------------------------------------


def search_document(*parts: str | None) -> str:
    """The words a claim is found by in these texts: stems, deduplicated, padded with spaces.

    Storing stems (المرتزقة → مرتزق) rather than raw text means a query goes through the very
    same pipeline as the document, so both databases agree on what matches.
    """
    terms = search_terms(" ".join(p for p in parts if p))
    return f" {' '.join(terms)} " if terms else ""


def claim_search_text(claim: Claim) -> str:
    """Part A of a claim's document: its quote, what is counted, the speaker as written."""
    return search_document(claim.quote, claim.counted, claim.speaker_text)


def claim_search_title(claim: Claim) -> str:
    """Part D of a claim's document: its article's title."""
    return search_document(claim.article.title)


def names_expression(claim_model: type[models.Model]) -> models.Expression:
    """Part B of a claim's document, in SQL: its speaker's, measure's, outlet's and relay
    outlets' stored `search_names`, concatenated (each is padded, so words stay apart)."""
    relay_model = claim_model._meta.get_field("relays").related_model
    text = models.TextField()

    def names_of(field: str) -> models.Expression:
        related = claim_model._meta.get_field(field).related_model
        names = (
            related._default_manager.filter(pk=models.OuterRef(field))
            .order_by()  # one row: no sort by the model's ordering, per claim
            .values("search_names")
        )
        return Coalesce(models.Subquery(names[:1]), models.Value(""), output_field=text)

    relays = (
        relay_model._default_manager.filter(claim=models.OuterRef("pk"))
        .order_by()
        .values("claim")
        .annotate(
            names=models.StringAgg(
                "outlet__search_names", delimiter=models.Value(""), output_field=text
            )
        )
        .values("names")
    )
    return Concat(
        names_of("speaker"),
        names_of("measure"),
        names_of("outlet"),
        Coalesce(models.Subquery(relays), models.Value(""), output_field=text),
        output_field=text,
    )


def joined_names(*documents: str | None) -> str:
    """Part B from the stored names of the speaker, measure, outlet and relay outlets, in that
    order: what names_expression computes in SQL, for writers of many rows at once (a
    migration, the benchmark's generator)."""
    return "".join(document or "" for document in documents)


def refresh_search_names(claims: models.QuerySet) -> int:
    """Rebuild part B of these claims' documents in one UPDATE; returns the claims updated."""
    return claims.update(search_names=names_expression(claims.model))


RENAME_BATCH = 5000  # claims rewritten per UPDATE when a name changes


def refresh_search_names_in_batches(claims: models.QuerySet) -> int:
    """`refresh_search_names` in UPDATEs of at most RENAME_BATCH claims, in id order.

    Renaming a speaker quoted 100,000 times rewrites 100,000 rows and their index entries:
    in batches no statement holds its locks or runs long (a statement timeout, a page waiting
    on a row), and a rename of a rarely quoted name is still one SELECT and one UPDATE.
    """
    model, done, last = claims.model, 0, 0
    ids = claims.order_by("id").values_list("id", flat=True)
    while True:
        batch = list(ids.filter(id__gt=last)[:RENAME_BATCH])
        if batch:
            done += refresh_search_names(model._default_manager.filter(id__in=batch))
            last = batch[-1]
        if len(batch) < RENAME_BATCH:
            return done


# Queries ---------------------------------------------------------------------------------------


def _tsquery(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="raw", config="simple")


def _lexeme(word: str, weight: str = "") -> str:
    escaped = word.replace("\\", "\\\\").replace("'", "''")
    return f"'{escaped}'{':' + weight if weight else ''}"


def match_condition(terms: list[Term], vendor: str, vector: models.Expression | None = None):
    """Claims holding every term (its stem anywhere, or one of its keys among the names)."""
    if vendor == "postgresql":
        # One tsquery, (stem | key | key) & (…): one parameter, however many words.
        query = " & ".join(f"({' | '.join(map(_lexeme, (t.stem, *t.keys)))})" for t in terms)
        return SearchVectorExact(vector, _tsquery(query))
    condition = models.Q()
    for term in terms:
        condition &= (
            _contains("search_text", term.stem)
            | _names_contain(term)
            | _contains("search_title", term.stem)
        )
    return condition


def score_expression(terms: list[Term], vendor: str, vector: models.Expression | None = None):
    """Per claim: Σ over terms of the weight of the best part that holds the term."""
    cases = []
    for term in terms:
        if vendor == "postgresql":
            in_quote = SearchVectorExact(vector, _tsquery(_lexeme(term.stem, "A")))
            names = " | ".join(_lexeme(word, "B") for word in (term.stem, *term.keys))
            in_names = SearchVectorExact(vector, _tsquery(names))
        else:
            in_quote, in_names = _contains("search_text", term.stem), _names_contain(term)
        cases.append(
            models.Case(
                models.When(in_quote, then=models.Value(QUOTE_WEIGHT)),
                models.When(in_names, then=models.Value(NAMES_WEIGHT)),
                default=models.Value(TITLE_WEIGHT),
                output_field=models.IntegerField(),
            )
        )
    return functools.reduce(operator.add, cases) if cases else models.Value(0)


def _contains(column: str, word: str) -> models.Q:
    return models.Q(**{f"{column}__contains": f" {word} "})


def _names_contain(term: Term) -> models.Q:
    condition = _contains("search_names", term.stem)
    for key in term.keys:
        condition |= _contains("search_names", key)
    return condition


# Keeping documents in step ----------------------------------------------------------------------
# Connected in claims.apps: every path that renames a speaker, measure or outlet, adds or drops
# an alias or changes a relay (admin, curation, import, shell) rewrites the claims it touches,
# one UPDATE per RENAME_BATCH claims, never one per claim.


def claims_named_by(row: models.Model) -> models.QuerySet:
    """The claims whose names document holds this speaker's, measure's or outlet's names."""
    from articles.models import Outlet
    from claims.models import Claim, ClaimRelay, Measure, Speaker

    if isinstance(row, Speaker):
        return Claim.objects.filter(speaker=row)
    if isinstance(row, Measure):
        return Claim.objects.filter(measure=row)
    if isinstance(row, Outlet):
        relayed = ClaimRelay.objects.filter(outlet=row).values("claim_id")
        return Claim.objects.filter(models.Q(outlet=row) | models.Q(pk__in=relayed))
    raise TypeError(f"{type(row).__name__} names no claims")


def names_saved(sender, instance, created: bool = False, raw: bool = False, **kwargs) -> None:
    """post_save of Speaker, Measure, Outlet: when its names changed, so do its claims'."""
    if raw:
        return
    changed = instance.search_names != getattr(instance, "stored_search_names", None)
    instance.stored_search_names = instance.search_names
    if changed and not created:
        refresh_search_names_in_batches(claims_named_by(instance))


def _aliases_changed(owner_of, instance, raw: bool) -> None:
    if raw:
        return
    try:
        owner = owner_of(instance)
    except ObjectDoesNotExist:  # the speaker or outlet itself is being deleted
        return
    if owner.refresh_search_names():
        refresh_search_names_in_batches(claims_named_by(owner))


def speaker_alias_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save / post_delete of SpeakerAlias."""
    _aliases_changed(lambda alias: alias.speaker, instance, raw)


def outlet_alias_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save / post_delete of OutletAlias."""
    _aliases_changed(lambda alias: alias.outlet, instance, raw)


def relay_changed(sender, instance, raw: bool = False, **kwargs) -> None:
    """post_save / post_delete of ClaimRelay: the claim's relays are part of its names."""
    if raw:
        return
    from claims.models import Claim

    Claim.objects.filter(pk=instance.claim_id).refresh_search_names()
