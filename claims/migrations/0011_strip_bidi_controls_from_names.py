"""Names and titles lose their bidi controls (issue 15: a U+202E in a name reversed the text
after it in tooltips, titles and CSV). Models strip them on save from now on; this cleans the
rows already stored. Article bodies, quotes and context are evidence and are not touched.

Irreversible in content (the controls are not kept), so the reverse step does nothing.
"""

import re
from functools import reduce
from operator import or_

from django.db import IntegrityError, migrations, transaction
from django.db.models import Q

CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
CONTROL = re.compile(f"[{CONTROLS}]")
FIELDS = {
    ("articles", "Outlet"): ("name", "name_ar", "name_en", "country"),
    ("articles", "OutletAlias"): ("name",),
    ("articles", "Article"): ("title",),
    ("claims", "Speaker"): ("name", "role"),
    ("claims", "SpeakerAlias"): ("name",),
    ("claims", "Measure"): ("name", "unit", "period"),
}


def strip_controls(apps, schema_editor):
    for (app_label, model_name), fields in FIELDS.items():
        model = apps.get_model(app_label, model_name)
        holding = reduce(or_, (Q(**{f"{f}__contains": c}) for f in fields for c in CONTROLS))
        for row in model.objects.filter(holding).only("pk", *fields).iterator():
            cleaned = {f: CONTROL.sub("", getattr(row, f)) for f in fields}
            try:
                with transaction.atomic():
                    model.objects.filter(pk=row.pk).update(**cleaned)
            except IntegrityError:
                # Stripped, the name equals another row's (a unique name): left for an editor.
                continue


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0001_initial"),
        ("claims", "0010_claim_figures_finite"),
    ]

    operations = [migrations.RunPython(strip_controls, migrations.RunPython.noop)]
