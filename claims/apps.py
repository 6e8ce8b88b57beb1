from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"
    verbose_name = _("Claims")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate, post_save

        from articles.models import Article
        from claims.models import sync_claims_with_article
        from claims.roles import ensure_roles

        post_save.connect(
            sync_claims_with_article, sender=Article, dispatch_uid="claims_copy_article"
        )
        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="claims_ensure_roles")
