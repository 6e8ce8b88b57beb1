"""The project's URLs plus `bench-stock-admin/`: Claim in a plain ModelAdmin, the baseline."""

from django.urls import path

from bench.baselines import stock_admin
from project.urls import urlpatterns as project_urlpatterns

urlpatterns = [path("bench-stock-admin/", stock_admin.urls), *project_urlpatterns]
