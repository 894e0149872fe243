"""HTML, the host of most template languages: built pages, `.shtml`, Vue/Svelte/Astro markup."""

from __future__ import annotations

import re

from pixellint.languages.base import Kind, Language
from pixellint.languages.spans import BRACE_OUTPUT, MARKUP_COMMENTS

LANGUAGE = Language(
    "html",
    Kind.MARKUP,
    (".html", ".htm", ".xhtml", ".shtml", ".tpl"),
    comments=MARKUP_COMMENTS,
    identify=("html", "xhtml"),
    description="HTML pages and templates whose syntax is claimed by content",
)

VUE = Language(
    "vue",
    Kind.MARKUP,
    (".vue",),
    spans=(BRACE_OUTPUT,),
    comments=MARKUP_COMMENTS,
    identify=("vue",),
    description="Vue single-file components",
)

SVELTE = Language(
    "svelte",
    Kind.MARKUP,
    (".svelte",),
    comments=MARKUP_COMMENTS,
    identify=("svelte",),
    description="Svelte components",
)

_ASTRO_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)


def _astro_front_matter(text: str) -> list[tuple[int, int]]:
    """An Astro component's front matter fence is JavaScript run on the server at build."""
    match = _ASTRO_FENCE.match(text)
    return [(match.start(1), match.end(1))] if match else []


ASTRO = Language(
    "astro",
    Kind.MARKUP,
    (".astro",),
    comments=MARKUP_COMMENTS,
    scripts=_astro_front_matter,
    grammar="typescript",
    identify=("astro",),
    description="Astro components (front matter as TypeScript)",
)
