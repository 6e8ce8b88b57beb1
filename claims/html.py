"""Fast HTML building for tables and charts of many rows: format_html without its per-call cost.

Django's format_html escapes each argument through `conditional_escape`, whose lazy-string
wrapper dominates a 200-row comparison page. These helpers escape the same way (objects with
`__html__` are trusted, everything else goes through `html.escape`, quotes included) with plain
function calls.
"""

from __future__ import annotations

import html
from collections.abc import Iterable

from django.utils.safestring import SafeString


def escape(value: object) -> str:
    """The value as safe HTML text: trusted when it says so (`__html__`), escaped otherwise."""
    if isinstance(value, SafeString):
        return value
    markup = getattr(value, "__html__", None)
    if markup is not None:
        return markup()
    return html.escape(str(value))


def html_format(template: str, *args: object, **kwargs: object) -> SafeString:
    """`format_html`, faster: the template is trusted, every argument is escaped."""
    return SafeString(
        template.format(*map(escape, args), **{key: escape(v) for key, v in kwargs.items()})
    )


def html_join(separator: str, template: str, rows: Iterable[tuple]) -> SafeString:
    """`format_html_join`, faster."""
    return SafeString(separator.join(template.format(*map(escape, row)) for row in rows))
