"""`manage.py generate_data`: a command of the bench settings only.

The generator is the benchmark's, not the product's: its app is installed by bench/settings.py
alone, so these tests install it for the command and check the project's settings do not.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import modify_settings

from claims.models import Claim


@pytest.mark.django_db(transaction=True)
@modify_settings(INSTALLED_APPS={"append": "bench.datagen"})
def test_command_reports_what_it_wrote():
    out = io.StringIO()
    call_command(
        "generate_data",
        "--articles",
        "5",
        "--claims-per-article",
        "2",
        "--seed",
        "3",
        "--reset",
        "--no-progress",
        stdout=out,
    )
    assert "5 articles, 10 claims" in out.getvalue()
    assert Claim.objects.count() == 10


def test_only_the_bench_settings_install_the_generator():
    from django.conf import settings

    import bench.settings

    assert "bench.datagen" in bench.settings.INSTALLED_APPS
    assert "bench.datagen" not in settings.INSTALLED_APPS  # the project's own settings
    with pytest.raises(CommandError, match="Unknown command"):
        call_command("generate_data", "--articles", "1")
