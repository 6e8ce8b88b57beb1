"""Isnad settings, read from the environment in this one place.

Development defaults work with nothing set (SQLite under var/, DEBUG on). With DEBUG off the
settings refuse an unsafe SECRET_KEY and switch on the security headers `check --deploy` asks for.
"""

import datetime as dt
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting; anything but the usual spellings is refused, not read as "no"
    (DEBUG=flase must not quietly mean production, nor DEBUG=O development)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value not in _TRUE | _FALSE:
        raise ImproperlyConfigured(
            f"{name}={raw!r} is not a yes/no value: use one of {sorted(_TRUE | _FALSE)}."
        )
    return value in _TRUE


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)

_DEV_SECRET_KEY = "django-insecure-isnad-development-key-not-for-production"
SECRET_KEY = os.environ.get("SECRET_KEY", _DEV_SECRET_KEY)
if not DEBUG and (
    SECRET_KEY == _DEV_SECRET_KEY
    or SECRET_KEY.startswith("django-insecure")
    or len(SECRET_KEY) < 50
    or len(set(SECRET_KEY)) < 5
):
    raise ImproperlyConfigured(
        "DEBUG is off but SECRET_KEY is missing or weak: set SECRET_KEY to a random string of at "
        "least 50 characters (python -c 'import secrets; print(secrets.token_urlsafe(64))')."
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_filters",
    "django_htmx",
    "simple_history",
    "axes",
    "django_tasks_db",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The reader's language: the language cookie (the switch on every page), else the
    # browser's Accept-Language, else LANGUAGE_CODE.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "project.middleware.VaryOnHtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "project.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "project.wsgi.application"

# DATABASE_URL selects PostgreSQL in production; without it a newcomer gets SQLite under var/.
SQLITE_PATH = BASE_DIR / "var" / "isnad.sqlite3"
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": SQLITE_PATH,
            "OPTIONS": {
                # WAL lets the dev server read while an import writes.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
                ),
                "transaction_mode": "IMMEDIATE",
            },
        }
    }

# Background tasks (django.tasks). With PostgreSQL the database is the queue (django-tasks-db):
# `manage.py db_worker` processes on any number of machines share it. On SQLite the immediate
# backend runs each task as it is enqueued, so `make run` stays one command.
# ISNAD_TASK_BACKEND=database|immediate overrides the choice.
_TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django.tasks.backends.immediate.ImmediateBackend",
}
ISNAD_TASK_BACKEND = os.environ.get("ISNAD_TASK_BACKEND") or (
    "database" if DATABASES["default"]["ENGINE"].endswith("postgresql") else "immediate"
)
if ISNAD_TASK_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"ISNAD_TASK_BACKEND={ISNAD_TASK_BACKEND!r}: use {' or '.join(_TASK_BACKENDS)}."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[ISNAD_TASK_BACKEND]}}


AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Arabic first: a browser that asks for neither Arabic nor English gets Arabic (ISNAD_LANGUAGE
# changes that default). Each language is named in itself, as a language switch shows it.
LANGUAGES = [("ar", "العربية"), ("en", "English")]
LANGUAGE_CODE = os.environ.get("ISNAD_LANGUAGE", "ar")
if LANGUAGE_CODE not in dict(LANGUAGES):
    raise ImproperlyConfigured(
        f"ISNAD_LANGUAGE={LANGUAGE_CODE!r} is not one of {', '.join(dict(LANGUAGES))}."
    )
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# Numbers in the Arabic interface: Arabic-Indic digits (١٬٦٠٠) or, as in the Maghreb and on
# many Arabic news sites, Western digits (1,600).
ISNAD_ARABIC_DIGITS = os.environ.get("ISNAD_ARABIC_DIGITS", "arabic-indic")
if ISNAD_ARABIC_DIGITS not in {"arabic-indic", "western"}:
    raise ImproperlyConfigured(
        f"ISNAD_ARABIC_DIGITS={ISNAD_ARABIC_DIGITS!r}: use arabic-indic or western."
    )

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request otherwise
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

LOGIN_URL = "admin:login"

# Login: django-axes counts failures first (and refuses a locked-out username from that address);
# then the model backend, which refuses the published demo accounts unless DEBUG is on.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "claims.backends.NoDemoAccountsBackend",
]
# After AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused
# for AXES_COOLOFF_MINUTES; a correct login clears the count. Keyed on the pair, so that nobody can
# lock an editor out from elsewhere by guessing at their username.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
# The address is REMOTE_ADDR (django-ipware is not installed, so no client-set header is read):
# behind a proxy every client shares the proxy's address and the lockout is then per username.

# Import limits: a file larger than this is refused by name rather than read into memory.
ISNAD_MAX_ARTICLE_BYTES = int(os.environ.get("ISNAD_MAX_ARTICLE_BYTES", str(2 * 1024 * 1024)))
# Fetching pages and feeds (articles/sources/http.py): who we say we are, how long we wait for an
# answer, how long between two requests to one host, the largest body read, redirects followed.
ISNAD_FETCH_USER_AGENT = os.environ.get(
    "ISNAD_FETCH_USER_AGENT", "Isnad/0.1 (a fact-checking tool reading news articles)"
)
ISNAD_FETCH_TIMEOUT_SECONDS = float(os.environ.get("ISNAD_FETCH_TIMEOUT_SECONDS", "20"))
ISNAD_FETCH_DELAY_SECONDS = float(os.environ.get("ISNAD_FETCH_DELAY_SECONDS", "1"))
ISNAD_FETCH_MAX_BYTES = int(os.environ.get("ISNAD_FETCH_MAX_BYTES", str(10 * 1024 * 1024)))
ISNAD_FETCH_MAX_REDIRECTS = int(os.environ.get("ISNAD_FETCH_MAX_REDIRECTS", "5"))
# Whether URLs on loopback and private networks may be fetched: yes in development (local test
# servers), no in production unless set, so that a pasted URL cannot reach the server's own network.
ISNAD_FETCH_PRIVATE_ADDRESSES = env_bool("ISNAD_FETCH_PRIVATE_ADDRESSES", DEBUG)
# A page whose main text is shorter than this has no article (a section front, a menu).
ISNAD_MIN_ARTICLE_CHARS = int(os.environ.get("ISNAD_MIN_ARTICLE_CHARS", "80"))
# Imports in the background (articles/import_jobs.py): tries per URL before it fails for good,
# the first retry's delay (then ×4 each time), how long a worker may hold an item before another
# takes it over (it died), and how many URLs one paste may hold.
ISNAD_IMPORT_MAX_ATTEMPTS = int(os.environ.get("ISNAD_IMPORT_MAX_ATTEMPTS", "4"))
ISNAD_IMPORT_RETRY_SECONDS = float(os.environ.get("ISNAD_IMPORT_RETRY_SECONDS", "60"))
ISNAD_IMPORT_LEASE_SECONDS = float(os.environ.get("ISNAD_IMPORT_LEASE_SECONDS", "900"))
ISNAD_IMPORT_MAX_ITEMS = int(os.environ.get("ISNAD_IMPORT_MAX_ITEMS", "100"))
# Import (articles.importing): articles stored per transaction, and processes extracting claims
# (1: in the importing process itself; the import_articles command's --workers overrides it).
ISNAD_IMPORT_BATCH_SIZE = int(os.environ.get("ISNAD_IMPORT_BATCH_SIZE", "200"))
ISNAD_IMPORT_WORKERS = int(os.environ.get("ISNAD_IMPORT_WORKERS", "1"))
# Measure suggestions for each import batch's new claims (claims.ingest.claims_stored). A large
# backfill may turn them off and run `manage.py suggest_measures` once afterwards.
ISNAD_SUGGEST_ON_IMPORT = env_bool("ISNAD_SUGGEST_ON_IMPORT", True)
# Rows per CSV/JSON export: signed-in users, and anonymous requests (bounded lower: anyone may
# ask, and the whole table costs seconds and tens of MB per request).
ISNAD_EXPORT_ROWS = int(os.environ.get("ISNAD_EXPORT_ROWS", "100000"))
ISNAD_ANONYMOUS_EXPORT_ROWS = int(os.environ.get("ISNAD_ANONYMOUS_EXPORT_ROWS", "5000"))

# Security headers on every response, development included (so that tests see what
# production sends). No inline script or style anywhere, the admin included: scripts and
# stylesheets come from our own static files, htmx's requests go to our own origin.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"


def env_proxy_ssl_header() -> tuple[str, str] | None:
    """SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https" when a proxy that sets (and strips
    from clients) that header stands in front; unset, no request header is trusted to mean HTTPS.
    """
    raw = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
    if not raw:
        return None
    header, separator, value = raw.partition(":")
    if not separator or not header.strip() or not value.strip():
        raise ImproperlyConfigured(
            f"SECURE_PROXY_SSL_HEADER={raw!r}: write it as 'X-Forwarded-Proto: https'."
        )
    return "HTTP_" + header.strip().upper().replace("-", "_"), value.strip()


SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header()

if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# What happens to a newly imported article beyond storing it: the claims app extracts its
# candidate claims. Wired here so that `articles` knows nothing of `claims`.
ISNAD_ARTICLE_IMPORTED_HOOKS = [
    # Stores the candidates as claims, then measure suggestions for the claims a batch created
    # (claims.ingest.claims_stored -> claims.grouping.service.suggest_for_claims).
    "claims.ingest.store_candidate_claims",
]

# The claims table has covering indexes (INCLUDE columns) for PostgreSQL's index-only scans;
# SQLite builds them as plain indexes, which is what we want there, so its warning is noise.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
