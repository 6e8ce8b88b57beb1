"""The login backend: Django's model backend, refusing the demo accounts outside development."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.backends import ModelBackend

from claims.roles import DEMO_PASSWORDS, DEMO_USERNAMES


def demo_accounts_allowed() -> bool:
    return settings.DEBUG


class NoDemoAccountsBackend(ModelBackend):
    """With DEBUG off, the demo usernames never log in (nor keep a session), and no account
    logs in with a published demo password, even if a development database went live."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not demo_accounts_allowed() and password in DEMO_PASSWORDS:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

    def user_can_authenticate(self, user) -> bool:
        # Also consulted for every request's session (get_user): a demo session logged in
        # while DEBUG was on ends when DEBUG goes off.
        if not demo_accounts_allowed() and user.get_username() in DEMO_USERNAMES:
            return False
        return super().user_can_authenticate(user)
