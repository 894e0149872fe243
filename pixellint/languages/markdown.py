"""Markdown content pages: code fences and code spans are text, never code."""

from __future__ import annotations

from pixellint.languages.base import Kind, Language, Role, Span
from pixellint.languages.spans import HASH_COMMENT, MARKUP_COMMENTS, comment

# kramdown (Jekyll's default): `{::comment} ... {:/comment}` (or `{:/}`) is never rendered.
KRAMDOWN_COMMENT = Span(
    "kramdown_comment",
    "{::comment}",
    comment(r"\{::comment\}", r"\{:/(?:comment)?\}"),
    Role.COMMENT,
    15,
    closers=(r"\{:/(?:comment)?\}",),
)
# The "comment" every Markdown renderer drops: a link reference definition nobody links to,
# `[//]: # (text)`, `[comment]: <> (text)`, at the start of a line.
_LINK_COMMENT_BODY = r"""\]:[ \t]*(?:#|<>)[ \t]*(?:\([^)\n]*\)|"[^"\n]*"|'[^'\n]*')"""
LINK_COMMENTS = (
    Span("link_comment", "[//]:", r"(?<![^\n])\[//" + _LINK_COMMENT_BODY, Role.COMMENT, 16),
    Span(
        "link_comment_named",
        "[comment]:",
        r"(?<![^\n])\[comment" + _LINK_COMMENT_BODY,
        Role.COMMENT,
        17,
    ),
)

LANGUAGE = Language(
    "markdown",
    Kind.MARKDOWN,
    (".md", ".markdown", ".mdown", ".mkd"),
    spans=(KRAMDOWN_COMMENT, *LINK_COMMENTS),
    comments=(*MARKUP_COMMENTS, HASH_COMMENT),
    description="Markdown (Jekyll, Hugo, Eleventy content; kramdown and link-reference comments)",
)
