"""The database refuses articles and outlets that break the model's invariants."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from articles.models import Outlet
from tests.conftest import make_article

pytestmark = pytest.mark.django_db


def test_one_article_per_content_hash():
    make_article("نص واحد")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article("نص واحد", title="another title, same text")


@pytest.mark.parametrize(
    "fields",
    [
        {"body": ""},
        {"language": "fr"},
        {"content_hash": "not-a-sha256"},
    ],
    ids=["empty body", "unknown language", "malformed hash"],
)
def test_article_constraints(fields):
    body = fields.pop("body", "نص")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_article(body, **fields)


def test_outlet_constraints():
    Outlet.objects.create(name="رويترز", kind="wire")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outlet.objects.create(name="رويترز")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outlet.objects.create(name="X", kind="blog")
    with pytest.raises(IntegrityError), transaction.atomic():
        Outlet.objects.create(name="")


def test_outlet_names_include_aliases():
    outlet = Outlet.objects.create(name="بلومبرغ", name_en="Bloomberg")
    outlet.aliases.create(name="بلومبيرغ")
    assert outlet.names == ["بلومبرغ", "Bloomberg", "بلومبيرغ"]
