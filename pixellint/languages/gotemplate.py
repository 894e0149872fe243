"""Go templates (Hugo, html/template)."""

from __future__ import annotations

import re

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import BRACE_OUTPUT, GO_COMMENT, MARKUP_COMMENTS

PARTIAL = Include(
    r"\{\{-?\s*(?:partial|partialCached)\s+\"([^\"]+)\"", "partial", "hugo-partial", "partial"
)
TEMPLATE = Include(r"\{\{-?\s*template\s+\"([^\"]+)\"", "template", "hugo-template", "template")
_CLAIM = re.compile(
    r"\{\{-?\s*(?:\.|\$|/\*|partial\b|partialCached\b|template\b|define\b|block\b|range\b|with\b|"
    r"if\s+(?:\.|\$|not\b|and\b|or\b|eq\b|ne\b|isset\b|hugo\b|site\b))"
)

LANGUAGE = Language(
    "go",
    Kind.MARKUP,
    (".tmpl", ".gohtml", ".gotmpl"),
    spans=(GO_COMMENT, BRACE_OUTPUT),
    comments=MARKUP_COMMENTS,
    includes=(PARTIAL, TEMPLATE),
    embeds_in=("html", "markdown"),
    analyse_text=lambda text: bool(_CLAIM.search(text)),
    hints=("{{",),
    identify=("gotmpl",),
    description="Go templates (Hugo)",
)
