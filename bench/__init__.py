"""Benchmarks: the harness (run.py and the steps beside it), its settings, the data generator.

Layout and how to add a benchmark: bench/README.md.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent  # the project: servers and git run from here
