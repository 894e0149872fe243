"""Server-side code that injects scripts into pages (Sphinx and MkDocs hooks, Jekyll plugins):
only tracker URLs in its string literals are read. Also: telling a server-code tag that holds
nothing but comments (`<?php // ... ?>`, `<% # ... %>`) from one that runs."""

from __future__ import annotations

from pixellint.languages import ruby_js
from pixellint.languages.base import Kind, Language
from pixellint.languages.spans import HASH_COMMENT

PYTHON = Language(
    "python",
    Kind.CODE,
    (".py",),
    comments=(HASH_COMMENT,),
    description="Python theme code",
)
RUBY = Language(
    "ruby",
    Kind.CODE,
    (".rb",),
    comments=(HASH_COMMENT,),
    scripts=ruby_js.scripts,
    description="Ruby theme code and Rails helpers (the JavaScript their strings print)",
)
DATA = Language("data", Kind.DATA, description="data files a convention reads for the graph")


def only_c_comments(code: str, *, hash_comments: bool) -> bool:
    """True when `code` (PHP or JavaScript) is whitespace, `//` and `/* */` comments (and `#`
    comments, PHP's, when `hash_comments`) and nothing else: such a tag never runs. One pass."""
    at, end = 0, len(code)
    while at < end:
        char = code[at]
        if char.isspace():
            at += 1
        elif code.startswith("//", at) or (
            hash_comments and char == "#" and not code.startswith("#[", at)
        ):
            newline = code.find("\n", at)
            at = end if newline < 0 else newline + 1
        elif code.startswith("/*", at):
            close = code.find("*/", at + 2)
            at = end if close < 0 else close + 2
        else:
            return False
    return True


def only_ruby_comments(code: str) -> bool:
    """True when `code` is blank lines, `#` comments and `=begin`/`=end` blocks only."""
    in_block = False
    for line in code.splitlines():
        if in_block:
            in_block = not line.startswith("=end")
        elif line.startswith("=begin"):
            in_block = True
        elif line.strip() and not line.lstrip().startswith("#"):
            return False
    return True
