"""Hardening: security headers and the Content-Security-Policy on every page, login throttling
(django-axes), the demo accounts outside development, the proxy header, `Vary` for htmx."""

from __future__ import annotations

import datetime as dt
import re
from io import StringIO

import pytest
from axes.models import AccessAttempt
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from claims.roles import DEMO_ACCOUNTS
from tests.conftest import ROOT
from tests.test_settings import STRONG_KEY, manage

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/?next=/admin/"


def public_urls(wagner) -> list[str]:
    measure = wagner["measure"]
    claim = wagner["claims"][0]
    speaker = wagner["speakers"][0]
    outlet = wagner["outlets"][0]
    article = wagner["articles"][0]
    return [
        "/",
        "/claims/?q=فاغنر&sort=-value",
        "/measures/",
        f"/measures/{measure.pk}/",
        "/matrix/",
        "/articles/",
        f"/articles/{article.pk}/",
        f"/claims/{claim.pk}/",
        f"/speakers/{speaker.pk}/",
        f"/outlets/{outlet.pk}/",
        "/suggest/outlets/?q=ال",
    ]


def admin_urls(wagner) -> list[str]:
    claim = wagner["claims"][0]
    article = wagner["articles"][0]
    return [
        "/admin/",
        "/admin/claims/claim/",
        reverse("admin:claims_claim_change", args=[claim.pk]),
        reverse("admin:claims_claim_history", args=[claim.pk]),
        "/admin/claims/speaker/add/",
        "/admin/claims/measure/",
        reverse("admin:articles_article_change", args=[article.pk]),
    ]


EXPECTED_HEADERS = {
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.I)
INLINE_STYLE = re.compile(r"<style\b|<[^>]+\sstyle\s*=", re.I)
# django-simple-history's history list writes one cosmetic style attribute (border-top: 0), which
# the policy drops; everything else, ours and Django's admin, has none.
THIRD_PARTY_STYLES = ['<p class="paginator" style="border-top: 0">']


def csp_directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def assert_hardened(response, url: str) -> None:
    assert response.status_code == 200, url
    for header, value in EXPECTED_HEADERS.items():
        assert response[header] == value, (url, header)
    csp = csp_directives(response)
    assert csp["script-src"] == ["'self'"], url  # no 'unsafe-inline', no 'unsafe-eval'
    assert csp["style-src"] == ["'self'"], url
    assert csp["object-src"] == ["'none'"] and csp["frame-ancestors"] == ["'none'"], url
    html = response.content.decode()
    for allowed in THIRD_PARTY_STYLES:
        html = html.replace(allowed, "")
    # The policy would block these in a browser: none may be in our pages or the admin.
    assert not INLINE_SCRIPT.search(html), (url, INLINE_SCRIPT.search(html).group(0))
    assert not EVENT_HANDLER.search(html), (url, EVENT_HANDLER.search(html).group(0))
    assert not INLINE_STYLE.search(html), (url, INLINE_STYLE.search(html).group(0))


def test_every_public_page_sends_the_security_headers_and_a_strict_csp(client, wagner):
    for url in public_urls(wagner):
        assert_hardened(client.get(url), url)


def test_the_admin_sends_the_security_headers_and_a_strict_csp(client, admin_client, wagner):
    assert_hardened(client.get("/admin/login/"), "/admin/login/")
    for url in admin_urls(wagner):
        assert_hardened(admin_client.get(url), url)


def test_htmx_is_configured_to_need_neither_eval_nor_inline_styles(client, wagner):
    html = client.get("/claims/").content.decode()
    config = re.search(r'<meta name="htmx-config" content=\'([^\']+)\'', html).group(1)
    assert '"allowEval": false' in config and '"includeIndicatorStyles": false' in config
    # Trigger filters in brackets are JavaScript that htmx evals: none left in our templates.
    templates = "".join(p.read_text() for p in (ROOT / "templates").rglob("*.html"))
    assert not re.search(r"hx-trigger=\"[^\"]*\[", templates)
    assert "hx-on" not in templates and "js:" not in templates


@pytest.mark.parametrize("partial", [False, True])
def test_pages_that_can_answer_with_a_partial_vary_on_the_htmx_header(client, wagner, partial):
    headers = {"HTTP_HX_REQUEST": "true"} if partial else {}
    for url in ["/claims/?status=verified", "/", "/measures/", "/suggest/speakers/?q=ف"]:
        response = client.get(url, **headers)
        vary = {v.strip().lower() for v in response["Vary"].split(",")}
        assert "hx-request" in vary, url
        assert "hx-history-restore-request" in vary, url


# Login throttling (django-axes) ---------------------------------------------------------------


def login(client, username: str, password: str):
    return client.post(LOGIN, {"username": username, "password": password})


def test_repeated_failed_logins_lock_the_username_out(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert login(client, "ed", "wrong").status_code == 200  # the form again, with its error
    locked = login(client, "ed", "wrong")
    assert locked.status_code == 429
    assert "Too many failed logins" in locked.content.decode()
    # Even the right password is refused during the cool-off.
    assert login(client, "ed", "pw-ed").status_code == 429
    assert "_auth_user_id" not in client.session
    # Another username from the same address is not affected.
    assert login(client, "someone-else", "wrong").status_code == 200


def test_a_correct_login_after_the_cool_off_works_and_clears_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, "ed", "wrong")
    assert login(client, "ed", "pw-ed").status_code == 429
    # The cool-off passes (the attempts age as they would in time).
    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - dt.timedelta(seconds=1)
    )
    response = login(client, "ed", "pw-ed")
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not AccessAttempt.objects.filter(username="ed").exists()


def test_axes_tables_are_migrated():
    assert AccessAttempt.objects.count() == 0


# Demo accounts --------------------------------------------------------------------------------


@pytest.fixture
def demo_accounts(db, settings):
    settings.DEBUG = True
    call_command("ensure_demo_accounts", stdout=StringIO())
    return DEMO_ACCOUNTS


def test_demo_accounts_log_in_in_development(client, demo_accounts):
    username, password, _ = demo_accounts[0]
    assert login(client, username, password).status_code == 302


@pytest.mark.parametrize("index", [0, 1])
def test_demo_accounts_are_refused_at_login_when_debug_is_off(
    client, demo_accounts, settings, index
):
    settings.DEBUG = False
    username, password, _ = demo_accounts[index]
    response = login(client, username, password)
    assert response.status_code == 200  # the login form again
    assert "_auth_user_id" not in client.session


def test_a_demo_session_ends_when_debug_goes_off(
    client, demo_accounts, settings, django_user_model
):
    client.force_login(django_user_model.objects.get(username=demo_accounts[0][0]))
    assert client.get("/admin/").status_code == 200
    settings.DEBUG = False
    assert client.get("/admin/").status_code == 302  # back to the login page


def test_a_published_demo_password_is_refused_for_any_account_when_debug_is_off(
    client, settings, django_user_model
):
    password = DEMO_ACCOUNTS[0][1]
    django_user_model.objects.create_user("renamed-demo", password=password, is_staff=True)
    settings.DEBUG = False
    assert login(client, "renamed-demo", password).status_code == 200
    assert "_auth_user_id" not in client.session


def test_ensure_demo_accounts_refuses_when_debug_is_off(settings, django_user_model):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG off"):
        call_command("ensure_demo_accounts", stdout=StringIO())
    assert not django_user_model.objects.filter(username="editor").exists()


# The proxy header -----------------------------------------------------------------------------


def setting_in_production(name: str, **env: str) -> str:
    code = f"from django.conf import settings; print(repr(settings.{name}))"
    result = manage(
        "shell", "-c", code,
        DEBUG="0", SECRET_KEY=STRONG_KEY, ALLOWED_HOSTS="isnad.example.org", **env,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


def test_no_proxy_header_is_trusted_unless_configured():
    assert setting_in_production("SECURE_PROXY_SSL_HEADER") == "None"


def test_the_proxy_header_is_trusted_when_configured():
    configured = setting_in_production(
        "SECURE_PROXY_SSL_HEADER", SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https"
    )
    assert configured == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_forged_forwarded_proto_does_not_make_a_request_secure(client, settings):
    assert settings.SECURE_PROXY_SSL_HEADER is None
    response = client.get("/measures/", HTTP_X_FORWARDED_PROTO="https")
    assert response.wsgi_request.is_secure() is False
