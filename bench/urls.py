"""The project's URLs plus `bench-stock-admin/`: Claim in a plain ModelAdmin, the baseline."""

from django.contrib import admin
from django.urls import path

from claims.models import Claim
from project.urls import urlpatterns as project_urlpatterns


class StockClaimAdmin(admin.ModelAdmin):
    """What `admin.site.register(Claim)` with the obvious filters gives: full counts and all."""

    list_display = ["quote", "value", "qualifier", "speaker", "measure", "article", "status"]
    list_filter = ["status", "qualifier", "language", "outlet"]
    search_fields = ["quote"]


stock_admin = admin.AdminSite(name="stock_admin")
stock_admin.register(Claim, StockClaimAdmin)

urlpatterns = [path("bench-stock-admin/", stock_admin.urls), *project_urlpatterns]
