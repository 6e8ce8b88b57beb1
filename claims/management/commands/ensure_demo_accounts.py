"""`manage.py ensure_demo_accounts`: the demo editor and viewer, their credentials printed."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from claims.backends import demo_accounts_allowed
from claims.roles import DEMO_ACCOUNTS, EDITORS, VIEWERS

ROLE_LINES = {
    EDITORS: gettext_lazy("Demo editor: username '%(username)s', password '%(password)s'"),
    VIEWERS: gettext_lazy("Demo viewer: username '%(username)s', password '%(password)s'"),
}


class Command(BaseCommand):
    @property
    def help(self) -> str:  # argparse needs a str: translated when the parser is built
        return _(
            "Create (or reset) the demo editor and viewer accounts and print their credentials."
        )

    def handle(self, *args, **options) -> None:
        if not demo_accounts_allowed():
            raise CommandError(_("Demo accounts have public passwords: refused with DEBUG off."))
        User = get_user_model()
        for username, password, role in DEMO_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=username)
            user.is_staff = True
            user.is_active = True
            user.set_password(password)
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            self.stdout.write(
                ROLE_LINES[role] % {"username": username, "password": password}
                + " (http://127.0.0.1:8000/admin/)"
            )
