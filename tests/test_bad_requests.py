"""Bad requests get a clear answer, never a 500: integer parameters (one parser, ASCII digits
only), the library admin views, exports that fail before they send 200."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.params import MAX_ID, parse_id
from claims.pagination import PageError, per_page_from

pytestmark = pytest.mark.django_db

UNICODE_DIGITS = ["²", "١٢", "٣", "①", "𝟙", "߁", "³⁴"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("0042", 42),
        (str(MAX_ID), MAX_ID),
        (str(MAX_ID + 1), None),
        ("9" * 400, None),
        ("", None),
        (None, None),
        ("-1", None),
        ("+1", None),
        (" 1", None),
        ("1 ", None),
        ("1.0", None),
        ("1e3", None),
        ("0x1", None),
        ("1_000", None),
        ("1\x00", None),
        *((digits, None) for digits in UNICODE_DIGITS),
    ],
)
def test_parse_id_accepts_ascii_digits_only(raw, expected):
    assert parse_id(raw) == expected


@pytest.mark.parametrize("raw", [*UNICODE_DIGITS, "1e1", "-10", "9" * 30])
def test_per_page_refuses_anything_but_its_choices(raw):
    with pytest.raises(PageError):
        per_page_from(raw)


@pytest.mark.parametrize(
    "query",
    [
        "after=²",
        "after=١٢",
        "per_page=²",
        "per_page=٥٠",
        "sort=-date&after=2020-01-01~²",
        "sort=-value&after=1.0~١",
        "after=" + "9" * 40,
        "outlet=²",
        "speaker=١",
        "measure=" + "9" * 40,
        "measure=-1",
    ],
)
def test_unicode_digits_and_huge_numbers_in_the_claims_list_are_refused_clearly(
    client, wagner, query
):
    response = client.get(f"/claims/?{query}")
    assert response.status_code == 200
    assert response.context["page"] is None or response.context["filterset"].errors
    assert 'role="alert"' in response.content.decode()


@pytest.mark.parametrize("path", ["/claims/{}/", "/measures/{}/", "/articles/{}/"])
def test_an_id_beyond_the_databases_integers_is_not_found(client, db, path):
    assert client.get(path.format("9" * 30)).status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "speaker__id__exact=²",
        "speaker__id__exact=١",
        "outlet__id__exact=" + "9" * 30,
        "measure__id__exact=-²",
        "status__exact=%00",
        "qualifier__exact=a%00b",
        "language=%00",
        "q=%00",
        "extraction_method__exact=%00",
        "o=²",
        "p=²",
        "id__gt=²",
    ],
)
def test_admin_claim_filters_with_bad_values_do_not_fail(admin_client, wagner, query):
    response = admin_client.get(f"/admin/claims/claim/?{query}", follow=True)
    assert response.status_code == 200
    if response.redirect_chain:  # the bad filter dropped, with a message
        assert "not valid" in response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/articles/article/?outlet__id__exact=²",
        "/admin/articles/article/?published_on__year=²",
        "/admin/articles/article/?published_on__year=" + "9" * 40,
        "/admin/articles/article/?published_on__year=2020&published_on__month=13",
        "/admin/articles/article/?published_on__year=0",
        "/admin/articles/article/?title=%00",
        "/admin/claims/speaker/?merged_into__isnull=%00",
        "/admin/claims/speaker/?q=%00",
        "/admin/claims/measure/?q=a%00",
        "/admin/claims/verdict/?rating__exact=²",
    ],
)
def test_other_admin_lists_with_bad_values_do_not_fail(admin_client, wagner, url):
    response = admin_client.get(url, follow=True)
    assert response.status_code == 200, (url, response.status_code)


@pytest.mark.parametrize(
    "url",
    [
        "/admin/claims/claim/abc/history/",
        "/admin/claims/claim/²/history/",
        "/admin/claims/claim/abc/history/1/",
        "/admin/claims/claim/1/history/abc/",
        "/admin/articles/article/abc/history/",
        "/admin/claims/speaker/%00/history/",
        "/admin/claims/claim/abc/change/",
        "/admin/claims/claim/abc/delete/",
    ],
)
def test_library_admin_views_with_a_bad_id_do_not_fail(admin_client, wagner, url):
    response = admin_client.get(url)
    assert response.status_code in (302, 404), (url, response.status_code)


@pytest.mark.parametrize(
    "query",
    [
        "term=a",
        "term=a&app_label=claims",
        "term=a&app_label=claims&model_name=claim&field_name=nope",
        "term=a&app_label=nope&model_name=claim&field_name=speaker",
        "term=%00&app_label=claims&model_name=claim&field_name=speaker",
        "term=a%00b&app_label=claims&model_name=claim&field_name=speaker",
        "term=a&app_label=claims&model_name=claim&field_name=speaker&page=²",
    ],
)
def test_admin_autocomplete_with_missing_or_bad_parameters_does_not_fail(
    admin_client, wagner, query
):
    response = admin_client.get(f"/admin/autocomplete/?{query}")
    assert response.status_code in (200, 403, 404), (query, response.status_code)


@pytest.mark.parametrize("article", ["abc", "²", "9" * 30, "-1", "\x00"])
def test_a_claim_posted_with_a_bad_article_is_refused_by_the_form(admin_client, wagner, article):
    response = admin_client.post(
        reverse("admin:claims_claim_add"),
        {
            "article": article,
            "quote": "1600",
            "start": "0",
            "end": "4",
            "value": "1600",
            "qualifier": "exact",
            "status": "extracted",
            "relays-TOTAL_FORMS": "0",
            "relays-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


def test_a_claim_change_posted_with_a_bad_article_is_refused_by_the_form(admin_client, wagner):
    claim = wagner["claims"][0]
    response = admin_client.post(
        reverse("admin:claims_claim_change", args=[claim.pk]),
        {"article": "abc", "value": "1", "qualifier": "exact", "status": "verified"},
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors


# Exports ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_an_export_that_cannot_run_fails_before_it_answers_200(client, wagner, fmt, monkeypatch):
    """The query runs before the response starts: a database error is a 500 status, not a 200
    with a truncated body (the SQLite "Expression tree is too large" case)."""
    from django.db import OperationalError, connection

    def refuse(execute, sql, params, many, context):
        if "claims_claim" in sql:
            raise OperationalError("Expression tree is too large")
        return execute(sql, params, many, context)

    client.raise_request_exception = False
    with connection.execute_wrapper(refuse):
        response = client.get(f"/claims/export.{fmt}")
    assert response.status_code == 500
    assert not response.streaming or b"".join(response.streaming_content) == b""


@pytest.mark.parametrize("selected", ["abc", "²", "9" * 40, "\x00"])
@pytest.mark.parametrize("action", ["assign_measure", "verify_selected", "create_measure"])
def test_an_action_on_a_selection_that_is_not_ids_changes_nothing(
    admin_client, wagner, action, selected
):
    claim = wagner["claims"][2]
    response = admin_client.post(
        "/admin/claims/claim/",
        {"action": action, "_selected_action": [claim.pk, selected], "apply": "1"},
        follow=True,
    )
    assert response.status_code == 200
    assert "the selection is not valid" in response.content.decode()
    claim.refresh_from_db()
    assert claim.status == "extracted" and claim.version == 1


def test_articles_are_not_added_by_hand_in_the_admin(admin_client, db):
    """Articles come from import_articles: the form had no body, so adding one was a 500."""
    assert admin_client.get("/admin/articles/article/add/").status_code == 403
    response = admin_client.post("/admin/articles/article/add/", {"title": "t", "language": "ar"})
    assert response.status_code == 403


def test_a_valid_date_hierarchy_filter_is_kept(admin_client, wagner):
    response = admin_client.get(
        "/admin/articles/article/?published_on__year=2020&published_on__month=5"
    )
    assert response.status_code == 200
    assert response.context["cl"].result_count == 3
