"""JavaScript and TypeScript modules, each parsed with its own tree-sitter grammar."""

from __future__ import annotations

from pixellint.languages import esm
from pixellint.languages.base import Kind, Language
from pixellint.languages.spans import SCRIPT_COMMENTS

JAVASCRIPT = Language(
    "javascript",
    Kind.SCRIPT,
    (".js", ".mjs", ".cjs", ".jsx"),
    comments=SCRIPT_COMMENTS,
    includes=esm.INCLUDES,  # components and modules alike
    grammar="javascript",
    description="JavaScript, JSX",
)
TYPESCRIPT = Language(
    "typescript",
    Kind.SCRIPT,
    (".ts", ".mts", ".cts"),
    comments=SCRIPT_COMMENTS,
    includes=esm.INCLUDES,  # components and modules alike
    grammar="typescript",
    description="TypeScript",
)
TSX = Language(
    "tsx",
    Kind.SCRIPT,
    (".tsx",),
    comments=SCRIPT_COMMENTS,
    includes=esm.INCLUDES,  # components and modules alike
    grammar="tsx",
    description="TSX (Next.js, React)",
)
