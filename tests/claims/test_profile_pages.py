"""Speaker and outlet pages, and missing objects."""

from __future__ import annotations

import pytest

from claims.models import Speaker

pytestmark = pytest.mark.django_db


def test_speaker_and_outlet_pages_list_their_figures(client, wagner):
    _, bashagha = wagner["speakers"]
    html = client.get(f"/speakers/{bashagha.pk}/").content.decode()
    assert "فتحي باشاغا" in html and "1,000" in html and "about 1,600" not in html
    bloomberg = wagner["outlets"][0]
    html = client.get(f"/outlets/{bloomberg.pk}/").content.decode()
    assert "1,400" in html and "about 1,600" not in html


def test_speaker_page_shows_linked_speakers_and_follows_merges(client, wagner, editor):
    from claims.models import SpeakerLink

    officials, bashagha = wagner["speakers"]
    nuwair = Speaker.objects.create(name="سالم نوير", role="عميد بلدية بني وليد")
    alaywan = Speaker.objects.create(name="سالم عليوان", role="رئيس بلدية بني وليد")
    first, second = sorted([nuwair, alaywan], key=lambda s: s.pk)
    SpeakerLink.objects.create(first_speaker=first, second_speaker=second, created_by=editor)
    html = client.get(f"/speakers/{alaywan.pk}/").content.decode()
    assert "Same role, disputed name" in html and "سالم نوير" in html
    officials.merged_into = bashagha
    officials.save()
    response = client.get(f"/speakers/{officials.pk}/")
    assert response.status_code == 302 and response["Location"] == f"/speakers/{bashagha.pk}/"


@pytest.mark.parametrize(
    "url", ["/claims/0/", "/measures/0/", "/articles/0/", "/speakers/0/", "/outlets/0/"]
)
def test_missing_objects_are_404(client, url):
    assert client.get(url).status_code == 404
