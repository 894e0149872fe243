"""Liquid (Jekyll, Shopify). Liquid in `.html` files is read through the Jinja module's claim."""

from __future__ import annotations

from pixellint.languages.base import Kind, Language
from pixellint.languages.jinja import SPANS
from pixellint.languages.spans import MARKUP_COMMENTS
from pixellint.languages.tags import BRACE_TAGS

LANGUAGE = Language(
    "liquid",
    Kind.MARKUP,
    (".liquid",),
    spans=SPANS,
    comments=MARKUP_COMMENTS,
    includes=(BRACE_TAGS,),
    identify=("liquid",),
    description="Liquid",
)
