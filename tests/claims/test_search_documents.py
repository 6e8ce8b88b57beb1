"""What a claim is found by beyond its quote: its speaker's names and aliases, its measure in
Arabic and English, its outlets and relays, transliterations of each; the article title counts
least; the documents follow every rename in bulk; the seeds find the story."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from articles.importing import import_paths
from articles.models import Outlet, OutletAlias
from claims.models import Claim, ClaimRelay, Measure, Speaker, SpeakerAlias
from claims.search import NAMES_WEIGHT, QUOTE_WEIGHT, TITLE_WEIGHT
from tests.conftest import SEEDS, make_article, make_claim

pytestmark = pytest.mark.django_db

BODY = "قال المتحدث إن 1600 عنصر غادروا الجبهة، وإن 300 آخرين بقوا."


def found(query: str) -> set[int]:
    return set(Claim.objects.all().search(query).values_list("pk", flat=True))


def ranked(query: str):
    """Every match of the query, best first, with its score (`search_rank`)."""
    matches = Claim.objects.all().search(query)
    return matches.ranked(matches.newest_ids(1000))


@pytest.fixture
def story():
    """One article with two claims: a named speaker, a measure, a relay outlet."""
    article = make_article(BODY, title="تقرير")
    speaker = Speaker.objects.create(name="محمد قنونو")
    SpeakerAlias.objects.create(speaker=speaker, name="Gnounou")
    measure = Measure.objects.create(
        name="Wagner fighters who left the front", name_ar="مقاتلو فاغنر الذين غادروا الجبهة"
    )
    reuters = Outlet.objects.create(name="رويترز", name_en="Reuters")
    named = make_claim(article, "1600 عنصر", 1600, speaker=speaker, measure=measure)
    ClaimRelay.objects.create(claim=named, outlet=reuters, position=1)
    plain = make_claim(article, "300 آخرين", 300)
    return {"named": named, "plain": plain, "speaker": speaker, "measure": measure}


@pytest.mark.parametrize(
    "query",
    [
        "قنونو",  # the speaker's name
        "Gnounou",  # an alias
        "Qanunu",  # a transliteration of the name
        "Wagner",  # the measure's English name
        "فاغنر",  # its Arabic name
        "فاجنر",  # ... spelled with ج
        "جبهة",  # a word of the Arabic name, in another form
        "Reuters",  # a relay outlet, by its English name
        "رويترز",  # ... and its Arabic one
        "Wagner Reuters",  # every word, from any part
    ],
)
def test_names_find_the_claim_and_only_it(story, query):
    assert found(query) == {story["named"].pk}


def test_the_claims_own_words_and_title_are_still_searched(story):
    assert found("آخرين") == {story["plain"].pk}
    assert found("تقرير") == {story["named"].pk, story["plain"].pk}


# Kept in step ---------------------------------------------------------------------------------


def test_renaming_a_speaker_renames_its_claims(story):
    speaker = story["speaker"]
    speaker.name = "سالم نوير"
    speaker.save()
    assert found("نوير") == {story["named"].pk}
    assert found("محمد") == set()
    # The alias stays, and with it the transliteration of the name it spells.
    assert found("Gnounou") == found("قنونو") == {story["named"].pk}


def test_adding_and_removing_an_alias(story):
    alias = SpeakerAlias.objects.create(speaker=story["speaker"], name="العقيد الناطق")
    assert found("العقيد") == {story["named"].pk}
    alias.delete()
    assert found("العقيد") == set()


def test_renaming_a_measure_in_either_language(story):
    measure = story["measure"]
    measure.name_ar = "مرتزقة روس غادروا"
    measure.name_en = "Russian contractors who left"
    measure.save()
    assert found("contractors") == found("روس") == {story["named"].pk}
    assert found("مقاتلو") == set()
    assert found("Wagner") == {story["named"].pk}  # still in `name`


def test_an_outlet_alias_and_a_new_relay(story):
    bloomberg = Outlet.objects.create(name="بلومبرغ")
    assert found("Bloomberg") == set()
    ClaimRelay.objects.create(claim=story["plain"], outlet=bloomberg, position=1)
    assert found("بلومبيرغ") == {story["plain"].pk}  # a spelling of the name, by its key
    OutletAlias.objects.create(outlet=bloomberg, name="Bloomberg News")
    assert found("news") == {story["plain"].pk}
    ClaimRelay.objects.filter(claim=story["plain"]).delete()
    assert found("بلومبرغ") == set()


def test_an_articles_title_and_outlet_follow_the_article(story):
    article = story["plain"].article
    article.title = "انسحاب المرتزقة"
    article.outlet = Outlet.objects.create(name="الجزيرة نت", name_en="Al Jazeera Net")
    article.save()
    both = {story["named"].pk, story["plain"].pk}
    assert found("انسحاب") == found("Jazeera") == both
    assert found("تقرير") == set()


def test_a_claim_given_another_speaker_or_measure(story):
    plain = story["plain"]
    plain.speaker = story["speaker"]
    plain.save()
    assert found("قنونو") == {story["named"].pk, plain.pk}


def quoting_speaker(claims: int) -> Speaker:
    article = make_article(" ".join(f"{n} عنصر" for n in range(100, 100 + claims)))
    speaker = Speaker.objects.create(name="فتحي باشاغا")
    for n in range(100, 100 + claims):
        make_claim(article, f"{n} عنصر", n, speaker=speaker)
    return Speaker.objects.get(pk=speaker.pk)


@pytest.mark.parametrize("claims", [2, 30])
def test_a_rename_costs_the_same_queries_for_few_or_many_claims(claims, django_assert_num_queries):
    # The speaker's claims are rewritten by one UPDATE (per RENAME_BATCH), never one by one.
    speaker = quoting_speaker(claims)
    alias_owner = Speaker.objects.get(pk=speaker.pk)
    speaker.name = "Fathi Bashagha"
    # Its aliases, the speaker's UPDATE and history row, its claims' ids, their UPDATE.
    with django_assert_num_queries(5):
        speaker.save()
    assert len(found("Bashagha")) == claims
    # An alias: its INSERT and history row, the speaker's aliases and UPDATE, ids, UPDATE.
    with django_assert_num_queries(6):
        SpeakerAlias.objects.create(speaker=alias_owner, name="وزير الداخلية")
    assert len(found("الداخلية")) == claims


def test_a_rename_of_a_much_quoted_speaker_goes_in_batches(monkeypatch, django_assert_num_queries):
    from claims import search

    monkeypatch.setattr(search, "RENAME_BATCH", 7)
    speaker = quoting_speaker(30)
    speaker.name = "Fathi Bashagha"
    # Aliases, UPDATE and history of the speaker; then 5 batches (7+7+7+7+2) of ids and UPDATE.
    with django_assert_num_queries(3 + 2 * 5):
        speaker.save()
    assert len(found("Bashagha")) == 30


# Weights --------------------------------------------------------------------------------------


def test_a_name_only_in_the_title_ranks_below_the_quote_and_the_names():
    body = "قال حفتر إن 20 طائرة وصلت، وإن 30 مقاتلا انسحبوا، ووصلت 40 سفينة."
    article = make_article(body, title="حفتر يتراجع")
    quoted = make_claim(article, "قال حفتر إن 20", 20)
    named = make_claim(article, "30 مقاتلا", 30, measure=Measure.objects.create(name="Haftar's"))
    titled = make_claim(article, "40 سفينة", 40)
    scores = dict(ranked("حفتر").values_list("pk", "search_rank"))
    assert scores == {quoted.pk: QUOTE_WEIGHT, named.pk: NAMES_WEIGHT, titled.pk: TITLE_WEIGHT}
    order = list(ranked("حفتر").values_list("pk", flat=True))
    assert order == [quoted.pk, named.pk, titled.pk]


def test_a_score_adds_each_words_best_part():
    body = "قال حفتر إن 20 مرتزقة وصلوا، وقال آخر إن 30 وصلوا."
    article = make_article(body, title="مرتزقة")
    both = make_claim(article, "قال حفتر إن 20 مرتزقة", 20)
    one = make_claim(article, "قال آخر إن 30", 30, measure=Measure.objects.create(name="حفتر"))
    scores = dict(ranked("مرتزقة حفتر").values_list("pk", "search_rank"))
    assert scores == {both.pk: 2 * QUOTE_WEIGHT, one.pk: TITLE_WEIGHT + NAMES_WEIGHT}


# The seeds ------------------------------------------------------------------------------------


@pytest.fixture
def seeds(db):
    import_paths([SEEDS])
    call_command("load_curation", str(SEEDS / "curation.json"), stdout=StringIO())


def figures(query: str) -> set[int]:
    return {
        int(value or lower)
        for value, lower in Claim.objects.all().search(query).values_list("value", "lower")
    }


@pytest.mark.parametrize("query", ["فاغنر", "فاجنر", "Wagner", "wagner"])
def test_the_seeds_wagner_figures_are_found_in_either_script(seeds, query):
    assert {1000, 1400, 1600} <= figures(query)


def test_the_seeds_mercenary_finds_what_mercenaries_finds(seeds):
    assert found("mercenary") == found("mercenaries")
    assert {1000, 1400, 1600} <= figures("mercenary")


def test_the_seeds_measures_have_both_names(seeds):
    assert not Measure.objects.filter(name_ar="").exists()
    assert not Measure.objects.filter(name_en="").exists()


def test_the_seeds_haftar_in_a_title_only_comes_last(seeds):
    scores = list(ranked("حفتر").values_list("search_rank", flat=True))
    title_only = scores.count(TITLE_WEIGHT)
    assert scores.count(QUOTE_WEIGHT) > 0 and title_only < len(scores)
    assert scores == sorted(scores, reverse=True)  # the title-only ones after every other


# The migration ----------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_writes_the_documents_the_models_write():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    article = make_article(
        BODY, title="تقرير عن فاغنر", outlet=Outlet.objects.create(name="رويترز")
    )
    speaker = Speaker.objects.create(name="محمد قنونو")
    SpeakerAlias.objects.create(speaker=speaker, name="Gnounou")
    measure = Measure.objects.create(name="Wagner fighters")
    claim = make_claim(article, "1600 عنصر", 1600, speaker=speaker, measure=measure)
    ClaimRelay.objects.create(
        claim=claim, outlet=Outlet.objects.create(name="بلومبرغ", name_en="Bloomberg"), position=1
    )
    make_claim(article, "300 آخرين", 300)
    columns = ("pk", "search_text", "search_names", "search_title")
    written = sorted(Claim.objects.values_list(*columns))

    executor = MigrationExecutor(connection)
    before = [
        ("articles", "0001_initial"),
        ("claims", "0013_verdict_ratings_compatible_and_different_questions"),
    ]
    latest = executor.loader.graph.leaf_nodes()
    executor.migrate(before)
    executor = MigrationExecutor(connection)  # the graph as it now stands
    executor.migrate(latest)
    assert sorted(Claim.objects.values_list(*columns)) == written
    assert found("Bloomberg") == found("Qanunu") == {claim.pk}
