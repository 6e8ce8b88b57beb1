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
