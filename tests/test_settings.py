"""Settings come from the environment; production refuses unsafe ones and passes --deploy."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT

STRONG_KEY = "k3y-" + "x9Qz" * 16


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    # A clean deployment's environment: none of the test run's own settings leak in (the browser
    # tests set DJANGO_ALLOW_ASYNC_UNSAFE for their live server).
    leaked = {"SECRET_KEY", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    environment = {k: v for k, v in os.environ.items() if k not in leaked}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_development_defaults_work_with_nothing_set():
    result = manage("check")
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_a_real_secret_key():
    result = manage("check", DEBUG="0", ALLOWED_HOSTS="isnad.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_passes_check_deploy_with_no_warnings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="0", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="isnad.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_an_unknown_yes_no_value_is_refused_by_name():
    result = manage("check", DEBUG="flase")
    assert result.returncode != 0
    assert "DEBUG='flase' is not a yes/no value" in result.stderr
