"""Drupal themes and modules: template nesting, and the asset libraries that bring JavaScript.

Templates: node/block/field templates sit in page.html.twig, which sits in html.html.twig.

Libraries (`mytheme/gtm`, defined in `mytheme.libraries.yml`) are attached by
`{{ attach_library('mytheme/gtm') }}` in a template, by `#attached` in a `.theme` or `.module`
file, or to every page by the theme's `*.info.yml` (`libraries:`). An attachment is an edge to
what the library loads: its libraries file when it loads an external URL (the URL is a sighting
there), else each of its first-party JavaScript files. A library with no JavaScript loads nothing
that tracks: the name resolves, with no edge. Libraries are noted on their file as traits
(`drupal-library`, `drupal-library-js`, `drupal-library-external`), so an attachment is looked
up, never re-read.

Every page of a theme runs its `.theme` file and the page-level hooks of modules
(`hook_page_attachments`, `hook_preprocess_html`, `hook_page_top`..., also as Drupal 11
`#[Hook('page_attachments')]` methods), and loads the libraries its `*.info.yml` attaches: the
theme's outermost templates (html.html.twig; page templates when the theme has none; every
template when it has neither) get an edge to each. A libraries file holds several libraries: a
page that attaches one external library of a file also reaches the external URLs of the others.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pixellint.conventions.base import Convention
from pixellint.languages import drupal_libraries
from pixellint.languages.php import without_comments
from pixellint.lookup import Lookup, distance
from pixellint.nodes import Node

_IN_PAGE = ("node", "block", "field", "region", "views-view", "paragraph", "taxonomy-term", "user")
_PAGE_HOOKS = (
    "page_attachments_alter|page_attachments|page_top|page_bottom|preprocess_html|preprocess_page"
)
_PAGE_HOOK = re.compile(
    rf"\bfunction\s+\w+?_({_PAGE_HOOKS})\s*\(|#\[Hook\(\s*['\"]({_PAGE_HOOKS})['\"]"
)
_HOOK_FILES = (".module", ".theme", ".inc", ".php")
# Drupal core's extensions (Drupal 9-11): their libraries are core's own
CORE = frozenset({
    "core", "action", "aggregator", "announcements_feed", "automated_cron", "ban", "basic_auth",
    "big_pipe", "block", "block_content", "book", "breakpoint", "ckeditor", "ckeditor5", "color",
    "comment", "config", "config_translation", "contact", "content_moderation",
    "content_translation", "contextual", "datetime", "datetime_range", "dblog",
    "dynamic_page_cache", "editor", "field", "field_layout", "field_ui", "file", "filter",
    "forum", "hal", "help", "help_topics", "history", "image", "inline_form_errors", "jsonapi",
    "language", "layout_builder", "layout_discovery", "link", "locale", "media", "media_library",
    "menu_link_content", "menu_ui", "migrate", "migrate_drupal", "migrate_drupal_ui", "mysql",
    "navigation", "node", "options", "package_manager", "page_cache", "path", "path_alias",
    "pgsql", "quickedit", "rdf", "responsive_image", "rest", "sdc", "search", "serialization",
    "settings_tray", "shortcut", "sqlite", "statistics", "syslog", "system", "taxonomy",
    "telephone", "text", "toolbar", "tour", "tracker", "update", "user", "views", "views_ui",
    "workflows", "workspaces", "workspaces_ui", "bartik", "claro", "classy", "olivero", "seven",
    "stable", "stable9", "stark", "starterkit_theme",
})  # fmt: skip


def wraps(node: Node, lookup: Lookup, nodes: Mapping[str, Node]) -> Iterable[tuple[str, str]]:
    yield from _attached(node, lookup)
    name = node.path.rsplit("/", 1)[-1]
    if not name.endswith(".html.twig"):
        return
    base = name.split(".")[0]
    here = posixpath.dirname(node.path)
    if base.startswith(_IN_PAGE):
        page = lookup.find("page.html.twig", node.path, [here], ("",))
        if page:
            yield page, "page"
    if base.startswith("page"):
        wrapper = lookup.find("html.html.twig", node.path, [here], ("",))
        if wrapper:
            yield wrapper, "html"
    yield from _every_page(node, lookup)


# --- libraries -----------------------------------------------------------------------------------


@dataclass
class _Library:
    external: bool = False
    scripts: list[str] = field(default_factory=list)  # first-party files, as written


def resolve_library(lookup: Lookup, node: Node, name: str) -> str | None:
    """The file an attachment of `extension/library` is an edge to (see the module doc). A
    library of Drupal core (its modules and themes: `user/drupal.user`, `olivero/...`) that the
    project does not hold is core's: it loads no tracker, and is no dead end either."""
    found = _library(lookup, node, name)
    if found is None:
        return node.path if name.partition("/")[0] in CORE else None
    file, library = found
    if library.external:
        return file
    if not library.scripts:
        return node.path  # CSS only: resolved, and no edge
    return next(iter(_scripts(lookup, file, library)), None)


def _attached(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """Every file of each library `node` attaches (the resolver gave the first)."""
    for ref in node.references:
        if ref.how == "drupal-library":
            yield from _targets(lookup, node, ref.name, ref.kind)


def _targets(lookup: Lookup, node: Node, name: str, kind: str) -> Iterable[tuple[str, str]]:
    found = _library(lookup, node, name)
    if found is None:
        return
    file, library = found
    if library.external:
        yield file, kind
    for script in _scripts(lookup, file, library):
        yield script, kind


def _library(lookup: Lookup, node: Node, name: str) -> tuple[str, _Library] | None:
    extension, _, library = name.strip().partition("/")
    files = _index(lookup).libraries.get(f"{extension}.libraries.yml", ())
    for file in sorted(files, key=lambda path: distance(path, node.path)):
        table = _libraries_in(lookup, file)
        if library in table:
            return file, table[library]
    return None


def _libraries_in(lookup: Lookup, file: str) -> dict[str, _Library]:
    table: dict[str, _Library] = {}
    for trait, value in lookup.traits.get(file, ()):
        if trait == "drupal-library":
            table.setdefault(value, _Library())
        elif trait == "drupal-library-external":
            table.setdefault(value, _Library()).external = True
        elif trait == "drupal-library-js":
            library, _, script = value.partition(" ")
            table.setdefault(library, _Library()).scripts.append(script)
    return table


def _scripts(lookup: Lookup, file: str, library: _Library) -> Iterable[str]:
    """A library's first-party files: relative to its libraries file, or (`/libraries/x.js`) to
    the Drupal root, an ancestor of it."""
    here = posixpath.dirname(file)
    for script in library.scripts:
        if script.startswith("/"):
            found = lookup.find_exact(script.lstrip("/"), file, lookup.ancestors_dirs(file))
        else:
            found = lookup.find_exact("./" + script, file, [here])
        if found:
            yield found


# --- every page of a theme -------------------------------------------------------------------------


def _every_page(node: Node, lookup: Lookup) -> Iterable[tuple[str, str]]:
    """What runs on every page, from the theme's outermost templates."""
    index = _index(lookup)
    theme = index.theme_of(node.path)
    if not index.is_outermost(node.path, theme):
        return
    for root in index.lineage(theme):
        for script in index.theme_files.get(root, ()):
            yield script, "theme"
        info = index.info.get(root)
        if info is not None:
            for trait, value in lookup.traits.get(info, ()):
                if trait == "drupal-global-library":
                    yield from _targets(lookup, node, value, "library")
    yield from index.page_hooks


class _Index:
    """The project's Drupal files, once per graph build: libraries files by name, themes (the
    folders of `*.info.yml`), their `.theme` files and templates, and modules' page hooks."""

    def __init__(self, lookup: Lookup) -> None:
        self.libraries: dict[str, list[str]] = {}
        self.info: dict[str, str] = {}  # theme folder -> its *.info.yml
        self.theme_files: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}  # machine name -> folder
        self.page_hooks: list[tuple[str, str]] = []
        self.base: dict[str, str] = {}  # folder -> base theme's machine name
        templates: list[str] = []
        for path in sorted(lookup.files):
            name = path.rsplit("/", 1)[-1]
            folder = posixpath.dirname(path)
            if name.endswith(".libraries.yml"):
                self.libraries.setdefault(name, []).append(path)
            elif name.endswith(".info.yml"):
                self.info[folder] = path
                self.names.setdefault(name[: -len(".info.yml")], folder)
            elif name.endswith(".theme"):
                self.theme_files.setdefault(folder, []).append(path)
            elif name.endswith(".html.twig"):
                templates.append(path)
        for path, noted in lookup.traits.items():
            for trait, value in noted:
                if trait == "drupal-page-hook" and not path.endswith(".theme"):
                    self.page_hooks.append((path, value))
                elif trait == "drupal-base-theme":
                    self.base[posixpath.dirname(path)] = value
        self.templates: dict[str, list[str]] = {}
        for path in templates:
            self.templates.setdefault(self.theme_of(path), []).append(path)
        # which templates of a theme are outermost: html.html.twig, else page templates, else all
        self.outermost: dict[str, str] = {}
        for theme, paths in self.templates.items():
            names = {t.rsplit("/", 1)[-1] for t in paths}
            pages = any(_is_page(n) for n in names)
            self.outermost[theme] = "html" if "html.html.twig" in names else "page" if pages else ""
        # a theme's own include files are reached through its .theme file
        self.page_hooks = sorted(
            (path, hook)
            for path, hook in self.page_hooks
            if self.theme_of(path) not in self.theme_files
        )

    def theme_of(self, path: str) -> str:
        """The folder of the nearest `*.info.yml` above `path`, else the one holding the
        nearest `templates/` folder, else the file's own folder."""
        parts = path.split("/")[:-1]
        for end in range(len(parts), -1, -1):
            folder = "/".join(parts[:end])
            if folder in self.info:
                return folder
        if "templates" in parts:
            at = len(parts) - 1 - parts[::-1].index("templates")
            return "/".join(parts[:at])
        return "/".join(parts)

    def is_outermost(self, path: str, theme: str) -> bool:
        name = path.rsplit("/", 1)[-1]
        rule = self.outermost.get(theme, "")
        if rule == "html":
            return name == "html.html.twig"
        return _is_page(name) if rule == "page" else True

    def lineage(self, theme: str) -> list[str]:
        """The theme's folder, then its base themes' found in the project."""
        found = [theme]
        while len(found) < 8:
            base = self.names.get(self.base.get(found[-1], ""))
            if base is None or base in found:
                break
            found.append(base)
        return found


def _is_page(name: str) -> bool:
    return name == "page.html.twig" or name.startswith("page--")


_CACHE: list[tuple[Lookup, _Index]] = []


def _index(lookup: Lookup) -> _Index:
    if not (_CACHE and _CACHE[0][0] is lookup):
        _CACHE[:] = [(lookup, _Index(lookup))]
    return _CACHE[0][1]


# --- traits --------------------------------------------------------------------------------------


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if path.endswith(".libraries.yml"):
        for library in drupal_libraries.library_names(text):
            yield "drupal-library", library
        for script in drupal_libraries.scripts(text):
            if script.external:
                yield "drupal-library-external", script.library
            else:
                yield "drupal-library-js", f"{script.library} {script.path}"
    elif path.endswith(".info.yml"):
        for library in drupal_libraries.global_libraries(text):
            yield "drupal-global-library", library
        base = drupal_libraries.base_theme(text)
        if base:
            yield "drupal-base-theme", base
    elif path.endswith(_HOOK_FILES) and ("function" in text or "#[Hook" in text):
        if not _PAGE_HOOK.search(text):
            return
        hooks = (m.group(1) or m.group(2) for m in _PAGE_HOOK.finditer(without_comments(text)))
        for hook in dict.fromkeys(hooks):
            yield "drupal-page-hook", hook


CONVENTION = Convention(
    "drupal",
    resolvers=(("drupal-library", resolve_library),),
    wraps=wraps,
    traits=traits,
    data_files=r"(?:^|/)[^/]+\.info\.yml$",
    description="Drupal themes and modules: template nesting, asset libraries, page hooks",
)
