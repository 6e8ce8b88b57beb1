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
    response = client.get(f"/outlets/{bloomberg.pk}/")
    # Carried: the figure in its own article; relayed: the figure it passed on to Al Jazeera.
    assert [c.pk for c in response.context["carried"]] == [wagner["claims"][2].pk]
    assert [c.pk for c in response.context["relayed"]] == [wagner["claims"][0].pk]
    html = response.content.decode()
    carried, relayed = html.split('id="relayed-heading"')
    assert "1,400" in carried and "about 1,600" not in carried
    assert "about 1,600" in relayed and "1,400" not in relayed
    assert "Carried: 1 figure published in its own articles" in carried
    assert "Relayed: 1 figure it passed on to other outlets" in relayed


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
