"""The generator as an app, so that `generate_data` exists only under the bench settings."""

from django.apps import AppConfig


class DatagenConfig(AppConfig):
    name = "bench.datagen"
    label = "datagen"
    verbose_name = "Benchmark data generator"
