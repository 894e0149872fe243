"""Twig (Symfony, Drupal, Craft)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import BRACE_CONTROL, BRACE_OUTPUT, JINJA_COMMENT, MARKUP_COMMENTS
from pixellint.languages.tags import BRACE_TAGS

_Q = r"""["']([^"'\n{}]+)["']"""
TWIG_FUNCTIONS = Include(r"\{\{-?\s*(?:include|source)\(\s*" + _Q, "include", "template", "(")


def _library(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """A Drupal library (`mytheme/gtm`); core's own libraries hold no tracker."""
    if not match.group(1).startswith("core/"):
        yield match.group(1).strip(), "attach_library", "drupal-library"


# Drupal: {{ attach_library('mytheme/gtm') }} loads the library's JavaScript on the page
ATTACH_LIBRARY = Include(
    r"\{\{-?\s*attach_library\(\s*" + _Q,
    "attach_library",
    "drupal-library",
    "attach_library",
    names=_library,
)

LANGUAGE = Language(
    "twig",
    Kind.MARKUP,
    (".twig",),
    spans=(JINJA_COMMENT, BRACE_OUTPUT, BRACE_CONTROL),
    comments=MARKUP_COMMENTS,
    includes=(BRACE_TAGS, TWIG_FUNCTIONS, ATTACH_LIBRARY),
    embeds_in=("html",),
    analyse_text=lambda text: "{{ include(" in text or "{{ source(" in text,
    hints=("{{",),
    description="Twig",
)
