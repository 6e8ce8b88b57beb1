"""URLs of the public claims pages."""

from django.urls import path

from claims import views

urlpatterns = [
    path("", views.claim_list, name="home"),
    path("claims/", views.claim_list, name="claim_list"),
    path("claims/export.csv", views.claim_export, {"fmt": "csv"}, name="claim_export_csv"),
    path("claims/export.json", views.claim_export, {"fmt": "json"}, name="claim_export_json"),
    path("claims/<int:pk>/", views.claim_detail, name="claim_detail"),
    path("suggest/outlets/", views.suggest_outlets, name="suggest_outlets"),
    path("suggest/relays/", views.suggest_outlets, {"name": "relay"}, name="suggest_relays"),
    path("suggest/speakers/", views.suggest_speakers, name="suggest_speakers"),
    path("suggest/measures/", views.suggest_measures, name="suggest_measures"),
    path("measures/", views.measure_list, name="measure_list"),
    path("measures/<int:pk>/", views.measure_detail, name="measure_detail"),
    path("matrix/", views.matrix, name="matrix"),
    path("conflicts/", views.conflict_list, name="conflict_list"),
    path("articles/<int:pk>/", views.article_detail, name="article_detail"),
    path("speakers/<int:pk>/", views.speaker_detail, name="speaker_detail"),
    path("outlets/<int:pk>/", views.outlet_detail, name="outlet_detail"),
]
