"""HTML, the host of most template languages: built pages, `.shtml`, Vue/Svelte/Astro markup."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages import esm
from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.spans import BRACE_OUTPUT, MARKUP_COMMENTS, comment


def _ssi_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`virtual` is a URL path (from the site root when it starts with '/'), `file` a path
    relative to the including file: two resolvers."""
    yield match.group(2), "include", f"ssi-{match.group(1)}"


# Apache/nginx server-side includes: `<!--#include virtual="/includes/head.html" -->`. A space
# after `<!--` makes it a plain comment, which is how a directive is switched off.
SSI_INCLUDE = Include(
    r"""<!--#include\s+(virtual|file)\s*=\s*["']([^"'\n]+)["']""",
    "include",
    "ssi",
    "<!--#include",
    names=_ssi_names,
)

LANGUAGE = Language(
    "html",
    Kind.MARKUP,
    (".html", ".htm", ".xhtml", ".shtml", ".tpl"),
    comments=MARKUP_COMMENTS,
    includes=(SSI_INCLUDE,),
    description="HTML pages (server-side includes) and templates whose syntax is claimed by content",
)

# A component imported in a component's script is rendered by it: `import Chat from
# './Chat.vue'`, `@/components/...` (Vite, Vue CLI, Nuxt `~/`), `$lib/...` (SvelteKit). Only at
# the start of a line, so a `// import ...` line that was commented out is no edge.
COMPONENT_IMPORT = Include(
    r"""^[ \t]*import\s[^'"\n;]*?\bfrom\s*["']([^"'\n]+\.(?:vue|svelte|astro))["']""",
    "import",
    "component",
    "import",
    re.MULTILINE,
)

# In a Vue single-file component `<template>` is the compiler's wrapper (the root block, and
# `v-if`/`v-for`/`v-slot` groups), never the inert HTML element: what it holds is rendered, so
# its tags are masked and an `<img>` or `<iframe>` beacon inside is seen.
VUE_TEMPLATE_TAGS = (
    Span(
        "vue_template_open",
        "<template",
        r"""<template\b(?:[^<>"']|"[^"]*"|'[^']*')*>""",
        Role.CONTROL,
        50,
    ),
    Span("vue_template_close", "</template", r"</template\s*>", Role.CONTROL, 51),
)

VUE = Language(
    "vue",
    Kind.MARKUP,
    (".vue",),
    spans=(BRACE_OUTPUT, *VUE_TEMPLATE_TAGS),
    comments=MARKUP_COMMENTS,
    includes=esm.BLOCK_INCLUDES,
    description="Vue single-file components",
)

SVELTE = Language(
    "svelte",
    Kind.MARKUP,
    (".svelte",),
    comments=MARKUP_COMMENTS,
    includes=esm.BLOCK_INCLUDES,
    description="Svelte components",
)

_ASTRO_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*$", re.DOTALL | re.MULTILINE)


def _astro_front_matter(text: str) -> list[tuple[int, int]]:
    """An Astro component's front matter fence is JavaScript run on the server at build."""
    match = _ASTRO_FENCE.match(text)
    return [(match.start(1), match.end(1))] if match else []


# `{/* a comment */}` in Astro markup is a JSX comment: never rendered.
ASTRO_COMMENT = Span(
    "astro_comment",
    "{/*",
    comment(r"\{/\*", r"\*/\s*\}", stop=r"\*/"),
    Role.COMMENT,
    20,
    closers=(r"\*/\s*\}",),
)
# An expression that is one string literal, as an attribute value or in text:
# `src={`https://www.googletagmanager.com/gtag/js?id=${id}`}`. It prints its value, so it is
# masked as output, and the tracker URL in it is still read.
ASTRO_STRING_EXPRESSION = Span(
    "astro_string_expression",
    "{",
    r"""\{\s*(?:`(?:[^`\\]|\\.)*`|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')\s*\}""",
    Role.OUTPUT,
    60,
)

ASTRO = Language(
    "astro",
    Kind.MARKUP,
    (".astro",),
    spans=(ASTRO_COMMENT, ASTRO_STRING_EXPRESSION),
    comments=MARKUP_COMMENTS,
    includes=esm.esm_includes(_astro_front_matter),
    scripts=_astro_front_matter,
    grammar="typescript",
    description="Astro components (front matter as TypeScript)",
    jsx=True,
)
