"""Extraction speed: ms per 10 KB article on one core, against baselines run in the same process.

Usage: .venv/bin/python bench/bench_extraction.py [--runs N]
Times are CPU time of this process (time.process_time), so other load on the machine does not
inflate them. Prints p50/p95 per article and KB/s for the extractor (Arabic and English prose),
and the same for two baselines over the same text: normalization alone (the floor of any
Arabic-aware pass) and a bare digit regex scan (the floor of any pass at all).
The issue's target: a 10 KB article in under 20 ms.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")

import django  # noqa: E402

django.setup()

from articles.normalization import normalize_with_offsets  # noqa: E402
from claims.extraction import extract_claims  # noqa: E402
from claims.extraction.scoring import LABELLED_SETS, score_folder  # noqa: E402

TARGET_MS = 20.0
_DIGITS = re.compile(r"\d+")


def article_of(size: int, pattern: str = "seeds/*.txt") -> str:
    """Article bodies joined until the text is `size` bytes: real news prose."""
    bodies = [p.read_text(encoding="utf-8") for p in sorted(ROOT.glob(pattern))]
    text = ""
    while len(text.encode()) < size:
        text += "\n".join(bodies) + "\n"
    return text.encode()[:size].decode(errors="ignore")


def timed(function: Callable[[str], object], text: str, runs: int) -> list[float]:
    for _ in range(5):
        function(text)
    samples = []
    for _ in range(runs):
        start = time.process_time()
        function(text)
        samples.append((time.process_time() - start) * 1000)
    return samples


def row(name: str, samples: list[float], size: int) -> tuple[str, float, float, float]:
    p50 = statistics.median(samples)
    p95 = statistics.quantiles(samples, n=20)[18]
    return name, p50, p95, size / 1024 / (p50 / 1000)


def _tee_to_new_results_file() -> None:
    """Print to the terminal and to bench/results/<date>-extraction-<n>.txt, a name no earlier run
    has used (results files are never overwritten)."""
    stamp = time.strftime("%Y-%m-%d")
    n = 1
    while (path := ROOT / "bench" / "results" / f"{stamp}-extraction-{n}.txt").exists():
        n += 1
    handle = path.open("w", encoding="utf-8")
    terminal = sys.stdout

    class Tee:
        def write(self, data: str) -> int:
            handle.write(data)
            return terminal.write(data)

        def flush(self) -> None:
            handle.flush()
            terminal.flush()

    sys.stdout = Tee()  # type: ignore[assignment]
    print(f"(also written to {path.relative_to(ROOT)}; load average {os.getloadavg()[0]:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--save", action="store_true", help="also write the output to a new bench/results file"
    )
    args = parser.parse_args()
    if args.save:
        _tee_to_new_results_file()
    text = article_of(10 * 1024)
    size = len(text.encode())
    claims = extract_claims(text)
    english = article_of(10 * 1024, "tests/data/heldout/en_*.txt")
    rows = [
        row("extract_claims (Arabic)", timed(extract_claims, text, args.runs), size),
        row("extract_claims (English)", timed(extract_claims, english, args.runs), size),
        row(
            "baseline: normalize_with_offsets", timed(normalize_with_offsets, text, args.runs), size
        ),
        row(
            "baseline: digit regex scan",
            timed(lambda t: list(_DIGITS.finditer(t)), text, args.runs),
            size,
        ),
    ]
    print(f"10 KB article ({size} bytes, {len(text)} characters, {len(claims)} claims found)")
    print(f"{'case':36} {'p50 ms':>8} {'p95 ms':>8} {'KB/s':>9}")
    for name, p50, p95, rate in rows:
        print(f"{name:36} {p50:8.2f} {p95:8.2f} {rate:9.0f}")
    extractor, normalization = rows[0][1], rows[2][1]
    print(f"extractor / normalization alone: {extractor / normalization:.1f}x")
    verdict = "met" if max(rows[0][2], rows[1][2]) < TARGET_MS else "NOT met"
    print(f"target p95 < {TARGET_MS:.0f} ms per 10 KB: {verdict}")
    for label, (expected, texts) in LABELLED_SETS.items():
        print(f"quality, {label}: {score_folder(expected, texts).summary()}")


if __name__ == "__main__":
    main()
