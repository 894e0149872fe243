"""Trackers a site declares as data in its framework's config file, read without running it.

A Gatsby, Nuxt or Docusaurus site can load a tracker on every page without a line of tracking
code: `gatsby-config.js` lists `gatsby-plugin-google-gtag`, `nuxt.config.ts` lists `nuxt-gtag`
in `modules`, `docusaurus.config.js` gives the classic preset a `gtag` option. The framework then
injects the vendor's snippet at build time. This module finds those declarations in the config's
syntax tree (a name in a comment is no declaration) and the account id written with them.

Knows frameworks, not trackers: the caller passes the catalog's plugin names (plugin -> tracker
id). Values returned are plain: character offsets into the text, tracker id, detail.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tree_sitter import Node, Parser, Query, Tree

_EXTS = r"\.(?:js|mjs|cjs|ts|mts|cts)$"


@dataclass(frozen=True, slots=True)
class Framework:
    """One framework whose site config declares plugins: the file, and the keys whose arrays
    the framework reads plugin names from."""

    name: str
    config: re.Pattern[str]  # the site config's path
    lists: frozenset[str]  # keys whose array entries are plugins/modules/presets


FRAMEWORKS = (
    Framework("gatsby-config", re.compile(r"(?:^|/)gatsby-config" + _EXTS), frozenset({"plugins"})),
    Framework(
        "nuxt.config",
        re.compile(r"(?:^|/)nuxt\.config" + _EXTS),
        frozenset({"modules", "buildModules"}),
    ),
    Framework(
        "docusaurus.config",
        re.compile(r"(?:^|/)docusaurus\.config" + _EXTS),
        frozenset({"plugins", "presets", "themes"}),
    ),
)
# angular.json is not here: its `scripts` are local files bundled by the CLI, never vendor URLs.

# Docusaurus: the classic preset turns these option keys into the plugins they are named after.
PRESET_OPTIONS = {
    "gtag": "@docusaurus/plugin-google-gtag",
    "googleAnalytics": "@docusaurus/plugin-google-analytics",
    "googleTagManager": "@docusaurus/plugin-google-tag-manager",
}
# Nuxt: a module also reads its options from a top-level key of the config (its `configKey`), and
# from the same key under `runtimeConfig.public` / `publicRuntimeConfig`.
NUXT_CONFIG_KEYS = {
    "nuxt-gtag": ("gtag",),
    "@nuxtjs/gtm": ("gtm",),
    "@zadigetvoltaire/nuxt-gtm": ("gtm",),
    "@nuxtjs/google-gtag": ("google-gtag", "googleGtag"),
    "@nuxtjs/google-analytics": ("googleAnalytics", "google-analytics"),
    "@nuxtjs/google-tag-manager": ("googleTagManager", "google-tag-manager"),
    "nuxt-facebook-pixel-module": ("facebook",),
    "@nuxtjs/plausible": ("plausible",),
    "nuxtjs-microsoft-clarity": ("microsoftClarity",),
}
_RUNTIME = (("runtimeConfig", "public"), ("publicRuntimeConfig",))
# Option keys that hold the vendor account id, most specific first.
ID_KEYS = (
    "trackingIds", "trackingID", "trackingId", "containerId", "gtmId", "pixelId", "partnerId",
    "id", "ids", "tags", "siteId", "site", "prodKey", "writeKey", "apiToken", "apiKey",
    "trackingCode", "hubId", "clarity_project_id", "projectId", "domain",
)  # fmt: skip
_WRAPPERS = frozenset(
    {"parenthesized_expression", "as_expression", "satisfies_expression", "non_null_expression"}
)
_OFF = frozenset({"false", "null", "undefined"})
_MAX_DEPTH = 3  # how deep into the options the account id is looked for
_MAX_ID = 80
_ESCAPE = re.compile(r"\\(.)", re.S)
_CHILDREN = re.compile(r"""\bchildren['"]?\s*:""")


@dataclass(frozen=True, slots=True)
class Declaration:
    """A tracker plugin declared in a site config: `start`/`end` are character offsets of the
    name (the string literal, or the preset option key) in the text."""

    start: int
    end: int
    tracker: str
    detail: str


@dataclass(frozen=True, slots=True)
class HeadScript:
    """The body of a head script given as `children: '...'` (Nuxt/unhead, vue-meta), as
    same-length code: escapes and `${...}` blanked so offsets map one to one onto the file."""

    start: int  # offset of the body's first character
    code: str
    statement: int  # offset of the top-level statement around it


def framework_of(path: str) -> Framework | None:
    return next((f for f in FRAMEWORKS if f.config.search(path)), None)


def is_site_config(path: str) -> bool:
    """A framework's site config: read for declarations even when no tracker token is in it
    (a Docusaurus preset's `gtag:` option names no plugin)."""
    return framework_of(path) is not None


def declarations(
    text: str, path: str, plugins: Mapping[str, str], grammar: str = "javascript"
) -> list[Declaration]:
    """Tracker plugins declared in the site config `text` at `path`; `plugins` maps plugin or
    module names to tracker ids (the catalog's `plugins`)."""
    framework = framework_of(path)
    if framework is None or not plugins:
        return []
    tree = _tree(text, grammar)
    reader = _Reader(text, tree, framework, plugins)
    return reader.read()


def head_scripts(text: str, grammar: str = "javascript") -> list[HeadScript]:
    """`children` bodies of `script: [...]` entries (`app.head`, `useHead`, vue-meta `head`):
    inline code the page runs that a plain string property does not say it runs."""
    if "script" not in text or not _CHILDREN.search(text):
        return []
    import tree_sitter

    tree = _tree(text, grammar)
    to_char = _offset_converter(text)
    found = []
    cursor = tree_sitter.QueryCursor(_children_query(grammar))
    for _, captures in cursor.matches(tree.root_node):
        node, value = captures["pair"][0], captures["value"][0]
        if _key(node) != "children" or not _in_script_list(node):
            continue
        body = _same_length_code(_text(value)[1:-1], value.type == "template_string")
        found.append(
            HeadScript(to_char(value.start_byte) + 1, body, to_char(_statement(value).start_byte))
        )
    return found


# --- parsing ------------------------------------------------------------------------------
@cache
def _parser(grammar: str) -> Parser:
    import tree_sitter

    from pixellint import js

    return tree_sitter.Parser(js._language(grammar))


@cache
def _children_query(grammar: str) -> Query:
    """`key: 'string'` pairs, found by tree-sitter in C: a React file has thousands of nodes
    and `children:` in most prop types."""
    import tree_sitter

    from pixellint import js

    return tree_sitter.Query(
        js._language(grammar), "(pair value: [(string) (template_string)] @value) @pair"
    )


def _tree(text: str, grammar: str) -> Tree:
    return _parser(grammar).parse(text.encode("utf-8", errors="surrogatepass"))


def _offset_converter(text: str) -> Callable[[int], int]:
    data = text.encode("utf-8", errors="surrogatepass")
    if len(data) == len(text):
        return lambda offset: offset
    return lambda offset: len(data[:offset].decode("utf-8", errors="ignore"))


def _walk(root: Node) -> Iterator[Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(reversed(node.named_children))


def _text(node: Node) -> str:
    return (node.text or b"").decode("utf-8", errors="replace")


def _unwrap(node: Node | None) -> Node | None:
    while node is not None and node.type in _WRAPPERS and node.named_child_count:
        node = node.named_children[0]
    return node


def _key(pair: Node) -> str:
    key = pair.child_by_field_name("key")
    if key is None:
        return ""
    text = _text(key)
    return text[1:-1] if key.type == "string" else text


def _string(node: Node | None) -> str | None:
    """A plain string literal's value (a template literal without substitutions counts)."""
    node = _unwrap(node)
    if node is None:
        return None
    if node.type == "string" or (
        node.type == "template_string"
        and not any(c.type == "template_substitution" for c in node.children)
    ):
        return re.sub(r"\\(.)", r"\1", _text(node)[1:-1])
    return None


def _statement(node: Node) -> Node:
    while node.parent is not None and node.parent.parent is not None:
        node = node.parent
    return node


def _in_script_list(pair: Node) -> bool:
    """The pair sits in an object that is an entry of a `script: [...]` array."""
    obj = pair.parent
    array = obj.parent if obj is not None else None
    holder = array.parent if array is not None else None
    return (
        array is not None
        and array.type == "array"
        and holder is not None
        and holder.type == "pair"
        and _key(holder) == "script"
    )


def _same_length_code(body: str, template: bool) -> str:
    """String contents as code of the same length: `\\n` -> ' \\n', `\\'` -> ' \\'',
    `${expr}` -> `_______` (an identifier, so `fbq('init', '${id}')` stays a call)."""
    if template:
        body = re.sub(r"\$\{[^{}]*\}", lambda m: "_" * len(m.group()), body)
    return _ESCAPE.sub(
        lambda m: (
            " \n" if m.group(1) == "n" else " " + (m.group(1) if m.group(1) in "'\"`" else " ")
        ),
        body,
    )


# --- reading a config ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Entry:
    name: str
    node: Node  # the string literal naming it
    options: Node | None  # its options object, when written inline
    holder: Node  # the pair whose array declares it (`plugins: [...]`)


class _Reader:
    """Finds the arrays the framework reads plugin names from, their entries, and the ids."""

    def __init__(self, text: str, tree: Tree, framework: Framework, plugins: Mapping[str, str]):
        self.framework = framework
        self.plugins = plugins
        self.to_char = _offset_converter(text)
        self.root: Node = tree.root_node
        self.variables: dict[str, Node] = {}
        for node in _walk(self.root):
            if node.type == "variable_declarator":
                name, value = node.child_by_field_name("name"), node.child_by_field_name("value")
                if name is not None and value is not None and name.type == "identifier":
                    self.variables.setdefault(_text(name), value)

    def read(self) -> list[Declaration]:
        found: dict[int, Declaration] = {}
        for holder, array in self._declaring_arrays():
            for entry in self._entries(array, holder):
                tracker = self.plugins.get(entry.name)
                if tracker is not None and not any(map(_disabled, self._options(entry))):
                    declared = self._declaration(entry, tracker, entry.node, "")
                    found.setdefault(declared.start, declared)
                if _list_name(holder) == "presets" and entry.options is not None:
                    for declared in self._preset_options(entry):
                        found.setdefault(declared.start, declared)
        return [found[start] for start in sorted(found)]

    # arrays --------------------------------------------------------------------------------
    def _declaring_arrays(self) -> Iterator[tuple[Node, Node]]:
        """(`plugins: [...]` pair, the array) for every array the framework reads, following a
        variable (`plugins: basePlugins`, `...sharedPlugins`) and `.push(...)` onto one."""
        seen: set[int] = set()
        names: dict[str, Node] = {}  # variable holding a declaring array -> its pair
        queue: list[tuple[Node, Node | None]] = []
        for node in _walk(self.root):
            if node.type == "pair" and _key(node) in self.framework.lists:
                queue.append((node, node.child_by_field_name("value")))
            elif (
                node.type == "shorthand_property_identifier"
                and _text(node) in self.framework.lists
                and node.parent is not None
                and node.parent.type == "object"
            ):
                queue.append((node, node))
        while queue:
            holder, value = queue.pop()
            for array in self._arrays(value, names, holder):
                if array.start_byte in seen:
                    continue
                seen.add(array.start_byte)
                yield holder, array
                for element in array.named_children:  # `...shared` spreads another variable
                    if element.type == "spread_element":
                        queue.append((holder, element.named_children[0]))
        for node in _walk(self.root):  # basePlugins.push({ resolve: 'gatsby-plugin-…' })
            if node.type != "call_expression":
                continue
            callee = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if callee is None or args is None or callee.type != "member_expression":
                continue
            target = callee.child_by_field_name("object")
            prop = callee.child_by_field_name("property")
            if prop is None or _text(prop) not in ("push", "unshift") or target is None:
                continue
            holder_of = names.get(_text(target))
            if holder_of is None and target.type == "member_expression":
                inner = target.child_by_field_name("property")
                if inner is not None and _text(inner) in self.framework.lists:
                    holder_of = target
            if holder_of is not None and args.start_byte not in seen:
                seen.add(args.start_byte)
                yield holder_of, args

    def _arrays(self, value: Node | None, names: dict[str, Node], holder: Node) -> list[Node]:
        """The arrays a value can be: itself, a variable's initializer, either branch of a
        condition (`isProd ? [...] : []`), the parts of `[...a, ...b]` or `a.concat(b)`."""
        value = _unwrap(value)
        if value is None:
            return []
        if value.type == "array":
            return [value]
        if value.type in ("identifier", "shorthand_property_identifier"):
            name = _text(value)
            initial = self.variables.get(name)
            if initial is None or name in names:
                return []
            names[name] = holder
            return self._arrays(initial, names, holder)
        if value.type == "ternary_expression":
            branches = (value.child_by_field_name(f) for f in ("consequence", "alternative"))
            return [a for b in branches for a in self._arrays(b, names, holder)]
        if value.type == "binary_expression":
            right = value.child_by_field_name("right")
            left = value.child_by_field_name("left")
            return [*self._arrays(left, names, holder), *self._arrays(right, names, holder)]
        if value.type == "call_expression":  # [...].filter(Boolean), base.concat([...])
            callee = value.child_by_field_name("function")
            args = value.child_by_field_name("arguments")
            found = []
            if callee is not None and callee.type == "member_expression":
                found += self._arrays(callee.child_by_field_name("object"), names, holder)
            for arg in args.named_children if args is not None else ():
                found += self._arrays(arg, names, holder)
            return found
        return []

    # entries -------------------------------------------------------------------------------
    def _entries(self, array: Node, holder: Node) -> Iterator[_Entry]:
        for element in array.named_children:
            yield from self._entry(element, holder)

    def _entry(self, element: Node | None, holder: Node) -> Iterator[_Entry]:
        element = _unwrap(element)
        if element is None:
            return
        kind = element.type
        if kind in ("string", "template_string", "call_expression"):
            named = self._name(element)
            if named is not None:
                yield _Entry(named[0], named[1], None, holder)
        elif kind == "array":  # ['name', { options }] (Nuxt, Docusaurus)
            items = [c for c in element.named_children if c.type != "comment"]
            named = self._name(items[0]) if items else None
            if named is not None:
                options = _unwrap(items[1]) if len(items) > 1 else None
                yield _Entry(named[0], named[1], options, holder)
        elif kind == "object":  # { resolve: 'name', options: {...} } (Gatsby)
            fields = _fields(element)
            named = self._name(fields.get("resolve")) or self._name(fields.get("src"))
            if named is not None:
                yield _Entry(named[0], named[1], _unwrap(fields.get("options")), holder)
        elif kind == "ternary_expression":  # isProd ? 'plugin' : null
            for field in ("consequence", "alternative"):
                yield from self._entry(element.child_by_field_name(field), holder)
        elif kind == "binary_expression":  # isProd && ['plugin', {...}]
            yield from self._entry(element.child_by_field_name("right"), holder)
        elif kind == "spread_element":  # ...(isProd ? [...] : [])
            inner = _unwrap(element.named_children[0]) if element.named_child_count else None
            if inner is not None and inner.type != "identifier":
                for array in self._arrays(inner, {}, holder):
                    yield from self._entries(array, holder)

    def _name(self, node: Node | None) -> tuple[str, Node] | None:
        """A plugin name and its literal: 'name', `name`, require.resolve('name')."""
        node = _unwrap(node)
        if node is None:
            return None
        if node.type == "call_expression":
            callee = node.child_by_field_name("function")
            args = node.child_by_field_name("arguments")
            if (
                callee is None
                or _text(callee) not in ("require.resolve", "require")
                or args is None
            ):
                return None
            node = args.named_children[0] if args.named_child_count else None
            if node is None:
                return None
        value = _string(node)
        return (value, node) if value is not None else None

    # presets and ids -----------------------------------------------------------------------
    def _preset_options(self, entry: _Entry) -> Iterator[Declaration]:
        """`presets: [['classic', { gtag: {...} }]]`: each analytics option turns on a plugin."""
        options = entry.options
        if options is None or options.type != "object":
            return
        for pair in options.named_children:
            if pair.type != "pair":
                continue
            plugin = PRESET_OPTIONS.get(_key(pair))
            tracker = self.plugins.get(plugin) if plugin else None
            value = _unwrap(pair.child_by_field_name("value"))
            key = pair.child_by_field_name("key")
            if tracker is None or key is None or value is None or _text(value) in _OFF:
                continue
            via = f" through preset {entry.name} option {_key(pair)}"
            opts = value if value.type == "object" else None
            yield self._declaration(
                _Entry(plugin or "", key, opts, entry.holder), tracker, key, via, value
            )

    def _declaration(
        self, entry: _Entry, tracker: str, at: Node, via: str, value: Node | None = None
    ) -> Declaration:
        account = self._account(entry, value)
        detail = f"{self.framework.name} declares {entry.name}{via}" + (
            f" ({account})" if account else " (no account id in the config)"
        )
        return Declaration(self.to_char(at.start_byte), self.to_char(at.end_byte), tracker, detail)

    def _options(self, entry: _Entry) -> list[Node]:
        """Where the plugin's options are written: inline, then (Nuxt) the module's top-level
        key and the same key in the runtime config."""
        places: list[Node] = [entry.options] if entry.options is not None else []
        holder = entry.holder
        config = holder.parent if holder.type != "member_expression" else None
        for key in NUXT_CONFIG_KEYS.get(entry.name, ()) if config is not None else ():
            for path in ((key,), *((*runtime, key) for runtime in _RUNTIME)):
                found = _lookup(config, path)
                if found is not None:
                    places.append(found)
        return places

    def _account(self, entry: _Entry, value: Node | None) -> str:
        """The account id written with the declaration, from the first place that has one."""
        if value is not None and value.type != "object":
            return _describe(value, self.variables)  # gtag: getGtagConfig()
        for place in self._options(entry):
            found = _account_in(place, self.variables)
            if found:
                return found
        return ""


def _list_name(holder: Node) -> str:
    """The key a declaring array hangs from: `presets: [...]`, `{ presets }`, `x.plugins.push`."""
    if holder.type == "pair":
        return _key(holder)
    if holder.type == "member_expression":
        prop = holder.child_by_field_name("property")
        return _text(prop) if prop is not None else ""
    return _text(holder)


def _fields(obj: Node) -> dict[str, Node]:
    fields: dict[str, Node] = {}
    for pair in obj.named_children:
        if pair.type == "pair":
            value = pair.child_by_field_name("value")
            if value is not None:
                fields.setdefault(_key(pair), value)
        elif pair.type == "shorthand_property_identifier":
            fields.setdefault(_text(pair), pair)
    return fields


def _lookup(obj: Node | None, path: tuple[str, ...]) -> Node | None:
    for key in path:
        obj = _unwrap(obj)
        if obj is None or obj.type != "object":
            return None
        obj = _fields(obj).get(key)
    return _unwrap(obj)


def _disabled(options: Node | None) -> bool:
    """Options that switch the plugin off as written: `enabled: false` (Nuxt modules)."""
    if options is None or options.type != "object":
        return False
    enabled = _fields(options).get("enabled")
    return enabled is not None and _text(enabled) == "false"


def _account_in(options: Node, variables: Mapping[str, Node], depth: int = 0) -> str:
    options = _unwrap(options) or options
    if options.type != "object" or depth > _MAX_DEPTH:
        return ""
    fields = _fields(options)
    for key in ID_KEYS:
        if key in fields:
            described = _describe(fields[key], variables)
            if described:
                return described
    for value in fields.values():
        inner = _unwrap(value)
        if inner is not None and inner.type == "object":
            described = _account_in(inner, variables, depth + 1)
            if described:
                return described
    return ""


def _describe(node: Node, variables: Mapping[str, Node]) -> str:
    """'id G-ABC123', 'ids G-1, AW-2', 'id from process.env.GA_ID or G-DEFAULT': what a
    reviewer needs to find the account."""
    values = _id_values(node, variables, 0)
    if not values:
        return ""
    literal = [v for v in values if not v.startswith("from ")]
    if values[0].startswith("from "):
        return f"id {values[0]}" + (f" or {', '.join(literal)}" if literal else "")[:_MAX_ID]
    return ("ids " if len(literal) > 1 else "id ") + ", ".join(literal)[:_MAX_ID]


def _id_values(node: Node | None, variables: Mapping[str, Node], depth: int) -> list[str]:
    node = _unwrap(node)
    if node is None or depth > 4:
        return []
    kind = node.type
    value = _string(node)
    if value is not None:
        return [value] if value.strip() else []
    if kind == "number":
        return [_text(node)]
    if kind == "array":
        return [v for c in node.named_children for v in _id_values(c, variables, depth + 1)]
    if kind == "object":
        fields = _fields(node)
        return _id_values(fields.get("id"), variables, depth + 1) if "id" in fields else []
    if kind in ("member_expression", "subscript_expression") and _text(node).startswith(
        ("process.env", "import.meta.env")
    ):
        return [f"from {' '.join(_text(node).split())}"]
    if kind == "binary_expression":  # process.env.GA_ID ?? 'G-DEFAULT', a || b
        found = []
        for side in ("left", "right"):
            found += _id_values(node.child_by_field_name(side), variables, depth + 1)
        return found
    if kind in ("identifier", "shorthand_property_identifier"):
        name = _text(node)
        initial = variables.get(name)
        if initial is not None:
            return _id_values(initial, variables, depth + 1) or [f"from {name}"]
        return [f"from {name}"]
    if kind in ("template_string", "call_expression", "ternary_expression"):
        return [f"from {' '.join(_text(node).split())[:_MAX_ID]}"]
    return []
