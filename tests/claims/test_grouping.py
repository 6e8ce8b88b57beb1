"""Measure suggestions: the pair score's rules, proposals on fresh imports, editors' decisions."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO

import pytest
from django.core.management import call_command

from articles.importing import import_paths
from claims.grouping import decisions
from claims.grouping.profiles import Profile, profile_of_claim
from claims.grouping.score import GROUP_AT, score_pair
from claims.grouping.service import current_groups, suggest_for_claims
from claims.models import (
    Claim,
    Measure,
    MeasureProposal,
    MeasureSuggestion,
    RejectedPairing,
    Status,
)
from tests.conftest import SEEDS, make_article, make_claim

pytestmark = pytest.mark.django_db


def profile(**fields) -> Profile:
    fields.setdefault("thing", "fighters")
    fields.setdefault("unit", "people")
    fields["names"] = frozenset(fields.get("names", ()))
    fields["anchors"] = frozenset(fields.get("anchors", ()))
    return Profile(**fields)


MAY = dt.date(2020, 5, 20)


@pytest.mark.parametrize(
    ("a", "b", "groups", "why"),
    [
        # Figures that differ are the conflict, not evidence of two questions.
        (
            dict(event="left", names={"طرابلس"}, low=1000, high=1000),
            dict(event="left", names={"طرابلس"}, low=1600, high=1600),
            True,
            "",
        ),
        # The event decides: deployed vs withdrawn are two questions whatever the noun.
        (
            dict(event="arrived", low=1400, high=1400),
            dict(event="left", low=1600, high=1600),
            False,
            "events",
        ),
        (dict(thing="fighters"), dict(thing="aircraft"), False, "thing"),
        (
            dict(
                thing="distance",
                unit="km",
                anchors={"بني", "وليد", "طرابلس"},
                names={"بني", "وليد", "طرابلس"},
                low=180,
                high=180,
            ),
            dict(
                thing="distance",
                unit="km",
                anchors={"بني", "وليد", "طرابلس"},
                names={"بني", "وليد", "طرابلس"},
                low=150,
                high=150,
            ),
            True,
            "",
        ),
        (
            dict(
                thing="distance",
                unit="km",
                anchors={"ترهونه", "طرابلس"},
                names={"ترهونه", "طرابلس"},
                low=80,
                high=80,
            ),
            dict(
                thing="distance",
                unit="km",
                anchors={"بني", "وليد", "طرابلس"},
                names={"بني", "وليد", "طرابلس"},
                low=180,
                high=180,
            ),
            False,
            "ends",
        ),
        (
            dict(event="left", first_on=MAY, last_on=MAY, low=10, high=10),
            dict(
                event="left",
                first_on=MAY + dt.timedelta(days=200),
                last_on=MAY + dt.timedelta(days=200),
                low=10,
                high=10,
            ),
            False,
            "apart",
        ),
        (
            dict(event="left", low=15, high=15),
            dict(event="left", low=1600, high=1600),
            False,
            "scale",
        ),
        (
            dict(thing="distance", unit="km", low=10, high=10),
            dict(thing="distance", unit="people", low=10, high=10),
            False,
            "units",
        ),
        (
            dict(event="left", claim_id=1, article_id=7, speaker_id=3, low=10, high=10),
            dict(event="left", claim_id=2, article_id=7, speaker_id=3, low=12, high=12),
            False,
            "speaker",
        ),
        # A cross-language name meets on its transliteration key.
        (
            dict(event="left", names={"فاغنر", "0fgnr"}, low=1000, high=1000),
            dict(event="left", names={"wagner", "0wgnr", "0fgnr"}, low=1600, high=1600),
            True,
            "",
        ),
    ],
)
def test_pair_score_rules(a, b, groups, why):
    match = score_pair(profile(**a), profile(**b))
    assert match.groups is groups, match.parts
    assert match.veto == why
    assert match.parts  # every score says why


def test_score_is_readable_points():
    match = score_pair(
        profile(event="left", names={"طرابلس"}, low=1000, high=1000),
        profile(event="left", names={"طرابلس"}, low=1600, high=1600),
    )
    assert [code for code, _, _ in match.parts] == ["thing", "event", "names", "figures"]
    assert match.score == sum(points for _, points, _ in match.parts) >= GROUP_AT


@pytest.mark.parametrize(
    ("sentence", "quote", "counted", "unit", "thing", "event"),
    [
        (
            "قال إن 1400 مرتزق روسي تم نشرهم العام الماضي في ليبيا.",
            "1400 مرتزق",
            "مرتزق روسي",
            "people",
            "fighters",
            "arrived",
        ),
        (
            "قدر عدد المرتزقة الذين فروا من طرابلس بنحو 1600.",
            "بنحو 1600",
            "مرتزقة",
            "people",
            "fighters",
            "left",
        ),
        (
            "Officials said 1,000 Wagner fighters withdrew from the front.",
            "1,000",
            "Wagner fighters",
            "people",
            "fighters",
            "left",
        ),
        ("لقي 45 قتيلا حتفهم في السيول.", "45 قتيلا", "قتيلا", "people", "people", "killed"),
        (
            "تقع على بعد 150 كيلومترا جنوب شرق طرابلس.",
            "150 كيلومترا",
            "كيلومترا",
            "km",
            "distance",
            "",
        ),
        (
            "هبطت ثماني مقاتلات روسية في الشرق.",
            "ثماني مقاتلات",
            "مقاتلات روسية",
            "aircraft",
            "aircraft",
            "arrived",
        ),
    ],
)
def test_profile_of_a_claim(sentence, quote, counted, unit, thing, event):
    article = make_article(sentence)
    claim = make_claim(article, quote, 1.0, counted=counted, unit=unit)
    found = profile_of_claim(claim, article.body)
    assert (found.thing, found.event) == (thing, event)


def test_a_distance_remembers_both_ends():
    article = make_article("في مطار بني وليد (نحو 180 كيلومترا جنوب شرق طرابلس) هبطت طائرات.")
    claim = make_claim(article, "نحو 180 كيلومترا", 180, unit="km", counted="كيلومترا")
    found = profile_of_claim(claim, article.body)
    assert {"بني", "وليد", "طرابلس"} <= found.anchors


@pytest.fixture
def seeds_without_curation():
    import_paths([SEEDS])  # the import hook computes the suggestions
    return {c.quote: c for c in Claim.objects.all()}


def _group_of(groups, quote_part: str):
    for group in groups:
        if any(quote_part in claim["quote"] for claim in group["claims"]):
            return group
    return None


def test_done_when_seeds_without_curation(seeds_without_curation):
    """issue 9: Wagner withdrawal figures together, 1,400 deployed apart, the two Bani Walid–
    Tripoli distances together; through general rules (nothing here names the story)."""
    out = StringIO()
    call_command("suggest_measures", "--format", "json", stdout=out)
    groups = json.loads(out.getvalue())
    for group in groups:
        assert set(group) == {"label", "score", "claims"}
        for claim in group["claims"]:
            assert set(claim) == {
                "id",
                "article",
                "value",
                "lower",
                "upper",
                "quote",
                "speaker",
                "outlet",
            }
    withdrawal = _group_of(groups, "1000 عنصر")
    assert withdrawal is not None
    quotes = [c["quote"] for c in withdrawal["claims"]]
    assert any("1600" in q for q in quotes)
    assert not any("1400" in q for q in quotes)
    assert _group_of(groups, "1400") is None or _group_of(groups, "1400") is not withdrawal
    distance = _group_of(groups, "180 كيلومترا")
    assert distance is not None
    assert any("150 كيلومترا" in c["quote"] for c in distance["claims"])
    assert not any(c["quote"] == "80 كيلومتراً" for c in distance["claims"])
    assert Measure.objects.count() == 0  # proposals are not measures until an editor says so
    assert not Claim.objects.exclude(status=Status.EXTRACTED).exists()


def test_suggestions_are_incremental_and_idempotent(seeds_without_curation):
    before = sorted(current_groups(), key=lambda g: g.label)
    ids = list(Claim.objects.values_list("pk", flat=True))
    suggest_for_claims(ids)
    suggest_for_claims(ids)
    after = sorted(current_groups(), key=lambda g: g.label)
    assert [sorted(c.pk for c in g.claims) for g in before] == [
        sorted(c.pk for c in g.claims) for g in after
    ]


def test_accepting_a_proposal_makes_a_measure_through_curation(seeds_without_curation, editor):
    proposal = MeasureProposal.objects.get(suggestions__claim__quote__contains="180")
    measure = decisions.accept_proposal(proposal, by=editor, name="distance, edited")
    assert measure.name == "distance, edited"
    claims = list(measure.claims.all())
    assert len(claims) == 2
    for claim in claims:
        assert claim.version == 2 and claim.reviewed_by == editor
        assert claim.history.first().history_change_reason.startswith("measure →")
    proposal.refresh_from_db()
    assert proposal.status == "accepted" and proposal.measure == measure
    # An editor's measure is never touched again by the machine.
    suggest_for_claims(list(Claim.objects.values_list("pk", flat=True)))
    assert set(measure.claims.all()) == set(claims)
    assert not MeasureSuggestion.objects.filter(claim__in=claims, status="suggested").exists()


def test_a_rejected_pairing_is_never_proposed_again(seeds_without_curation, editor):
    proposal = MeasureProposal.objects.get(suggestions__claim__quote__contains="180")
    decisions.reject_proposal(proposal, by=editor)
    assert RejectedPairing.objects.count() == 1
    suggest_for_claims(list(Claim.objects.values_list("pk", flat=True)))
    groups = current_groups()
    assert not any(
        any("180" in c.quote for c in g.claims) and any("150 كيلو" in c.quote for c in g.claims)
        for g in groups
    )


def test_rejecting_one_claim_of_a_proposal(seeds_without_curation, editor):
    suggestion = MeasureSuggestion.objects.get(claim__quote="بنحو 1600")
    decisions.reject_suggestion(suggestion, by=editor)
    suggestion.refresh_from_db()
    assert suggestion.status == "rejected" and suggestion.decided_by == editor
    suggest_for_claims([suggestion.claim_id])
    assert not MeasureSuggestion.objects.filter(
        claim_id=suggestion.claim_id, proposal=suggestion.proposal, status="suggested"
    ).exists()


def test_curated_measures_are_suggested_and_editors_claims_left_alone(
    seeds_without_curation, editor
):
    measure = Measure.objects.create(
        name="Wagner fighters who left the Tripoli front, May 2020",
        name_ar="مقاتلو فاغنر الذين غادروا جبهة طرابلس، مايو 2020",
        unit="people",
    )
    from claims.curation import assign_measure

    filed = seeds_without_curation["بنحو 1600"]
    assign_measure([filed], measure, by=editor)
    suggest_for_claims(list(Claim.objects.values_list("pk", flat=True)))
    # The editor's claim gets no suggestion; the other withdrawal figure is suggested for it.
    assert not MeasureSuggestion.objects.filter(claim=filed, status="suggested").exists()
    suggested = MeasureSuggestion.objects.filter(measure=measure, status="suggested")
    quotes = {s.claim.quote for s in suggested}
    assert any("1000" in q for q in quotes)
    assert not any("1400" in q for q in quotes)
    top = suggested.get(claim__quote__contains="1000")
    decisions.accept_suggestion(top, by=editor)
    top.claim.refresh_from_db()
    assert top.claim.measure == measure and top.claim.version == 2


def test_a_claim_whose_measure_an_editor_removed_gets_no_suggestion(seeds_without_curation, editor):
    from claims.curation import assign_measure

    measure = Measure.objects.create(name="x", unit="km")
    claim = seeds_without_curation["نحو 180 كيلومترا"]
    assign_measure([claim], measure, by=editor)
    assign_measure([claim], None, by=editor)
    suggest_for_claims([claim.pk])
    assert not MeasureSuggestion.objects.filter(claim=claim, status="suggested").exists()
