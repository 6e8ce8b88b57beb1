"""Shared fixtures: users in each role, and the seed articles."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from claims.roles import EDITORS, VIEWERS

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
TEST_DATA = Path(__file__).resolve().parent / "data"


def _user_in(django_user_model, username: str, role: str):
    user = django_user_model.objects.create_user(username, password="pw-" + username, is_staff=True)
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def editor(db, django_user_model):
    return _user_in(django_user_model, "ed", EDITORS)


@pytest.fixture
def viewer(db, django_user_model):
    return _user_in(django_user_model, "vi", VIEWERS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def viewer_client(client, viewer):
    client.force_login(viewer)
    return client


@pytest.fixture
def seed_dir() -> Path:
    return SEEDS
