"""Handlebars and Mustache (Ghost themes, Express)."""

from __future__ import annotations

import re

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import BRACE_OUTPUT, HBS_COMMENT, MARKUP_COMMENTS

PARTIAL = Include(r"\{\{>\s*[\"']?([\w./@-]+)", "partial", "partial", "{{>")
GHOST_LAYOUT = Include(r"\{\{!<\s*([\w./-]+)\s*\}\}", "layout", "ghost-layout", "{{!<")
_CLAIM = re.compile(r"\{\{(?:>|#|!|~)")

LANGUAGE = Language(
    "handlebars",
    Kind.MARKUP,
    (".hbs", ".handlebars", ".mustache"),
    spans=(HBS_COMMENT, BRACE_OUTPUT),
    comments=MARKUP_COMMENTS,
    includes=(PARTIAL, GHOST_LAYOUT),
    embeds_in=("html",),
    analyse_text=lambda text: bool(_CLAIM.search(text)),
    hints=("{{",),
    description="Handlebars, Mustache",
)
