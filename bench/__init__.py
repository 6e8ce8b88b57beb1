"""Benchmarks: the harness (run.py), its settings and the stock-admin baseline's URLs."""
