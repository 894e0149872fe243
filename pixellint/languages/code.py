"""Server-side code that injects scripts into pages (Sphinx and MkDocs hooks, Jekyll plugins):
only tracker URLs in its string literals are read."""

from __future__ import annotations

from pixellint.languages.base import Kind, Language
from pixellint.languages.spans import HASH_COMMENT

PYTHON = Language(
    "python", Kind.CODE, (".py",), comments=(HASH_COMMENT,), identify=("python",), description="Python theme code"
)
RUBY = Language(
    "ruby", Kind.CODE, (".rb",), comments=(HASH_COMMENT,), identify=("ruby",), description="Ruby theme code"
)
DATA = Language("data", Kind.DATA, description="data files a convention reads for the graph")
