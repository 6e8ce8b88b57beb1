from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_migrate, post_save

        from articles.models import Article, Outlet, OutletAlias
        from claims import search
        from claims.models import (
            ClaimRelay,
            Measure,
            Speaker,
            SpeakerAlias,
            sync_claims_with_article,
        )
        from claims.roles import ensure_roles

        post_save.connect(
            sync_claims_with_article, sender=Article, dispatch_uid="claims_copy_article"
        )
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="claims_ensure_roles")
        # The claims' search documents follow their speakers', measures' and outlets' names.
        for model in (Speaker, Measure, Outlet):
            post_save.connect(
                search.names_saved, sender=model, dispatch_uid=f"search_{model.__name__}"
            )
        for model, handler in (
            (SpeakerAlias, search.speaker_alias_changed),
            (OutletAlias, search.outlet_alias_changed),
            (ClaimRelay, search.relay_changed),
        ):
            for event, signal in (("saved", post_save), ("deleted", post_delete)):
                signal.connect(
                    handler, sender=model, dispatch_uid=f"search_{model.__name__}_{event}"
                )
