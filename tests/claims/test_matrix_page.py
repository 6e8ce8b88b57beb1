"""Who said what: the outlets × measures matrix."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def test_matrix_cells_hold_each_outlets_figures_and_link_to_claims(client, wagner):
    from django.core.cache import cache

    cache.clear()
    response = client.get("/matrix/")
    html = response.content.decode()
    jazeera = wagner["outlets"][1]
    assert f"/claims/?outlet={jazeera.pk}&amp;measure={wagner['measure'].pk}" in html
    assert "about 1,600" in html and "1,400" in html
    rows = {
        row["outlet"]["name"]: row["cells"][0]["figures"]
        for row in response.context["table"]["rows"]
    }
    assert rows == {"Bloomberg": ["1,400"], "الجزيرة نت": ["about 1,600"], "الأناضول": ["1,000"]}


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
