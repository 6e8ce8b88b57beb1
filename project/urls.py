"""Isnad URLs: the public pages and the admin."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from articles import views as article_views

admin.site.site_header = _("Isnad · إسناد: curation")
admin.site.site_title = _("Isnad curation")
admin.site.index_title = _("Claims and their sources")

urlpatterns = [
    # The language switch (POST, keeps the page and its filters through `next`).
    path("i18n/", include("django.conf.urls.i18n")),
    path("articles/", article_views.article_list, name="article_list"),
    path("admin/", admin.site.urls),
    path("", include("claims.urls")),
]
