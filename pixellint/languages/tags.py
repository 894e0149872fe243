"""The `{% tag "name" %}` include forms of Jinja, Django, Nunjucks, Twig and Liquid, shared because
one `.html` file can be any of them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include

_QUOTED = re.compile(r"""["']([^"'\n]*)["']""")
_NAMES = re.compile(r"""["']([^"'\n]+)["']""")
_BARE_NAME = re.compile(r"""^\s*(?:["']([^"']+)["']|([\w./-]+))""")
_NEEDS_NAME = ("include", "extends", "render", "embed", "import", "from", "include_relative")
_BARE_OK = ("include", "include_relative", "render", "section", "layout")
# Jekyll: `{% include booking.html clinic="headache" %}`, the file bare, then key=value parameters
_JEKYLL_INCLUDE = re.compile(r"^\s*([\w./-]+)(?:\s+[\w-]+\s*=|\s*$)")
# Liquid and Jekyll: `{% render 'pixel', id: 'x' %}`, `{% include "a.html" title="b" %}`: the
# first string is the file, the strings after it are parameter values
_QUOTED_THEN_PARAMETERS = re.compile(r"""^\s*["']([^"'\n]+)["']\s*(?:,|[\w-]+\s*[:=])""")


def concatenation_glob(expression: str) -> str | None:
    """`"partials/analytics/" ~ provider ~ ".html"` -> 'partials/analytics/*.html'; None if no
    concatenation (a computed include can be any file it names, so every such file counts)."""
    pieces = _QUOTED.split(expression.strip())
    if len(pieces) < 3 or not any(op in expression for op in ("~", "+")):
        return None
    glob = ""
    for index, piece in enumerate(pieces):
        if index % 2:  # inside quotes
            glob += piece
        elif piece.strip(" ~+\t\n"):
            glob += "*"
    return glob if glob.strip("*") else None


def _tag_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    tag, rest = match.group(1), match.group(2)
    if tag == "layout" and rest.strip().startswith("none"):
        return
    expression = rest.split(" with ")[0].split(" only")[0].split(" ignore missing")[0]
    if tag in ("include", "include_relative"):
        jekyll = _JEKYLL_INCLUDE.match(expression)
        if jekyll:
            yield jekyll.group(1), tag, f"tag-{tag}"
            return
    first = _QUOTED_THEN_PARAMETERS.match(expression)
    if first:
        yield first.group(1), tag, f"tag-{tag}"
        return
    pattern = concatenation_glob(expression)
    if pattern:
        yield pattern, tag, "glob"
        return
    names = _NAMES.findall(expression)
    if not names:
        plain = _BARE_NAME.match(rest)
        if plain is None:
            if tag in _NEEDS_NAME:
                yield rest.strip()[:60], tag, "dynamic"
            return
        if tag not in _BARE_OK:
            return
        names = [plain.group(1) or plain.group(2)]
    if tag in ("import", "from"):
        names = names[:1]
    for name in names[:20]:
        yield name, tag, f"tag-{tag}"


BRACE_TAGS = Include(
    r"\{%-?\s*(extends|include|import|from|embed|use|include_relative|render|section|layout)\s+((?:(?!\{%).)*?)-?%\}",
    "extends/include/import/embed/render/section/layout",
    "tag",
    "{%",
    re.S,
    names=_tag_names,
)
