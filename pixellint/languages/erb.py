"""ERB (Rails views) and EJS (Express, Hexo): the same `<% %>` syntax, different include forms."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from pixellint.languages.base import Include, Kind, Language, Role
from pixellint.languages.code import only_c_comments, only_ruby_comments
from pixellint.languages.spans import (
    C_CODE_COMMENTS,
    ERB,
    ERB_COMMENT,
    MARKUP_COMMENTS,
    RUBY_CODE_COMMENTS,
)
from pixellint.mask import fill

_Q = r"""["']([^"'\n{}]+)["']"""
RENDER = Include(
    r"<%[=-]?\s*render\s*\(?\s*(?:partial:\s*|:partial\s*=>\s*)?" + _Q, "render", "rails", "render"
)
# `render template: "layouts/application"` (nested layouts): a view path, no leading underscore
RENDER_TEMPLATE = Include(
    r"<%[=-]?\s*render\s*\(?\s*(?:template:\s*|:template\s*=>\s*)" + _Q,
    "render",
    "rails-template",
    "template",
)
EJS_INCLUDE = Include(r"<%[=-]?\s*include\s*\(?\s*" + _Q, "include", "ejs", "include")
HEXO_PARTIAL = Include(r"<%[=-]?\s*partial\(\s*" + _Q, "partial", "hexo-partial", "partial(")
HEXO_JS = Include(r"\b(?:next_js|js)\(\s*" + _Q, "script-src", "hexo-js", "js(")
_CLAIM = re.compile(r"<%[=#-]?\s")
_TAG_BODY = re.compile(r"<%[=-]?(.*?)-?%>\Z", re.DOTALL)


def _role(only_comments: Callable[[str], bool]) -> Callable[[str], Role]:
    """A `<% %>` tag whose code is only comments (`<% # note %>`, Ruby's `=begin`/`=end`, or
    EJS's `//` and `/* */`) never runs: a comment, like `<%# %>`."""

    def role(source: str) -> Role:
        found = ERB.role_of(source)
        if found is Role.COMMENT:
            return found
        body = _TAG_BODY.match(source)
        return Role.COMMENT if body and only_comments(body.group(1)) else found

    return role


# `<%#` ends at the first `%>`, even after a `<%` inside it (`<%# <%= render "x" %>`): first
ERB_TAG = replace(ERB, classify=_role(only_ruby_comments))
EJS_TAG = replace(ERB, classify=_role(lambda code: only_c_comments(code, hash_comments=False)))

# Rails' `<%= javascript_tag do %> ... <% end %>` writes a <script> around what it wraps.
_JAVASCRIPT_TAG = re.compile(
    r"<%=\s*javascript_tag\b[^%\n]*?\bdo\s*-?%>((?:(?!<%-?\s*end\b).)*)", re.DOTALL
)
_ERB_IN_JS = re.compile(r"<%(?:(?!<%|%>).)*(?:%>|\Z)", re.DOTALL)


def _masked_erb(code: str) -> str:
    """The same JavaScript, same length, its ERB tags masked as in HTML: output as `_`."""
    return _ERB_IN_JS.sub(lambda m: fill(m.group(), "_" if m.group()[2:3] in "=-" else " "), code)


def javascript_tag_bodies(text: str) -> list[tuple[int, int, str]]:
    """The JavaScript of each `javascript_tag do ... end` block (up to the first `<% end %>`)."""
    if "javascript_tag" not in text:
        return []
    return [(m.start(1), m.end(1), _masked_erb(m.group(1))) for m in _JAVASCRIPT_TAG.finditer(text)]


LANGUAGE = Language(
    "erb",
    Kind.MARKUP,
    (".erb", ".rhtml"),
    spans=(ERB_COMMENT, ERB_TAG),
    comments=(ERB_COMMENT, *MARKUP_COMMENTS),
    includes=(RENDER, RENDER_TEMPLATE, EJS_INCLUDE),
    embeds_in=("html",),
    analyse_text=lambda text: bool(_CLAIM.search(text)),
    hints=("<%",),
    scripts=javascript_tag_bodies,
    description="ERB (Rails)",
    code_comments=RUBY_CODE_COMMENTS,
)

EJS = Language(
    "ejs",
    Kind.MARKUP,
    (".ejs",),
    spans=(ERB_COMMENT, EJS_TAG),
    comments=(ERB_COMMENT, *MARKUP_COMMENTS),
    includes=(EJS_INCLUDE, HEXO_PARTIAL, HEXO_JS),
    description="EJS (Express, Hexo)",
    code_comments=C_CODE_COMMENTS,
)
