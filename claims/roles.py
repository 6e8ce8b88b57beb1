"""The two roles of Isnad: editors curate, viewers (fact-checkers) read everything."""

from __future__ import annotations

EDITORS = "editors"
VIEWERS = "viewers"

# Models editors may change; viewers get only the view permission on these and on history.
EDITABLE_MODELS = {
    "articles": ["outlet", "outletalias", "article"],
    "claims": ["speaker", "speakeralias", "measure", "claim", "claimrelay", "verdict"],
}
HISTORY_MODELS = {
    "articles": ["historicaloutlet", "historicalarticle"],
    "claims": [
        "historicalspeaker",
        "historicalspeakeralias",
        "historicalmeasure",
        "historicalclaim",
        "historicalclaimrelay",
        "historicalverdict",
    ],
}


def role_permissions(role: str) -> list[tuple[str, str]]:
    """(app_label, codename) pairs granted to a role."""
    actions = ["view", "add", "change", "delete"] if role == EDITORS else ["view"]
    pairs = [
        (app, f"{action}_{model}")
        for app, models in EDITABLE_MODELS.items()
        for model in models
        for action in actions
    ]
    pairs += [(app, f"view_{model}") for app, models in HISTORY_MODELS.items() for model in models]
    return pairs


# Added with migration 0004 (speaker links and merges) and later ones; kept apart so that
# migration 0002 grants only what existed when it ran.
CURATION_CODENAMES = {
    EDITORS: [
        "view_speakerlink",
        "add_speakerlink",
        "change_speakerlink",
        "delete_speakerlink",
        "view_historicalspeakerlink",
        "view_speakermerge",
        # Migration 0018: editors' source decisions (claims.sources).
        "view_originoverride",
        "add_originoverride",
        "change_originoverride",
        "delete_originoverride",
        "view_historicaloriginoverride",
    ],
    VIEWERS: [
        "view_speakerlink",
        "view_historicalspeakerlink",
        "view_speakermerge",
        "view_originoverride",
        "view_historicaloriginoverride",
    ],
}


# Added with migration 0016 (measure suggestions): editors decide on suggestions and proposed
# measures (the decisions go through claims.grouping.decisions); viewers see them.
SUGGESTION_CODENAMES = {
    EDITORS: [
        "view_measureproposal",
        "change_measureproposal",
        "view_measuresuggestion",
        "change_measuresuggestion",
        "view_rejectedpairing",
        "view_historicalmeasureproposal",
    ],
    VIEWERS: ["view_measureproposal", "view_measuresuggestion", "view_historicalmeasureproposal"],
}


def ensure_roles(using: str = "default", **kwargs) -> None:
    """post_migrate: recreate a missing role group with its permissions.

    The migrations create the groups; this keeps them after a database flush (test runs, or
    `manage.py flush`), the way Django keeps permissions. An existing group is left as it is.
    """
    from django.contrib.auth.models import Group, Permission

    for role in (EDITORS, VIEWERS):
        if Group.objects.using(using).filter(name=role).exists():
            continue
        group = Group.objects.using(using).create(name=role)
        pairs = role_permissions(role) + [
            ("claims", c) for c in CURATION_CODENAMES[role] + SUGGESTION_CODENAMES[role]
        ]
        for app_label, codename in pairs:
            permission = (
                Permission.objects.using(using)
                .filter(content_type__app_label=app_label, codename=codename)
                .first()
            )
            if permission is not None:
                group.permissions.add(permission)


# The demo accounts `make run` creates. Their passwords are published (README): with DEBUG off
# they are refused at login whatever the database holds (claims.backends), and
# `ensure_demo_accounts` refuses to create them.
DEMO_ACCOUNTS = [
    ("editor", "isnad-editor-demo", EDITORS),
    ("viewer", "isnad-viewer-demo", VIEWERS),
]
DEMO_USERNAMES = frozenset(username for username, _, _ in DEMO_ACCOUNTS)
DEMO_PASSWORDS = frozenset(password for _, password, _ in DEMO_ACCOUNTS)
