"""HTL (Sightly), the template language of Adobe Experience Manager components: `.html` files
claimed by content (`data-sly-*` attributes, `${properties.x}` expressions).

`${...}` is evaluated everywhere in an HTL file, in text, attributes and `<script>` bodies
(`'${properties.gtmId @ context="scriptString"}'`): output. `<!--/* ... */-->` never reaches the
page: comment. `data-sly-*` attributes and `<sly>` elements are removed at render time and need no
masking: HTML and JavaScript analysis never read them; only a `<template data-sly-template.x>`
start tag is masked (an HTML `<template>` would make its scripts inert).

Include forms: `data-sly-include` (a script path), `data-sly-use.x="....html"` whose templates
are called (`data-sly-call="${x.name}"`), and `data-sly-resource` with a component's resource
type (`resourceType='clinic/components/analytics'`). Paths and types that AEM itself provides
(`/libs/...`, Core Components, Granite, foundation) are never in a project: no edge, no note.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from functools import lru_cache

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.jsp import expression
from pixellint.languages.spans import MARKUP_COMMENTS
from pixellint.languages.thymeleaf import SLASH_STAR_COMMENT

HTL_EXPRESSION = Span("htl_expression", "${", expression("$"), Role.OUTPUT, 39)
# `<template data-sly-template.x>` is removed and its content rendered where it is called: the
# start tag is masked, so its content is not taken for an inert HTML <template>
TEMPLATE_TAG = Span(
    "htl_template_tag",
    "<template",
    r"<template\b[^<>]*?(?<![\w-])data-sly-template\.[^<>]*>",
    Role.CONTROL,
    49,
)

# resource types and script paths that ship with AEM, not with a project
PRODUCT = re.compile(
    r"^/?(?:libs/|apps/core/wcm/|core/wcm/|wcm/foundation/|foundation/|granite/|cq/|dam/|"
    r"sling/|social/|commerce/|settings/wcm/)"
)

_LITERAL = re.compile(r"""^\$\{\s*(['"])([^'"]*)\1""")
_OPTION = re.compile(r"""\b(prependPath|appendPath|file|resourceType)\s*=\s*(['"])([^'"]*)\2""")
_PLAIN_PATH = re.compile(r"^[\w./-]+$")


def htl_path(value: str) -> tuple[str | None, dict[str, str]]:
    """(path, options) of an HTL attribute value: `a/b.html`, `${'b.html' @ prependPath='a'}`;
    path None when it is computed (`${properties.x}`)."""
    value = value.strip()
    options = {m.group(1): m.group(3) for m in _OPTION.finditer(value)}
    if not value.startswith("${"):
        return (value if _PLAIN_PATH.match(value) else None), options
    literal = _LITERAL.match(value)
    path = literal.group(2) if literal else None
    if options.get("file"):
        path = options["file"]
    if path is not None and (options.get("prependPath") or options.get("appendPath")):
        parts = (options.get("prependPath", ""), path, options.get("appendPath", ""))
        path = posixpath.join(*(p for p in parts if p))
    return path, options


_VALUE = r"""\s*=\s*(?:"([^"<]*)"|'([^'<]*)')"""


def _include_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    value = match.group(1) if match.group(1) is not None else match.group(2)
    path, _ = htl_path(value)
    if path is None:
        yield value.strip()[:80], "data-sly-include", "dynamic"
    elif not PRODUCT.match(path):
        yield path, "data-sly-include", "htl"


INCLUDE = Include(
    r"(?<![\w-])data-sly-include" + _VALUE, "data-sly-include", "htl", "data-sly-include",
    names=_include_names,
)  # fmt: skip

_CALL = re.compile(r"""data-sly-call\s*=\s*["']\s*\$\{\s*([A-Za-z_]\w*)\.""")


@lru_cache(maxsize=4)
def _called(text: str) -> frozenset[str]:
    """Identifiers whose templates the text calls (`data-sly-call="${tracking.pixel}"`)."""
    return frozenset(m.group(1) for m in _CALL.finditer(text))


def _use_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """A template library counts when one of its templates is called; Java and JavaScript Use
    objects run on the server and print nothing themselves."""
    value = match.group(2) if match.group(2) is not None else match.group(3)
    path, _ = htl_path(value)
    if path is None or not path.endswith(".html") or PRODUCT.match(path):
        return
    if match.group(1) in _called(match.string):
        yield path, "data-sly-use", "htl"


USE = Include(
    r"(?<![\w-])data-sly-use\.([A-Za-z_]\w*)" + _VALUE, "data-sly-use", "htl", "data-sly-use",
    names=_use_names,
)  # fmt: skip


def _resource_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """The component a `data-sly-resource` renders: its `resourceType` option, or a path that is
    itself a resource type (`clinic/components/analytics`). A plain content path names content,
    whose component is only known at run time: nothing to follow."""
    value = match.group(1) if match.group(1) is not None else match.group(2)
    path, options = htl_path(value)
    kind = options.get("resourceType") or (path if path and "/components/" in path else None)
    if kind and not PRODUCT.match(kind):
        yield kind, "data-sly-resource", "htl-resource"


RESOURCE = Include(
    r"(?<![\w-])data-sly-resource" + _VALUE, "data-sly-resource", "htl-resource", "data-sly-resource",
    names=_resource_names,
)  # fmt: skip

# one scan per hint on every .html file; the content test then looks for the HTL globals
HINTS = ("data-sly-", "${")
_CLAIM = re.compile(
    r"(?<![\w-])data-sly-[a-z]+|\$\{(?:properties|pageProperties|inheritedPageProperties|"
    r"currentPage|wcmmode)\b"
)


def uses_htl(text: str) -> bool:
    return any(hint in text for hint in HINTS) and bool(_CLAIM.search(text))


LANGUAGE = Language(
    "htl",
    Kind.MARKUP,
    spans=(SLASH_STAR_COMMENT, HTL_EXPRESSION, TEMPLATE_TAG),
    comments=MARKUP_COMMENTS,
    includes=(INCLUDE, USE, RESOURCE),
    embeds_in=("html",),
    analyse_text=uses_htl,
    hints=HINTS,
    description="HTL (Sightly) component scripts in .html files (Adobe Experience Manager)",
)
