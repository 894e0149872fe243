"""WordPress: get_header()/get_template_part() names, and the hooks a theme's templates fire.

`wp_head()`, `wp_footer()` and `wp_body_open()` in a template run every callback a theme or a
plugin added to those hooks (`add_action( 'wp_head', ... )` with a named function, a closure or
a `[ $this, 'method' ]` array), and `wp_head()` fires `wp_enqueue_scripts`, whose scripts print
there. So a template that calls one of them gets an edge (kind: the hook) to every PHP file
that hooks it: the plugin file that prints a Meta Pixel in `wp_head`, the `inc/analytics.php` a
theme requires. The hooks a file adds are noted on it as traits when it is read (`wp-hook`),
and the files of each hook are listed once per graph build, so linking stays O(files).

A block theme has no header.php: core's template canvas fires the same hooks around each of its
`templates/*.html`, so those get the same edges.

Hooks of a theme run only when that theme is active: a file under `themes/<name>/` is linked
from the templates of that theme only, unless the theme has no templates firing the hooks of its
own (a child theme: functions.php and style.css, rendered by its parent's templates); a plugin's
(`plugins/`, `mu-plugins/`, or a repository that is one plugin) from every template.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pixellint.conventions.base import Convention
from pixellint.languages.php import without_comments
from pixellint.lookup import Lookup
from pixellint.nodes import Node

# the template call -> the hooks whose callbacks print where it is called
FIRES = {
    "wp_head": ("wp_head", "wp_enqueue_scripts", "wp_print_scripts"),
    "wp_footer": ("wp_footer", "wp_print_footer_scripts"),
    "wp_body_open": ("wp_body_open",),
}
_HOOKS = frozenset(hook for hooks in FIRES.values() for hook in hooks)
_ADD_ACTION = re.compile(
    r"""\badd_(?:action|filter)\s*\(\s*["'](""" + "|".join(sorted(_HOOKS)) + r""")["']"""
)
_PHP = (".php", ".inc")


def resolve(lookup: Lookup, node: Node, name: str) -> str | None:
    up = lookup.ancestors_dirs(node.path)
    if name == "functions.php":  # the theme's own, if it has one (another theme's never runs)
        return lookup.find_exact(name, node.path, up) or node.path
    for option in name.split("|"):
        found = lookup.find(option, node.path, up, (".php",))
        if found:
            return found
    return None


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    """The page hooks a PHP file adds callbacks to (comments do not count)."""
    if not path.endswith(_PHP) or "add_" not in text:
        return
    if not _ADD_ACTION.search(text):
        return
    for hook in dict.fromkeys(_ADD_ACTION.findall(without_comments(text))):
        yield "wp-hook", hook


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    calls = _fired(node, lookup)
    if not calls:
        return
    index = _index(lookup, nodes)
    theme = theme_of(node.path)
    for call in calls:
        for hook in FIRES[call]:
            for path in index.hooked.get(hook, ()):
                owner = theme_of(path)
                if owner is None or owner == theme or owner not in index.rendering:
                    yield path, call


def _fired(node: Node, lookup: Lookup) -> list[str]:
    """The page hooks a template fires: its wp_head()/wp_footer()/wp_body_open() calls, or all
    of them for a block theme's template."""
    calls = [ref.kind for ref in node.references if ref.kind in FIRES and ref.how == "wp"]
    if not calls and _is_block_template(node.path, lookup):
        return list(FIRES)  # WordPress's template canvas fires them around a block template
    return list(dict.fromkeys(calls))


def _is_block_template(path: str, lookup: Lookup) -> bool:
    """A block theme's template (`templates/page.html` beside the `templates/index.html` every
    block theme has): core's template-canvas.php renders it between wp_head() and wp_footer()."""
    folder, _, name = path.rpartition("/")
    if not name.endswith(".html") or not (folder == "templates" or folder.endswith("/templates")):
        return False
    return f"{folder}/index.html" in lookup.files


def theme_of(path: str) -> str | None:
    """The theme folder a file belongs to (`wp-content/themes/clinic`), None outside themes."""
    parts = path.split("/")
    for at in range(len(parts) - 2):
        if parts[at] == "themes":
            return "/".join(parts[: at + 2])
    return None


@dataclass(frozen=True)
class _Index:
    hooked: dict[str, tuple[str, ...]]  # hook -> the files that add callbacks to it
    rendering: frozenset[str]  # themes with templates of their own that fire page hooks


_CACHE: list[tuple[Lookup, _Index]] = []


def _index(lookup: Lookup, nodes: Mapping[str, Node]) -> _Index:
    """Who hooks what, and which themes render pages, once per graph build."""
    if _CACHE and _CACHE[0][0] is lookup:
        return _CACHE[0][1]
    found: dict[str, list[str]] = {}
    for path, noted in lookup.traits.items():
        for name, value in noted:
            if name == "wp-hook":
                found.setdefault(value, []).append(path)
    rendering = {theme_of(path) for path, node in nodes.items() if _fired(node, lookup)}
    index = _Index(
        {hook: tuple(sorted(paths)) for hook, paths in found.items()},
        frozenset(theme for theme in rendering if theme is not None),
    )
    _CACHE[:] = [(lookup, index)]
    return index


CONVENTION = Convention(
    "wordpress",
    resolvers=(("wp", resolve),),
    wraps=wraps,
    traits=traits,
    description="WordPress themes and plugins",
)
