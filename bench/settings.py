"""Settings for benchmark runs: the project's, with DEBUG off, a stock admin for the baseline and
the data generator (`manage.py generate_data --settings bench.settings`)."""

from project.settings import *  # noqa: F403

# DEBUG off: no query log kept per request, templates cached, as in production. The security
# redirects of a production run stay off because the harness talks plain HTTP on loopback.
DEBUG = False
ROOT_URLCONF = "bench.urls"
# The generator is harness, not product: only these settings install it.
INSTALLED_APPS = [*INSTALLED_APPS, "bench.datagen"]  # noqa: F405
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# A page that takes longer than this is a finding, not something to wait for: its query is
# cancelled and the harness reports the page as an error.
STATEMENT_TIMEOUT_MS = 20_000
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    # A copy, so that importing these settings leaves the project's own dictionaries alone.
    _default = DATABASES["default"]  # noqa: F405
    DATABASES = {
        **DATABASES,  # noqa: F405
        "default": {
            **_default,
            "OPTIONS": {
                **_default.get("OPTIONS", {}),
                "options": f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
            },
        },
    }
