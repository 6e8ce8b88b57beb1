from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "claims"

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from articles.models import Article
        from claims.models import Claim

        def copy_to_claims(sender, instance: Article, raw: bool = False, **kwargs) -> None:
            # Claims carry copies of their article's outlet, language and date (see Claim).
            if not raw:
                Claim.objects.filter(article=instance).exclude(
                    outlet_id=instance.outlet_id,
                    language=instance.language,
                    published_on=instance.published_on,
                ).update(
                    outlet_id=instance.outlet_id,
                    language=instance.language,
                    published_on=instance.published_on,
                )

        post_save.connect(copy_to_claims, sender=Article, dispatch_uid="claims_copy_article")

        from django.db.models.signals import post_migrate

        from claims.roles import ensure_roles

        post_migrate.connect(ensure_roles, sender=self, dispatch_uid="claims_ensure_roles")
