from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from articles.importing import forget_outlet_names
        from articles.models import Outlet, OutletAlias

        for model in (Outlet, OutletAlias):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_outlet_names, sender=model, dispatch_uid=f"forget_{model.__name__}"
                )
