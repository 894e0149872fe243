"""Twig (Symfony, Drupal, Craft)."""

from __future__ import annotations

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import BRACE_CONTROL, BRACE_OUTPUT, JINJA_COMMENT, MARKUP_COMMENTS
from pixellint.languages.tags import BRACE_TAGS

_Q = r"""["']([^"'\n{}]+)["']"""
TWIG_FUNCTIONS = Include(r"\{\{-?\s*(?:include|source)\(\s*" + _Q, "include", "template", "(")

LANGUAGE = Language(
    "twig",
    Kind.MARKUP,
    (".twig",),
    spans=(JINJA_COMMENT, BRACE_OUTPUT, BRACE_CONTROL),
    comments=MARKUP_COMMENTS,
    includes=(BRACE_TAGS, TWIG_FUNCTIONS),
    embeds_in=("html",),
    analyse_text=lambda text: "{{ include(" in text or "{{ source(" in text,
    hints=("{{",),
    description="Twig",
)
