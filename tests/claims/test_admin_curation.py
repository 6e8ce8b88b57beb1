"""The curation desk in the admin: review screen, save and next, stale forms, actions, speed."""

from __future__ import annotations

from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Outlet
from claims.admin import CappedCountPaginator
from claims.models import Claim, Measure, Speaker, SpeakerLink, SpeakerMerge, Status
from tests.conftest import make_article, make_claim

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:claims_claim_changelist"
BODY = (
    "قال عميد بلدية بني وليد إن المدينة تبعد نحو 150 كيلومترا عن طرابلس. "
    "وأضاف أن <b>المرتزقة</b> غادروا في ثلاث طائرات عسكرية."
)


def change_url(claim: Claim) -> str:
    return reverse("admin:claims_claim_change", args=[claim.pk])


def make_rows(n: int, first: int = 0) -> list[Claim]:
    """n claims, each with its own article, outlet, speaker and measure (to catch N+1s)."""
    claims = []
    for i in range(first, first + n):
        outlet = Outlet.objects.create(name=f"outlet {i}")
        article = make_article(f"قال المصدر إن العدد {1000 + i} مقاتل.", outlet=outlet)
        claims.append(
            make_claim(
                article,
                str(1000 + i),
                1000 + i,
                speaker=Speaker.objects.create(name=f"speaker {i}"),
                measure=Measure.objects.create(name=f"measure {i}"),
            )
        )
    return claims


def form_data(claim: Claim, **changes) -> dict:
    data = {
        "article": claim.article_id,
        "speaker": claim.speaker_id or "",
        "speaker_text": claim.speaker_text,
        "measure": claim.measure_id or "",
        "value": "" if claim.value is None else claim.value,
        "lower": "" if claim.lower is None else claim.lower,
        "upper": "" if claim.upper is None else claim.upper,
        "qualifier": claim.qualifier,
        "unit": claim.unit,
        "counted": claim.counted,
        "quote": claim.quote,
        "start": claim.start,
        "end": claim.end,
        "prefix": claim.prefix,
        "suffix": claim.suffix,
        "status": claim.status,
        "extraction_method": claim.extraction_method,
        "confidence": claim.confidence,
        "note": claim.note,
        "loaded_version": claim.version,
        "relays-TOTAL_FORMS": 0,
        "relays-INITIAL_FORMS": 0,
        "relays-MIN_NUM_FORMS": 0,
        "relays-MAX_NUM_FORMS": 1000,
    }
    data.update(changes)
    return data


@pytest.fixture
def article():
    return make_article(BODY, outlet=Outlet.objects.create(name="رويترز"))


@pytest.fixture
def distance(article):
    return make_claim(article, "نحو 150 كيلومترا", 150, qualifier="approx", unit="km")


@pytest.fixture
def aircraft(article):
    return make_claim(article, "ثلاث طائرات", 3)


# The review screen --------------------------------------------------------------------------


def test_review_screen_shows_the_quote_in_its_sentence_escaped_and_rtl(
    editor_client, aircraft, distance
):
    page = editor_client.get(change_url(aircraft)).text
    assert 'dir="rtl"' in page
    assert "<mark>ثلاث طائرات</mark>" in page
    assert "&lt;b&gt;المرتزقة&lt;/b&gt;" in page  # the article's markup is text, not HTML
    assert "<b>المرتزقة</b>" not in page
    assert "قال عميد بلدية" not in page.split("claim-context")[1][:300]  # only its own sentence
    assert "Save and next in queue" in page
    assert 'name="loaded_version"' in page
    assert "رويترز" in page  # end of the relay chain
    assert "full history with differences" in page
    assert "about 150 km" in editor_client.get(change_url(distance)).text


def test_english_claims_read_left_to_right(editor_client):
    article = make_article("Officials said more than 1400 fighters were deployed.", language="en")
    claim = make_claim(article, "more than 1400", 1400, qualifier="more_than")
    page = editor_client.get(change_url(claim)).text
    assert '<p dir="ltr" lang="en" class="claim-context">' in page


def test_a_viewer_sees_the_review_screen_without_buttons(viewer_client, aircraft):
    page = viewer_client.get(change_url(aircraft)).text
    assert "<mark>ثلاث طائرات</mark>" in page
    assert "Save and next in queue" not in page
    response = viewer_client.post(change_url(aircraft), form_data(aircraft, status="verified"))
    assert response.status_code == 403
    aircraft.refresh_from_db()
    assert aircraft.status == Status.EXTRACTED


# Save and next -------------------------------------------------------------------------------


def test_save_and_next_walks_the_extracted_queue(editor_client, editor, distance, aircraft):
    # The list shows the newest first; the walk follows it.
    response = editor_client.post(
        change_url(aircraft), form_data(aircraft, status="verified", _savenext="1")
    )
    assert response.status_code == 302
    assert response.url.startswith(change_url(distance))
    aircraft.refresh_from_db()
    assert (aircraft.status, aircraft.reviewed_by, aircraft.version) == ("verified", editor, 2)

    response = editor_client.post(
        change_url(distance), form_data(distance, status="rejected", _savenext="1")
    )
    assert response.status_code == 302
    assert response.url.startswith(reverse(CHANGELIST))  # the queue is empty
    distance.refresh_from_db()
    assert distance.status == "rejected"


def test_save_and_next_keeps_the_list_filters(editor_client, article, distance, aircraft):
    speaker = Speaker.objects.create(name="سالم عليوان")
    outside = make_claim(article, "بني وليد", 1)  # between the two, not the speaker's
    later = make_claim(article, "طرابلس", 2, speaker=speaker)
    Claim.objects.filter(pk__in=[distance.pk, aircraft.pk]).update(speaker=speaker)
    filters = urlencode({"speaker__id__exact": speaker.pk})

    def save_and_next(claim):
        url = change_url(claim) + "?" + urlencode({"_changelist_filters": filters})
        claim.refresh_from_db()
        return editor_client.post(url, form_data(claim, _savenext="1"))

    response = save_and_next(later)
    assert response.status_code == 302
    target = urlparse(response.url)
    assert target.path == change_url(aircraft)  # `outside` is skipped
    assert parse_qs(target.query)["_changelist_filters"] == [filters]
    assert urlparse(save_and_next(aircraft).url).path == change_url(distance)
    assert outside.pk < later.pk


@pytest.mark.parametrize(
    "filters",
    ["status__exact=bogus", "speaker__id__exact=abc", "qualifier__exact=", "nonsense=1", "%%%"],
)
def test_save_and_next_survives_stale_or_bad_filters(editor_client, distance, aircraft, filters):
    url = change_url(aircraft) + "?" + urlencode({"_changelist_filters": filters})
    response = editor_client.post(url, form_data(aircraft, _savenext="1"))
    assert response.status_code == 302


# Nothing silently lost ------------------------------------------------------------------------


def test_a_stale_form_is_refused_with_the_other_change_shown(editor, distance):
    other = type(editor).objects.create_user("ed2", password="pw", is_staff=True)
    other.groups.add(Group.objects.get(name="editors"))
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(other)
    stale = form_data(distance)  # both opened the form at version 1

    saved = first.post(change_url(distance), {**stale, "note": "Reuters: 150 km", "_save": "1"})
    assert saved.status_code == 302

    refused = second.post(change_url(distance), {**stale, "value": "180", "_save": "1"})
    assert refused.status_code == 200
    page = refused.text
    assert "Not saved: ed changed this claim" in page
    assert "Reuters: 150 km" in page
    assert "version 1 → 2" in page
    distance.refresh_from_db()
    assert (distance.value, distance.note, distance.version) == (150, "Reuters: 150 km", 2)


def test_a_bulk_action_makes_open_forms_stale(editor_client, distance):
    stale = form_data(distance, note="my note")
    editor_client.post(
        reverse(CHANGELIST), {"action": "verify_selected", ACTION_CHECKBOX_NAME: [distance.pk]}
    )
    response = editor_client.post(change_url(distance), stale)
    assert response.status_code == 200
    assert "Not saved" in response.text
    distance.refresh_from_db()
    assert distance.note == ""


def test_a_wrong_transition_is_a_form_error(editor_client, distance):
    distance.status = Status.VERIFIED
    distance.save()
    page = editor_client.get(change_url(distance)).text
    assert '<option value="rejected"' not in page  # not offered
    assert '<option value="disputed"' in page
    response = editor_client.post(change_url(distance), form_data(distance, status="rejected"))
    assert response.status_code == 200
    assert "Select a valid choice" in response.text
    distance.refresh_from_db()
    assert distance.status == Status.VERIFIED


def test_a_quote_must_match_the_article_text(editor_client, distance):
    response = editor_client.post(change_url(distance), form_data(distance, start=0))
    assert response.status_code == 200
    assert "The quote must be the article" in response.text


def test_every_change_is_in_the_history_with_who(editor_client, editor, distance):
    editor_client.post(change_url(distance), form_data(distance, note="checked"))
    editor_client.post(
        reverse(CHANGELIST), {"action": "verify_selected", ACTION_CHECKBOX_NAME: [distance.pk]}
    )
    users = set(distance.history.exclude(history_type="+").values_list("history_user", flat=True))
    assert users == {editor.pk}
    page = editor_client.get(reverse("admin:claims_claim_history", args=[distance.pk])).text
    assert "ed" in page and "verified" in page
    review = editor_client.get(change_url(distance)).text
    assert "status → verified" in review


# Bulk actions ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "status"),
    [
        ("send_to_review", "in_review"),
        ("verify_selected", "verified"),
        ("dispute_selected", "disputed"),
        ("reject_selected", "rejected"),
    ],
)
def test_status_actions(editor_client, editor, distance, aircraft, action, status):
    response = editor_client.post(
        reverse(CHANGELIST), {"action": action, ACTION_CHECKBOX_NAME: [distance.pk, aircraft.pk]}
    )
    assert response.status_code == 302
    for claim in (distance, aircraft):
        claim.refresh_from_db()
        assert (claim.status, claim.reviewed_by) == (status, editor)
        assert claim.history.first().history_user == editor


def test_a_refused_bulk_step_says_so_and_changes_nothing(editor_client, distance, aircraft):
    Claim.objects.filter(pk=distance.pk).update(status=Status.VERIFIED)
    response = editor_client.post(
        reverse(CHANGELIST),
        {"action": "reject_selected", ACTION_CHECKBOX_NAME: [distance.pk, aircraft.pk]},
        follow=True,
    )
    assert "Nothing changed" in response.text
    aircraft.refresh_from_db()
    assert aircraft.status == Status.EXTRACTED


def test_assign_measure_action(editor_client, distance, aircraft):
    measure = Measure.objects.create(name="distance Bani Walid–Tripoli (km)", unit="km")
    post = {"action": "assign_measure", ACTION_CHECKBOX_NAME: [distance.pk]}
    page = editor_client.post(reverse(CHANGELIST), post)
    assert page.status_code == 200 and "Assign a measure" in page.text
    done = editor_client.post(
        reverse(CHANGELIST), {**post, "apply": "1", "measure": measure.pk}, follow=True
    )
    assert "1 claims now answer" in done.text
    distance.refresh_from_db()
    aircraft.refresh_from_db()
    assert (distance.measure, aircraft.measure) == (measure, None)


def test_create_measure_action(editor_client, editor, distance, aircraft):
    post = {"action": "create_measure", ACTION_CHECKBOX_NAME: [distance.pk, aircraft.pk]}
    assert "Create a measure" in editor_client.post(reverse(CHANGELIST), post).text
    named = {**post, "apply": "1", "name": "aircraft from Bani Walid", "unit": "aircraft"}
    # 150 km is not a number of aircraft: refused, nothing created, the editor told why.
    refused = editor_client.post(reverse(CHANGELIST), named, follow=True)
    assert "not in the measure&#x27;s unit" in refused.text or "not in the measure's unit" in (
        refused.text
    )
    assert not Measure.objects.filter(name="aircraft from Bani Walid").exists()
    # The editor insists (the unit was misread): done, and the override is in the history.
    editor_client.post(reverse(CHANGELIST), {**named, "allow_unit_mismatch": "on"})
    measure = Measure.objects.get(name="aircraft from Bani Walid")
    assert set(measure.claims.all()) == {distance, aircraft}
    reason = distance.history.order_by("-history_id").first().history_change_reason
    assert "unit override: km → aircraft" in reason
    # A name taken is a form error, not a crash.
    again = editor_client.post(
        reverse(CHANGELIST), {**post, "apply": "1", "name": "aircraft from Bani Walid"}
    )
    assert again.status_code == 200 and "exists" in again.text


def test_a_viewer_cannot_run_actions(viewer_client, distance):
    response = viewer_client.post(
        reverse(CHANGELIST), {"action": "verify_selected", ACTION_CHECKBOX_NAME: [distance.pk]}
    )
    assert response.status_code == 403
    distance.refresh_from_db()
    assert distance.status == Status.EXTRACTED
    page = viewer_client.get(reverse(CHANGELIST)).text
    assert "verify_selected" not in page


# Speakers -----------------------------------------------------------------------------------


def test_merge_speakers_action(editor_client, editor, distance):
    keep = Speaker.objects.create(name="سالم عليوان")
    drop = Speaker.objects.create(name="عليوان")
    drop.aliases.create(name="Alaywan")
    Claim.objects.filter(pk=distance.pk).update(speaker=drop)
    url = reverse("admin:claims_speaker_changelist")
    post = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [keep.pk, drop.pk]}
    assert "Merge speakers" in editor_client.post(url, post).text
    done = editor_client.post(url, {**post, "apply": "1", "keep": keep.pk}, follow=True)
    assert "1 claims, 2 aliases moved" in done.text
    drop.refresh_from_db()
    distance.refresh_from_db()
    assert (drop.merged_into, distance.speaker) == (keep, keep)
    merge = SpeakerMerge.objects.get()
    assert merge.merged_by == editor
    page = editor_client.get(reverse("admin:claims_speaker_change", args=[keep.pk])).text
    assert "merged into" in page and "Alaywan" in page
    # A merged speaker is not offered any more by the autocomplete.
    found = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "عليوان", "app_label": "claims", "model_name": "claim", "field_name": "speaker"},
    ).json()
    assert [r["id"] for r in found["results"]] == [str(keep.pk)]


def test_link_speakers_action_shows_on_both_pages(editor_client, editor):
    alaywan = Speaker.objects.create(name="سالم عليوان", role="رئيس بلدية بني وليد")
    nuwayr = Speaker.objects.create(name="سالم نوير", role="عميد بلدية بني وليد")
    url = reverse("admin:claims_speaker_changelist")
    post = {"action": "link_as_disputed_name", ACTION_CHECKBOX_NAME: [alaywan.pk, nuwayr.pk]}
    editor_client.post(url, {**post, "apply": "1", "note": "Reuters vs Al Jazeera"})
    link = SpeakerLink.objects.get()
    assert (link.created_by, link.note) == (editor, "Reuters vs Al Jazeera")
    for speaker, other in ((alaywan, nuwayr), (nuwayr, alaywan)):
        page = editor_client.get(reverse("admin:claims_speaker_change", args=[speaker.pk])).text
        assert other.name in page and "same role, disputed name" in page
    assert Speaker.objects.filter(merged_into__isnull=True).count() == 2


def test_link_needs_exactly_two(editor_client):
    speakers = [Speaker.objects.create(name=n) for n in ("أ", "ب", "ج")]
    response = editor_client.post(
        reverse("admin:claims_speaker_changelist"),
        {"action": "link_as_disputed_name", ACTION_CHECKBOX_NAME: [s.pk for s in speakers]},
        follow=True,
    )
    assert "exactly two" in response.text
    assert not SpeakerLink.objects.exists()


# The changelist on many rows -------------------------------------------------------------------


def test_changelist_queries_do_not_grow_with_rows(editor_client, django_assert_num_queries):
    url = reverse(CHANGELIST)
    make_rows(5)
    editor_client.get(url)  # warm the session and content types
    with CaptureQueriesContext(connection) as few:
        assert editor_client.get(url).status_code == 200
    make_rows(45, first=5)
    with django_assert_num_queries(len(few)):
        page = editor_client.get(url).text
    assert "speaker 49" in page and "measure 49" in page and "outlet 49" in page


def test_changelist_never_counts_the_whole_table(editor_client, django_assert_max_num_queries):
    make_rows(3)
    with django_assert_max_num_queries(12) as queries:
        editor_client.get(reverse(CHANGELIST), {"status__exact": "extracted"})
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert counts and all("LIMIT" in sql.upper() for sql in counts), counts


def test_the_count_is_capped(editor_client, monkeypatch):
    monkeypatch.setattr(CappedCountPaginator, "CAP", 2)
    make_rows(3)
    assert "more than 2 claims" in editor_client.get(reverse(CHANGELIST)).text


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"status__exact": "extracted"}, 2),
        ({"status__exact": "verified"}, 0),
        ({"qualifier__exact": "approx"}, 1),
        ({"language": "ar"}, 2),
        ({"language": "en"}, 0),
    ],
)
def test_changelist_filters(editor_client, distance, aircraft, params, expected):
    response = editor_client.get(reverse(CHANGELIST), params)
    assert response.status_code == 200
    assert response.context["cl"].result_count == expected


def test_related_filters_show_only_the_chosen_value(editor_client):
    claims = make_rows(3)
    speaker = claims[1].speaker
    page = editor_client.get(reverse(CHANGELIST), {"speaker__id__exact": speaker.pk})
    assert page.context["cl"].result_count == 1
    filters = page.text.split('id="changelist-filter"')[1]
    assert "speaker 1" in filters and "speaker 0" not in filters
    # Bad input is an empty result or a redirect, never a 500.
    assert editor_client.get(reverse(CHANGELIST), {"speaker__id__exact": "x"}).status_code in (
        200,
        302,
    )


# History ------------------------------------------------------------------------------------


def test_a_viewer_cannot_revert_through_the_history_form(viewer_client, editor):
    speaker = Speaker.objects.create(name="سالم عليوان")
    speaker.name = "سالم نوير"
    speaker.save()
    old = speaker.history.order_by("history_id").first()
    url = reverse("admin:claims_speaker_simple_history", args=[speaker.pk, old.history_id])
    assert viewer_client.get(url).status_code == 200
    response = viewer_client.post(
        url, {"name": "سالم عليوان", "kind": "person", "role": "", "_save": "1"}
    )
    assert response.status_code == 403
    speaker.refresh_from_db()
    assert speaker.name == "سالم نوير"


def test_claims_are_not_reverted_past_the_stale_form_guard(editor_client, distance):
    distance.note = "second"
    distance.version += 1
    distance.save()
    old = distance.history.order_by("history_id").first()
    url = reverse("admin:claims_claim_simple_history", args=[distance.pk, old.history_id])
    page = editor_client.get(url)
    assert page.status_code == 200
    assert 'value="Revert' not in page.text
    assert editor_client.post(url, form_data(distance, note="")).status_code == 403
    distance.refresh_from_db()
    assert distance.note == "second"


def test_a_link_typed_by_hand_is_stored_lower_id_first(editor_client, editor):
    first = Speaker.objects.create(name="سالم عليوان")
    second = Speaker.objects.create(name="سالم نوير")
    url = reverse("admin:claims_speakerlink_add")
    data = {
        "first_speaker": second.pk,
        "second_speaker": first.pk,
        "relation": "same_role_disputed_name",
        "note": "x",
    }
    assert editor_client.post(url, data).status_code == 302
    link = SpeakerLink.objects.get()
    assert (link.first_speaker, link.second_speaker, link.created_by) == (first, second, editor)
    same = editor_client.post(url, {**data, "second_speaker": second.pk})
    assert same.status_code == 200 and "linked to itself" in same.text


def test_merged_into_is_not_editable_by_hand(editor_client):
    speaker = Speaker.objects.create(name="عليوان")
    page = editor_client.get(reverse("admin:claims_speaker_change", args=[speaker.pk])).text
    assert 'name="merged_into"' not in page


def test_bulk_actions_refuse_the_whole_table(editor_client, monkeypatch, distance, aircraft):
    monkeypatch.setattr("claims.admin.claims.BULK_LIMIT", 1)
    response = editor_client.post(
        reverse(CHANGELIST),
        {"action": "verify_selected", "select_across": "1", ACTION_CHECKBOX_NAME: [distance.pk]},
        follow=True,
    )
    assert "more than 1 claims selected" in response.text
    assert not Claim.objects.filter(status=Status.VERIFIED).exists()


def test_a_measure_page_lists_its_figures(editor_client, editor, distance, aircraft):
    measure = Measure.objects.create(name="distance Bani Walid–Tripoli (km)", unit="km")
    Claim.objects.filter(pk=distance.pk).update(measure=measure)
    page = editor_client.get(reverse("admin:claims_measure_change", args=[measure.pk])).text
    assert "about 150 km" in page and "رويترز" in page and "ثلاث" not in page


def test_merging_linked_speakers_warns_first(editor_client, editor):
    from claims.curation import link_disputed_name

    alaywan = Speaker.objects.create(name="سالم عليوان")
    nuwayr = Speaker.objects.create(name="سالم نوير")
    link_disputed_name(alaywan, nuwayr, by=editor, note="Reuters vs Al Jazeera")
    page = editor_client.post(
        reverse("admin:claims_speaker_changelist"),
        {"action": "merge_selected", ACTION_CHECKBOX_NAME: [alaywan.pk, nuwayr.pk]},
    ).text
    assert "kept these apart on purpose" in page and "Reuters vs Al Jazeera" in page


def test_skipping_a_claim_writes_nothing(editor_client, distance, aircraft):
    before = distance.history.count()
    response = editor_client.post(change_url(aircraft), form_data(aircraft, _savenext="1"))
    assert urlparse(response.url).path == change_url(distance)
    aircraft.refresh_from_db()
    assert (aircraft.version, aircraft.history.count()) == (1, before)
    assert not aircraft.is_curated


def test_a_relay_change_alone_bumps_the_version(editor_client, editor, distance):
    bloomberg = Outlet.objects.create(name="بلومبرغ")
    data = form_data(distance, **{"relays-TOTAL_FORMS": 1})
    data |= {"relays-0-outlet": bloomberg.pk, "relays-0-position": 1, "relays-0-claim": distance.pk}
    assert editor_client.post(change_url(distance), data).status_code == 302
    distance.refresh_from_db()
    assert [r.outlet for r in distance.relays.all()] == [bloomberg]
    assert distance.version == 2
    assert distance.history.first().history_user == editor


@pytest.mark.parametrize(
    ("term", "found"),
    [
        ("طائرات", {"ثلاث طائرات"}),
        ("الطائرات", {"ثلاث طائرات"}),
        ("كيلومترا", {"نحو 150 كيلومترا"}),
    ],
)
def test_claim_search_is_the_sites_arabic_search(editor_client, distance, aircraft, term, found):
    response = editor_client.get(reverse(CHANGELIST), {"q": term})
    assert {c.quote for c in response.context["cl"].result_list} == found


def test_speaker_search_ignores_hamza_and_diacritics(editor_client):
    speaker = Speaker.objects.create(name="أحمد المسماري")
    speaker.aliases.create(name="أحمد المسماري")
    for term in ("احمد", "أَحمد المسماري", "المسماري"):
        page = editor_client.get(reverse("admin:claims_speaker_changelist"), {"q": term})
        assert list(page.context["cl"].result_list) == [speaker], term


@pytest.mark.parametrize("model", ["claim", "speaker", "measure", "speakerlink", "verdict"])
def test_a_viewer_posting_to_any_list_gets_403(viewer_client, model):
    response = viewer_client.post(reverse(f"admin:claims_{model}_changelist"), {"action": "x"})
    assert response.status_code == 403


def test_a_viewer_cannot_revert_an_outlet_either(viewer_client):
    outlet = Outlet.objects.create(name="رويترز")
    outlet.name = "Reuters"
    outlet.save()
    old = outlet.history.order_by("history_id").first()
    url = reverse("admin:articles_outlet_simple_history", args=[outlet.pk, old.history_id])
    data = {"name": "رويترز", "kind": "wire", "aliases-TOTAL_FORMS": 0, "aliases-INITIAL_FORMS": 0}
    assert viewer_client.post(url, data).status_code == 403
    outlet.refresh_from_db()
    assert outlet.name == "Reuters"
    articles = reverse("admin:articles_article_changelist")
    assert viewer_client.post(articles, {"action": "delete_selected"}).status_code == 403


@pytest.mark.parametrize("model", ["speaker", "measure"])
def test_a_speaker_or_measure_with_claims_is_not_deleted(editor_client, distance, model):
    target = (Speaker if model == "speaker" else Measure).objects.create(name="سالم عليوان")
    Claim.objects.filter(pk=distance.pk).update(**{model: target})
    url = reverse(f"admin:claims_{model}_delete", args=[target.pk])
    page = editor_client.get(url)
    assert "1 claims point to it" in page.text
    editor_client.post(url, {"post": "yes"})
    bulk = editor_client.post(
        reverse(f"admin:claims_{model}_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [target.pk], "post": "yes"},
    )
    assert bulk.status_code == 200
    assert type(target).objects.filter(pk=target.pk).exists()
    distance.refresh_from_db()
    assert getattr(distance, model) == target
    unused = type(target).objects.create(name="unused")
    editor_client.post(reverse(f"admin:claims_{model}_delete", args=[unused.pk]), {"post": "yes"})
    assert not type(target).objects.filter(pk=unused.pk).exists()


# One-click decisions, the place in the queue, verdicts ----------------------------------------


@pytest.mark.parametrize(
    ("button", "status"),
    [("_verify", "verified"), ("_dispute", "disputed"), ("_reject", "rejected")],
)
def test_one_click_decides_saves_the_edits_and_opens_the_next_claim(
    editor_client, editor, distance, aircraft, button, status
):
    page = editor_client.get(change_url(aircraft)).text
    assert f'name="{button}"' in page
    response = editor_client.post(
        change_url(aircraft), form_data(aircraft, note="checked against the text", **{button: "1"})
    )
    assert response.status_code == 302 and response.url.startswith(change_url(distance))
    aircraft.refresh_from_db()
    assert (aircraft.status, aircraft.note, aircraft.reviewed_by) == (
        status,
        "checked against the text",
        editor,
    )
    # Through the workflow, each step in the history with who made it.
    steps = [h.status for h in aircraft.history.order_by("history_id")]
    assert steps[-2:] == ["in_review", status] and aircraft.history.first().history_user == editor


def test_only_decisions_the_workflow_allows_are_offered(editor_client, distance):
    Claim.objects.filter(pk=distance.pk).update(status="rejected")
    page = editor_client.get(change_url(distance)).text
    # A rejected claim goes back to review before anything else.
    assert 'name="_verify"' not in page and 'name="_reject"' not in page


def test_a_refused_decision_says_so_and_keeps_the_claim(editor_client, distance):
    Claim.objects.filter(pk=distance.pk).update(status="rejected")
    distance.refresh_from_db()
    response = editor_client.post(change_url(distance), form_data(distance, _verify="1"))
    assert response.status_code == 302 and response.url.startswith(change_url(distance))
    distance.refresh_from_db()
    assert distance.status == "rejected"
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("not decided" in m for m in messages)


def test_the_review_screen_says_where_the_claim_is_in_the_queue(editor_client, article):
    claims = [make_claim(article, q, i) for i, q in enumerate(["150", "ثلاث", "طرابلس"], 1)]
    newest_first = sorted(claims, key=lambda c: -c.pk)
    page = editor_client.get(change_url(newest_first[1])).text
    assert "Claim 2 of 3 in the “machine-extracted” queue" in page
    filtered = urlencode({"_changelist_filters": "status__exact=verified"})
    page = editor_client.get(f"{change_url(newest_first[1])}?{filtered}").text
    assert "Not in the “verified” queue (0 claims left in it)" in page


def test_a_new_verdict_is_the_editors_own_by_default(editor_client, editor):
    page = editor_client.get(reverse("admin:claims_verdict_add")).text
    assert f'<option value="{editor.pk}" selected>' in page
    assert "figures compatible" in page and "different questions" in page
