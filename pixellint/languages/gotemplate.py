"""Go templates (Hugo, html/template)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.spans import (
    BRACE_OUTPUT,
    GO_COMMENT,
    HTML_COMMENT,
    MARKUP_COMMENTS,
    nesting_comment,
)

PARTIAL = Include(
    r"\{\{-?\s*(?:partial|partialCached)\s+\"([^\"]+)\"", "partial", "hugo-partial", "partial"
)
TEMPLATE = Include(r"\{\{-?\s*template\s+\"([^\"]+)\"", "template", "hugo-template", "template")
# Shortcodes Hugo embeds: named `_internal/shortcodes/...` so that an unresolved one is no note;
# the resolver still prefers a project file that overrides it (layouts/shortcodes/figure.html).
BUILTIN_SHORTCODES = frozenset(
    {"comment", "details", "figure", "gist", "highlight", "instagram", "param", "qr", "ref",
     "relref", "tweet", "twitter", "twitter_simple", "vimeo", "vimeo_simple", "x", "x_simple",
     "youtube"}
)  # fmt: skip


def _shortcode_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    name = match.group(1)
    if name in BUILTIN_SHORTCODES:
        name = f"_internal/shortcodes/{name}.html"
    yield name, "shortcode", "hugo-shortcode"


# `{{< name >}}` and `{{% name %}}` in content run layouts/shortcodes/name.html; a closing
# `{{< /name >}}` names no new file, and `{{</* name */>}}` is an escaped, literal shortcode.
SHORTCODE = Include(
    r"\{\{[<%]\s*(\w[\w./-]*)", "shortcode", "hugo-shortcode", "{{", names=_shortcode_names
)
# Hugo's built-in `comment` shortcode renders nothing of what it wraps.
SHORTCODE_COMMENT = Span(
    "hugo_comment_shortcode",
    "{{",
    nesting_comment(r"\{\{[<%]\s*comment\s*[>%]\}\}", r"\{\{[<%]\s*/comment\s*[>%]\}\}"),
    Role.COMMENT,
    19,
    closers=(r"\{\{[<%]\s*/comment\s*[>%]\}\}",),
)
# html/template strips HTML comments from its output, template actions inside included: what
# a layout comments out with `<!-- -->` never reaches the page.
GO_HTML_COMMENT = Span(
    "go_html_comment", "<!--", HTML_COMMENT.pattern, Role.COMMENT, 12, closers=HTML_COMMENT.closers
)
_CLAIM = re.compile(
    r"\{\{-?\s*(?:\.|\$|/\*|partial\b|partialCached\b|template\s+\"|define\s+\"|block\s+\"|"
    r"range\b|with\b|if\s+(?:\.|\$|not\b|and\b|or\b|eq\b|ne\b|isset\b|hugo\b|site\b))"
    r"|\{\{[<%]\s*/?\w"
)

LANGUAGE = Language(
    "go",
    Kind.MARKUP,
    (".tmpl", ".gohtml", ".gotmpl"),
    spans=(GO_HTML_COMMENT, SHORTCODE_COMMENT, GO_COMMENT, BRACE_OUTPUT),
    comments=MARKUP_COMMENTS,
    includes=(PARTIAL, TEMPLATE, SHORTCODE),
    embeds_in=("html", "markdown"),
    analyse_text=lambda text: bool(_CLAIM.search(text)),
    hints=("{{",),
    description="Go templates (Hugo: partials, templates, shortcodes)",
)
