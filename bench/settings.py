"""Settings for benchmark runs: the project's, with DEBUG off and a stock admin for the baseline."""

from project.settings import *  # noqa: F403

# DEBUG off: no query log kept per request, templates cached, as in production. The security
# redirects of a production run stay off because the harness talks plain HTTP on loopback.
DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}

# A page that takes longer than this is a finding, not something to wait for: its query is
# cancelled and the harness reports the page as an error.
STATEMENT_TIMEOUT_MS = 20_000
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (  # noqa: F405
        f"-c statement_timeout={STATEMENT_TIMEOUT_MS}"
    )
