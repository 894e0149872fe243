"""Liquid (Jekyll, Shopify). Liquid in `.html` files is read through the Jinja module's claim."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.jinja import SPANS
from pixellint.languages.spans import MARKUP_COMMENTS, comment
from pixellint.languages.tags import BRACE_TAGS

# Shopify's `{% doc %}...{% enddoc %}` documents a snippet; nothing in it is rendered.
LIQUID_DOC = Span(
    "liquid_doc",
    "{%",
    comment(r"\{%-?\s*doc\s*-?%\}", r"\{%-?\s*enddoc\s*-?%\}"),
    Role.COMMENT,
    23,
    closers=(r"-?%\}",),
)

_LIQUID_LINE = re.compile(r"""^\s*(render|include|section)\s+["']([^"'\n]+)["']""")


def _liquid_tag_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`{% liquid %}` holds one tag per line without delimiters: `render 'meta-pixel'` renders a
    snippet as `{% render 'meta-pixel' %}` would; a line starting with `#` is a comment."""
    for line in match.group(1).splitlines():
        found = _LIQUID_LINE.match(line)
        if found:
            yield found.group(2), found.group(1), f"tag-{found.group(1)}"


LIQUID_TAG = Include(
    r"\{%-?\s*liquid\b((?:(?!%\}|\{%).)*)%\}",
    "render",
    "tag-render",
    "liquid",
    re.DOTALL,
    names=_liquid_tag_names,
)

LANGUAGE = Language(
    "liquid",
    Kind.MARKUP,
    (".liquid",),
    spans=(LIQUID_DOC, *SPANS),
    comments=MARKUP_COMMENTS,
    includes=(BRACE_TAGS, LIQUID_TAG),
    description="Liquid (Shopify: {% doc %}, {% liquid %} tags)",
)
