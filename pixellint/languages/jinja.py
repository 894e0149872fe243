"""Jinja, Django templates and Nunjucks (also Liquid and Twig syntax found in `.html` files)."""

from __future__ import annotations

import re

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import (
    BRACE_CONTROL,
    BRACE_OUTPUT,
    JINJA_COMMENT,
    LIQUID_COMMENT,
    LIQUID_RAW,
    MARKUP_COMMENTS,
)
from pixellint.languages.tags import BRACE_TAGS

_Q = r"""["']([^"'\n{}]+)["']"""
SPANS = (JINJA_COMMENT, LIQUID_COMMENT, LIQUID_RAW, BRACE_OUTPUT, BRACE_CONTROL)
# Hexo's helpers inside Nunjucks: partial('x.njk'), js('x.js') / next_js('x.js')
HEXO_PARTIAL = Include(r"\{\{-?\s*partial\(\s*" + _Q, "partial", "template", "partial(")
HEXO_JS = Include(r"\b(?:next_js|js)\(\s*" + _Q, "script-src", "hexo-js", "js(")
_CLAIM = re.compile(r"\{%-?\s*\w|\{#|\{\{-?\s*[\w.]+(?:\s*\|[^}\n]*)?\s*-?\}\}")


def uses_braces(text: str) -> bool:
    return bool(_CLAIM.search(text))


LANGUAGE = Language(
    "jinja",
    Kind.MARKUP,
    (".jinja", ".jinja2", ".j2", ".njk", ".nunjucks", ".djhtml", ".swig"),
    spans=SPANS,
    comments=MARKUP_COMMENTS,
    includes=(BRACE_TAGS, HEXO_PARTIAL, HEXO_JS),
    embeds_in=("html", "markdown"),
    analyse_text=uses_braces,
    hints=("{%", "{{", "{#"),
    description="Jinja, Django, Nunjucks; Liquid and Twig tags in .html files",
)
