"""ERB (Rails views) and EJS (Express, Hexo): the same `<% %>` syntax, different include forms."""

from __future__ import annotations

import re

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import ERB, ERB_COMMENT, MARKUP_COMMENTS

_Q = r"""["']([^"'\n{}]+)["']"""
RENDER = Include(
    r"<%[=-]?\s*render\s*\(?\s*(?:partial:\s*|:partial\s*=>\s*)?" + _Q, "render", "rails", "render"
)
EJS_INCLUDE = Include(r"<%[=-]?\s*include\s*\(?\s*" + _Q, "include", "ejs", "include")
HEXO_PARTIAL = Include(r"<%[=-]?\s*partial\(\s*" + _Q, "partial", "hexo-partial", "partial(")
HEXO_JS = Include(r"\b(?:next_js|js)\(\s*" + _Q, "script-src", "hexo-js", "js(")
_CLAIM = re.compile(r"<%[=#-]?\s")

LANGUAGE = Language(
    "erb",
    Kind.MARKUP,
    (".erb", ".rhtml"),
    spans=(ERB,),
    comments=(ERB_COMMENT, *MARKUP_COMMENTS),
    includes=(RENDER, EJS_INCLUDE),
    embeds_in=("html",),
    analyse_text=lambda text: bool(_CLAIM.search(text)),
    hints=("<%",),
    identify=("erb",),
    description="ERB (Rails)",
)

EJS = Language(
    "ejs",
    Kind.MARKUP,
    (".ejs",),
    spans=(ERB,),
    comments=(ERB_COMMENT, *MARKUP_COMMENTS),
    includes=(EJS_INCLUDE, HEXO_PARTIAL, HEXO_JS),
    identify=("ejs",),
    description="EJS (Express, Hexo)",
)
