"""Markdown content pages: code fences and code spans are text, never code."""

from __future__ import annotations

from pixellint.languages.base import Kind, Language
from pixellint.languages.spans import HASH_COMMENT, MARKUP_COMMENTS

LANGUAGE = Language(
    "markdown",
    Kind.MARKDOWN,
    (".md", ".markdown", ".mdown", ".mkd"),
    comments=(*MARKUP_COMMENTS, HASH_COMMENT),
    identify=("markdown",),
    description="Markdown (Jekyll, Hugo, Eleventy content)",
)
