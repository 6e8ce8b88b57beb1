"""Site-wide response middleware."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_vary_headers

# The request headers that choose between a whole page and one htmx partial (claims.views
# `_wants_partial`): a cache keyed on the URL alone would serve one in place of the other.
HTMX_HEADERS = ("HX-Request", "HX-History-Restore-Request")


class VaryOnHtmxMiddleware:
    """Adds `Vary: HX-Request, HX-History-Restore-Request` to every response.

    Any page may answer htmx with a partial (the same URL answers both), so every response says
    so, not only the ones whose view happened to check today.
    """

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_vary_headers(response, HTMX_HEADERS)
        return response
