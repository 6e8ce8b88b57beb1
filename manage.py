#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main():
    """Run administrative tasks."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "project.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django. Are you sure it's installed and "
            "available on your PYTHONPATH environment variable? Did you "
            "forget to activate a virtual environment?"
        ) from exc
    # Commands speak the language the terminal asks for (LC_ALL, LC_MESSAGES, LANG) when it is
    # one of ours, else the site's default (ISNAD_LANGUAGE); pages follow each reader instead.
    import django
    from django.utils import translation

    django.setup()
    translation.activate(command_line_language())
    execute_from_command_line(sys.argv)


def command_line_language() -> str:
    from django.conf import settings

    known = dict(settings.LANGUAGES)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        code = os.environ.get(name, "").split(".")[0].split("_")[0].lower()
        if code in known:
            return code
    return settings.LANGUAGE_CODE


if __name__ == "__main__":
    main()
