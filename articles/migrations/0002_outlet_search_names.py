"""Outlets keep the words and transliteration keys of all their names, for claim search."""

from django.db import migrations, models


def fill_search_names(apps, schema_editor):
    # The live module on purpose: the stored words must be those queries produce.
    from articles.transliteration import names_document

    Outlet = apps.get_model("articles", "Outlet")
    outlets = list(Outlet.objects.prefetch_related("aliases"))
    for outlet in outlets:
        aliases = [alias.name for alias in outlet.aliases.all()]
        outlet.search_names = names_document(outlet.name, outlet.name_ar, outlet.name_en, *aliases)
    Outlet.objects.bulk_update(outlets, ["search_names"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("articles", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="outlet",
            name="search_names",
            field=models.TextField(
                blank=True,
                editable=False,
                help_text="Words and transliteration keys of every name, for search (derived).",
            ),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
    ]
