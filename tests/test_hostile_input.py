"""The attack sweep, kept: every query parameter of every public page and every admin list, form
and action gets hostile values. No 500, nothing reflected unescaped; the count is printed.

Values are sampled per parameter (a fixed seed, so a failure reproduces) rather than every
combination, to keep the sweep under a minute on each database.
"""

from __future__ import annotations

import itertools
import random
import time
from collections.abc import Iterable

import pytest
from django.contrib import admin
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from claims.models import Claim, Verdict

pytestmark = pytest.mark.django_db

XSS_SCRIPT = '<script>alert("isnad-xss")</script>'
XSS_ATTRIBUTE = "\"'><img src=x onerror=alert('isnad-xss')>"
HOSTILE = [
    "x" * 5_000,  # very long
    "\x00",
    "a\x00b",
    "abc عربي 中文 русский ١٢٣",  # mixed scripts
    "\u202eexe.jpg\u202c",  # bidi override
    "\u2066\u2067\u2069\u200f",
    XSS_SCRIPT,
    XSS_ATTRIBUTE,
    "' OR 1=1 --",
    "1; DROP TABLE claims_claim; --",
    "%_\\",
    "-1",
    "-9223372036854775809",
    "9" * 40,
    "1e309",
    "NaN",
    "-inf",
    "²",
    "١٢",
    "①",
    "",
    " \t\n",
    "2020-13-45",
    "0x1F",
    "😀" * 50,
]
FIELDS_PER_FORM = 6  # sampled per add and change form (each POST renders the whole form)
REFLECTED = [XSS_SCRIPT, "<img src=x onerror"]  # what must never come back as markup


def sample(rng: random.Random, count: int) -> list[str]:
    """`count` hostile values; the markup and NUL ones always among them."""
    must = [XSS_SCRIPT, XSS_ATTRIBUTE, "\x00", "²"]
    rest = [v for v in HOSTILE if v not in must]
    return must + rng.sample(rest, max(0, count - len(must)))


class Sweep:
    """Sends the requests, keeps the count and every failure (without stopping at the first)."""

    def __init__(self, client) -> None:
        self.client = client
        self.cases = 0
        self.failures: list[str] = []
        self.seconds: dict[str, float] = {}  # by kind of request, to keep the sweep quick

    def check(self, method: str, url: str, data=None, **headers) -> None:
        self.cases += 1
        began = time.perf_counter()
        try:
            self._check(method, url, data, **headers)
        finally:
            kind = f"{method} {'/'.join(url.split('/')[2:4])} {'post' if data else ''}"
            self.seconds[kind] = self.seconds.get(kind, 0.0) + time.perf_counter() - began

    def _check(self, method: str, url: str, data=None, **headers) -> None:
        try:
            if method == "get":
                response = self.client.get(url, data, **headers)
            else:
                response = self.client.post(url, data or {}, **headers)
        except Exception as error:  # the test client re-raises what became a 500
            self.failures.append(f"{method.upper()} {url} {_short(data)}: {error!r}"[:400])
            return
        if response.status_code >= 500:
            self.failures.append(f"{method.upper()} {url} {_short(data)}: {response.status_code}")
            return
        if "html" in response.get("Content-Type", "") and not response.streaming:
            html = response.content.decode(errors="replace")
            for markup in REFLECTED:
                if markup in html:
                    self.failures.append(f"{method.upper()} {url} {_short(data)}: {markup}")
        elif response.streaming:
            b"".join(response.streaming_content)  # an export must not fail halfway


def _short(data) -> str:
    text = repr(data)
    return text if len(text) < 160 else text[:160] + "…"


# Public pages -----------------------------------------------------------------------------------

CLAIM_PARAMETERS = [
    "q",
    "outlet",
    "speaker",
    "measure",
    "status",
    "qualifier",
    "language",
    "value_min",
    "value_max",
    "date_from",
    "date_to",
    "sort",
    "per_page",
    "after",
]


def public_cases(wagner, rng: random.Random) -> Iterable[tuple[str, dict, dict]]:
    for name in CLAIM_PARAMETERS:
        for value in HOSTILE:
            yield "/claims/", {name: value}, {}
        for value in sample(rng, 5):
            yield "/claims/", {name: value}, {"HTTP_HX_REQUEST": "true"}
            yield "/claims/export.csv", {name: value}, {}
            yield "/claims/export.json", {name: value}, {}
        # Repeated keys: the second value is the hostile one.
        yield "/claims/", {name: ["1", rng.choice(HOSTILE)]}, {}
    for sort in ["-value", "value", "-date", "date", "id"]:
        for after in sample(rng, 5):
            yield "/claims/", {"sort": sort, "after": after}, {}
    for path in ["/suggest/outlets/", "/suggest/speakers/", "/suggest/measures/"]:
        field = path.split("/")[2][:-1] + "_search"
        for value in sample(rng, 8):
            yield path, {"q": value}, {"HTTP_HX_REQUEST": "true"}
            yield path, {field: value}, {"HTTP_HX_REQUEST": "true"}
    measure, claim = wagner["measure"], wagner["claims"][0]
    pages = [
        "/",
        "/measures/",
        f"/measures/{measure.pk}/",
        "/matrix/",
        "/articles/",
        f"/articles/{claim.article_id}/",
        f"/claims/{claim.pk}/",
        f"/speakers/{wagner['speakers'][0].pk}/",
        f"/outlets/{wagner['outlets'][0].pk}/",
    ]
    for page in pages:
        for value in sample(rng, 4):
            yield page, {"page": value, "q": value, "after": value}, {}
    for template in ["/claims/{}/", "/measures/{}/", "/articles/{}/", "/speakers/{}/"]:
        for pk in ["0", "9" * 19, "9" * 40, "00001"]:
            yield template.format(pk), {}, {}


def test_hostile_values_in_every_public_parameter(client, wagner, capsys):
    rng = random.Random(15)
    sweep = Sweep(client)
    started = time.perf_counter()
    for url, params, headers in public_cases(wagner, rng):
        sweep.check("get", url, params, **headers)
    _report(capsys, "public pages", sweep, started)
    assert not sweep.failures, "\n".join(sweep.failures[:25])


# The admin --------------------------------------------------------------------------------------


def our_model_admins():
    return [
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in {"articles", "claims"}
    ]


def _url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def form_data(response) -> dict:
    """What a browser submits for an admin form as rendered (forms, inlines, management forms)."""
    data: dict = {}
    if response.context is None or "adminform" not in response.context:
        return data
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(v) for v in value]
            else:
                data[bound.html_name] = "on" if value is True else str(value)
    return data


def changelist_parameters(client, model) -> list[str]:
    response = client.get(_url(model, "changelist"))
    names = {"q", "o", "p", "_to_field", "_popup", "all", "id__gt"}
    changelist = response.context["cl"]
    for spec in changelist.filter_specs:
        names.update(spec.expected_parameters())
    if changelist.date_hierarchy:
        field = changelist.date_hierarchy
        names.update({f"{field}__year", f"{field}__month", f"{field}__day"})
    return sorted(names)


def test_hostile_values_in_every_admin_list_form_and_action(admin_client, wagner, capsys, editor):
    rng = random.Random(12)
    sweep = Sweep(admin_client)
    started = time.perf_counter()
    Verdict.objects.create(claim=wagner["claims"][0], rating=3, summary="Mixed.", author=editor)
    values = itertools.cycle(sample(rng, len(HOSTILE)))
    for model, model_admin in our_model_admins():
        # Lists: every filter parameter, search, order, page.
        for name in changelist_parameters(admin_client, model):
            for value in ["²", next(values)]:  # "²": every integer filter meets one
                sweep.check("get", _url(model, "changelist"), {name: value})
        sweep.check("get", _url(model, "changelist"), {"q": [XSS_SCRIPT, "\x00"], "o": "1.²"})
        # Library views with a bad id.
        for bad_id in ["abc", "²", "9" * 40, "%00"]:
            sweep.check("get", _url(model, "history", bad_id))
            sweep.check("get", _url(model, "change", bad_id))
        # Forms: each field of the add form and of a change form, one at a time, each with the
        # next hostile value in turn (an admin form renders in ~0.5 s: one value per field).
        row = model.objects.order_by("pk").first()
        targets = [("add", _url(model, "add"))]
        if row is not None:
            targets.append(("change", _url(model, "change", row.pk)))
            sweep.check("get", _url(model, "history", row.pk), {"p": "²", "q": XSS_SCRIPT})
        for _kind, url in targets:
            page = admin_client.get(url)
            if page.status_code != 200:
                continue
            base = form_data(page)
            fields = sorted(set(base) | set(page.context["adminform"].form.fields))
            for field in rng.sample(fields, min(len(fields), FIELDS_PER_FORM)):
                sweep.check("post", url, {**base, field: next(values)})
        # Actions: hostile selections and hostile answers on their intermediate pages.
        pks = [str(pk) for pk in model.objects.values_list("pk", flat=True)[:2]]
        for action in model_admin.get_actions(_request(admin_client)):
            for value in [*sample(rng, 4)[:2], next(values)]:
                sweep.check(
                    "post",
                    _url(model, "changelist"),
                    {
                        "action": action,
                        ACTION_CHECKBOX_NAME: [*pks, value],
                        "index": value,
                        "select_across": value,
                        "apply": "1",
                        **dict.fromkeys(
                            ["measure", "keep", "note", "name", "unit", "period", "description"],
                            value,
                        ),
                    },
                )
    # The autocomplete every autocomplete field calls, with missing and hostile parameters.
    for value in sample(rng, 6):
        for params in [
            {"term": value},
            {"term": value, "app_label": "claims", "model_name": "claim", "field_name": "speaker"},
            {"term": "a", "app_label": value, "model_name": value, "field_name": value},
            {
                "term": "a",
                "app_label": "claims",
                "model_name": "claim",
                "field_name": "measure",
                "page": value,
            },
        ]:
            sweep.check("get", "/admin/autocomplete/", params)
    # Save and next with hostile preserved filters.
    claim = Claim.objects.order_by("pk").first()
    page = admin_client.get(_url(Claim, "change", claim.pk))
    for value in sample(rng, 5):
        sweep.check(
            "post",
            _url(Claim, "change", claim.pk),
            {**form_data(page), "_savenext": "1", "_changelist_filters": f"status__exact={value}"},
        )
    _report(capsys, "admin", sweep, started)
    assert not sweep.failures, "\n".join(sweep.failures[:25])


def _request(client):
    """A request as the admin sees it, for get_actions (permissions of the signed-in user)."""
    from django.test import RequestFactory

    request = RequestFactory().get("/admin/")
    request.user = client.session and _user(client)
    return request


def _user(client):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(pk=client.session["_auth_user_id"])


def _report(capsys, what: str, sweep: Sweep, started: float) -> None:
    with capsys.disabled():
        import os

        if os.environ.get("SWEEP_PROFILE"):
            for kind, spent in sorted(sweep.seconds.items(), key=lambda kv: -kv[1])[:12]:
                print(f"  {kind}: {spent:.1f} s")
        print(
            f"\nhostile-input sweep ({what}): {sweep.cases} cases, "
            f"{len(sweep.failures)} failures, {time.perf_counter() - started:.1f} s"
        )
