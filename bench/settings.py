"""Settings for benchmark runs: the project's, with DEBUG off and a stock admin for the baseline."""

from project.settings import *  # noqa: F403

# DEBUG off: no query log kept per request, templates cached, as in production. The security
# redirects of a production run stay off because the harness talks plain HTTP on loopback.
DEBUG = False
ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "ERROR"}}
