"""Who said what: the outlets × measures matrix."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _cells(response) -> dict:
    """{outlet name: {"published": [(figure, status)], "relayed": [...]}} of the first measure."""
    cells = {}
    for row in response.context["table"]["rows"]:
        cell = row["cells"][0] or {}
        cells[row["outlet"]["name"]] = {
            kind: [(f["label"], f["status"]) for f in part["figures"]]
            for kind, part in cell.items()
        }
    return cells


def test_matrix_cells_hold_each_outlets_figures_and_link_to_claims(client, wagner):
    from django.core.cache import cache

    cache.clear()
    response = client.get("/matrix/")
    html = response.content.decode()
    bloomberg, jazeera, _anadolu = wagner["outlets"]
    measure = wagner["measure"].pk
    assert f"/claims/?outlet={jazeera.pk}&amp;measure={measure}" in html
    assert f"/claims/?relay={bloomberg.pk}&amp;measure={measure}" in html
    assert _cells(response) == {
        # Bloomberg published 1,400 and relayed Western officials' 1,600 to Al Jazeera.
        "Bloomberg": {
            "published": [("1,400", "extracted")],
            "relayed": [("about 1,600", "verified")],
        },
        "Al Jazeera Net": {"published": [("about 1,600", "verified")]},
        "Anadolu": {"published": [("1,000", "disputed")]},
    }
    # Each figure shows its status, in words for screen readers too.
    assert 'class="fig fig-disputed"' in html and "(disputed)" in html


def test_claims_whose_outlet_is_not_stated_have_their_own_row(client, wagner):
    from django.core.cache import cache

    from claims.models import Claim

    Claim.objects.filter(pk=wagner["claims"][1].pk).update(outlet=None)
    cache.clear()
    response = client.get("/matrix/")
    cells = _cells(response)
    assert cells["outlet not stated"] == {"published": [("1,000", "disputed")]}
    html = response.content.decode()
    assert f"/claims/?outlet=none&amp;measure={wagner['measure'].pk}" in html
    listed = client.get(f"/claims/?outlet=none&measure={wagner['measure'].pk}")
    assert [c.pk for c in listed.context["page"].claims] == [wagner["claims"][1].pk]


def test_matrix_is_cached_until_a_claim_changes(client, wagner, django_assert_num_queries):
    from django.core.cache import cache

    cache.clear()
    client.get("/matrix/")
    with django_assert_num_queries(1):  # the cache key: latest claim update
        client.get("/matrix/")
    claim = wagner["claims"][1]
    claim.value = 1100
    claim.save()
    assert "1,100" in client.get("/matrix/").content.decode()
    wagner["claims"][0].delete()
    assert "about 1,600" not in client.get("/matrix/").content.decode()
    measure = wagner["measure"]
    measure.name = "Wagner fighters (renamed)"
    measure.save()
    assert "Wagner fighters (renamed)" in client.get("/matrix/").content.decode()


# Article, speaker, outlet, claim ----------------------------------------------------------
