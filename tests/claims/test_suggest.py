"""Type-ahead suggestions for outlets, speakers and measures."""

from __future__ import annotations

import pytest

from claims.models import Speaker

pytestmark = pytest.mark.django_db


def test_speaker_suggestions_match_alias_prefixes(client, wagner):
    from claims.models import SpeakerAlias

    _, bashagha = wagner["speakers"]
    SpeakerAlias.objects.create(speaker=bashagha, name="فتحي باشاغا")
    SpeakerAlias.objects.create(speaker=bashagha, name="Fathi Bashagha")
    for typed in ("فتحى", "fathi", "FATHI B"):
        response = client.get("/suggest/speakers/", {"q": typed})
        assert response.status_code == 200
        html = response.content.decode()
        assert f'name="speaker" value="{bashagha.pk}"' in html, typed
        assert "<html" not in html
    assert "No speaker matches" in client.get("/suggest/speakers/?q=zzz").content.decode()


@pytest.mark.parametrize("endpoint", ["speakers", "outlets", "measures"])
@pytest.mark.parametrize("typed", ["%00", "%25", "_", "'", "x" * 500])
def test_suggestions_survive_odd_input(client, wagner, endpoint, typed):
    assert client.get(f"/suggest/{endpoint}/?q={typed}").status_code == 200


def test_outlet_and_measure_suggestions(client, wagner):
    bloomberg = wagner["outlets"][0]
    html = client.get("/suggest/outlets/", {"outlet_search": "bloom"}).content.decode()
    assert f'name="outlet" value="{bloomberg.pk}"' in html
    html = client.get("/suggest/measures/", {"q": "wagner"}).content.decode()
    assert f'name="measure" value="{wagner["measure"].pk}"' in html


def test_speakers_without_aliases_are_suggested_by_name(client, wagner):
    _, bashagha = wagner["speakers"]
    html = client.get("/suggest/speakers/", {"q": "فتحي"}).content.decode()
    assert f'name="speaker" value="{bashagha.pk}"' in html


def test_suggestions_are_capped_at_ten(client, django_assert_max_num_queries):
    from claims.models import SpeakerAlias

    for i in range(30):
        speaker = Speaker.objects.create(name=f"Source {i:02}")
        SpeakerAlias.objects.create(speaker=speaker, name=speaker.name)
    with django_assert_max_num_queries(1):
        html = client.get("/suggest/speakers/?q=source").content.decode()
    assert html.count('name="speaker"') == 10


# Measure comparison, measures, matrix -----------------------------------------------------
