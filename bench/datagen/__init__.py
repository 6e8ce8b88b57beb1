"""The benchmark data generator: synthetic outlets, speakers, measures, articles and claims.

A Django app only bench/settings.py installs (for `manage.py generate_data`); the product never
imports it.
"""
