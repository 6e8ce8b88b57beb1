"""Reading integers from requests: one parser for ids, page sizes and cursors.

`str.isdigit()` is true for "²", "١٢" and "①", which `int()` then refuses or reads as another
number; and a 40-digit id overflows SQLite's integers. Every integer a request carries goes
through `parse_id`, so a bad one is refused like any other bad input, never a 500.
"""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1  # the largest integer both databases store (bigint, SQLite INTEGER)
_ASCII_DIGITS = re.compile(r"[0-9]{1,19}")


def parse_id(raw: object) -> int | None:
    """`raw` as a non-negative integer if it is 1–19 ASCII digits within MAX_ID, else None."""
    if not isinstance(raw, str) or not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if value <= MAX_ID else None
