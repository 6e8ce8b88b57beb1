"""Provenance to the source: every seed claim's outlet and chain, relays as first-class outlets
(filter, outlet page), the seed manifest's stated and unstated facts, the matrix's row for
claims whose outlet is not stated."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command

from articles.importing import import_paths
from articles.models import Article, Outlet
from claims.display import relay_chain
from claims.models import Claim, Measure
from tests.conftest import SEEDS

pytestmark = pytest.mark.django_db

WAGNER = "Wagner fighters who left the Tripoli front, May 2020"
DEPLOYED = "Russian mercenaries deployed in Libya"


@pytest.fixture
def seeded(db):
    import_paths([SEEDS])
    call_command("load_curation", str(SEEDS / "curation.json"), stdout=StringIO())
    cache.clear()


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_manifest_states_what_each_seed_text_names_and_nothing_else():
    manifest = json.loads((SEEDS / "manifest.json").read_text(encoding="utf-8"))
    for name, entry in manifest["articles"].items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        for fact in ("outlet", "published_on", "url"):
            assert fact in entry, (name, fact)  # said either way, never left out
            evidence = entry["_stated"][fact]
            if entry[fact] is None:
                assert evidence.startswith("not stated"), (name, fact)
            else:
                # The line that names it is in the text, word for word.
                quoted = re.search(r"«(.+?)»", evidence).group(1)
                assert quoted in text, (name, fact, quoted)
    stated = {n: e["outlet"] for n, e in manifest["articles"].items() if e["outlet"]}
    assert stated == {
        "000_32b06a709c4701b2.txt": "تركيا الآن",
        "003_f2ae8bf9f493e07b.txt": "الجزيرة نت",
    }


def test_every_seed_claim_shows_its_outlet_and_chain_to_the_original(seeded, client):
    for claim in Claim.objects.listing():
        html = client.get(f"/claims/{claim.pk}/").content.decode()
        text = _text(html)
        outlet = claim.outlet.name_en if claim.outlet else "outlet not stated"
        assert f"Published by {outlet}" in text, claim.pk
        assert " → ".join(relay_chain(claim)) in text, claim.pk
        assert "Source URL not stated" in text  # no seed text names its URL
        if claim.published_on is None:
            assert "Date date not stated" in text


def test_the_wagner_figures_keep_their_relays(seeded):
    chains = {
        claim.quote: relay_chain(claim)
        for claim in Claim.objects.listing().filter(measure__name__in=[WAGNER, DEPLOYED])
    }
    # Bloomberg (quoted as the speaker) gave 1,000, and carried Western officials' 1,400, to a
    # site that does not name itself.
    assert chains["أكثرَ من 1000 عنصرٍ من مرتزقة الاحتلال"] == ["بلومبرغ", "outlet not stated"]
    assert chains["أكثر من 1400 مرتزق روسي"] == [
        "مسؤولون غربيون",
        "Bloomberg",
        "outlet not stated",
    ]
    assert chains["بنحو 1600"] == ["محمد قنونو", "Al Jazeera Net"]


def test_filter_by_a_relaying_agency_and_by_an_unstated_outlet(seeded, client):
    bloomberg = Outlet.objects.get(name="بلومبرغ")
    relayed = client.get(f"/claims/?relay={bloomberg.pk}").context["page"].claims
    assert relayed and all(
        bloomberg.pk in [r.outlet_id for r in claim.relays.all()] for claim in relayed
    )
    assert client.get(f"/claims/?outlet={bloomberg.pk}").context["page"].claims == []
    unstated = client.get("/claims/?outlet=none").context["page"].claims
    assert unstated and all(claim.outlet_id is None for claim in unstated)
    assert len(unstated) == Claim.objects.filter(outlet__isnull=True).count()
    html = client.get("/claims/?outlet=none").content.decode()
    assert 'value="none" checked' in html  # the choice shows, with a way back to any outlet


def test_relay_suggestions_set_the_relay_filter(seeded, client):
    html = client.get("/suggest/relays/?q=Bloom").content.decode()
    assert 'name="relay"' in html and "Bloomberg" in html
    assert "No agency or outlet matches" in client.get("/suggest/relays/?q=zzz").content.decode()


def test_outlet_pages_tell_carried_from_relayed(seeded, client):
    bloomberg = Outlet.objects.get(name="بلومبرغ")
    response = client.get(f"/outlets/{bloomberg.pk}/")
    assert response.context["carried"] == []
    relayed = {c.quote for c in response.context["relayed"]}
    assert "أكثر من 1400 مرتزق روسي" in relayed
    jazeera = Outlet.objects.get(name="الجزيرة نت")
    response = client.get(f"/outlets/{jazeera.pk}/")
    assert {c.quote for c in response.context["carried"]} >= {"بنحو 1600"}
    # Al Jazeera is also quoted as a relay by the site that carried the Bani Walid mayor.
    assert response.context["relayed"]


def test_the_matrix_has_a_row_for_claims_whose_outlet_is_not_stated(seeded, client):
    response = client.get("/matrix/")
    table = response.context["table"]
    columns = [m["name"] for m in table["measures"]]
    rows = {row["outlet"]["name"]: row for row in table["rows"]}
    unstated = rows["outlet not stated"]["cells"]
    wagner, deployed = unstated[columns.index(WAGNER)], unstated[columns.index(DEPLOYED)]
    assert [f["label"] for f in wagner["published"]["figures"]] == ["more than 1,000"]
    assert "more than 1,400" in [f["label"] for f in deployed["published"]["figures"]]
    bloomberg = rows["Bloomberg"]["cells"]
    assert [f["label"] for f in bloomberg[columns.index(DEPLOYED)]["relayed"]["figures"]] == [
        "more than 1,400"
    ]


def test_undated_claims_are_said_to_be_left_out_of_a_date_order(seeded, client):
    dated = Article.objects.order_by("pk").first()
    dated.published_on = "2020-05-20"
    dated.save()
    response = client.get("/claims/?sort=-date")
    undated = Claim.objects.filter(published_on__isnull=True).count()
    assert response.context["undated"] == undated > 0
    html = response.content.decode()
    assert f"{undated} claims whose articles state no date are left out of this order" in html
    assert "dated=no" in html
    shown = client.get("/claims/?dated=no").context["page"].claims
    assert len(shown) == undated
    assert Measure.objects.filter(name=WAGNER).exists()
