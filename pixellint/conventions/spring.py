"""Spring (Boot and MVC) template roots for Thymeleaf and FreeMarker, Spring Boot static files,
and Keycloak themes (FreeMarker).

Thymeleaf names a template by its path under the template root without the suffix
(`fragments/analytics` -> `src/main/resources/templates/fragments/analytics.html`). FreeMarker
names are relative to the including template, or to the template root with a leading '/' (for a
Magnolia module, `/clinic-site/templates/x.ftl`, the folder that holds the modules); `*/x` is
looked up in the including template's directory and then in each parent. A Keycloak theme's
templates name each other relatively (`template.ftl`); a name inherited from the parent theme
(`parent=keycloak` in theme.properties) is left unresolved when that theme is not in the project.
"""

from __future__ import annotations

from pixellint.conventions.base import Convention
from pixellint.conventions.java_web import STATIC_DIRS, webapp_roots
from pixellint.lookup import Lookup
from pixellint.nodes import Node

# ClassLoaderTemplateResolver / SpringResourceTemplateResolver prefixes seen in practice
TEMPLATE_ROOTS = (
    "src/main/resources/templates",
    "src/main/webapp/WEB-INF/templates",
    "src/main/webapp/WEB-INF/views",
    "src/main/webapp/WEB-INF/ftl",
    "src/main/webapp/WEB-INF/freemarker",
    "src/main/resources/META-INF/resources/WEB-INF/templates",
    "WEB-INF/templates",
    "WEB-INF/views",
    "WEB-INF/ftl",
    "WEB-INF/freemarker",
    "templates",
)
ROOT_NAMES = frozenset({"templates", "views", "ftl", "freemarker"})
THYMELEAF_EXTS = (".html", "", ".xhtml")
FTL_EXTS = ("", ".ftl", ".ftlh", ".ftlx")


def template_roots(lookup: Lookup, source: str) -> list[str]:
    """Template roots for `source`, nearest first: its ancestors named like a template root,
    the conventional roots of each ancestor, then configured and project-wide `templates/`."""
    named = [d for d in lookup.ancestors_dirs(source) if d.rsplit("/", 1)[-1] in ROOT_NAMES]
    found = named + lookup.under_ancestors(source, *TEMPLATE_ROOTS)
    found += list(lookup.template_dirs) + lookup.template_roots
    return list(dict.fromkeys(found))


def thymeleaf(lookup: Lookup, node: Node, name: str) -> str | None:
    """`~{fragments/analytics :: gtag}` and `layout:decorate="~{layouts/main}"`."""
    name = name.strip().lstrip("/")
    if not name:
        return None
    roots = template_roots(lookup, node.path)
    found = lookup.find_exact(name, node.path, roots, THYMELEAF_EXTS)
    return found or lookup.find(name, node.path, [], THYMELEAF_EXTS)


def freemarker(lookup: Lookup, node: Node, name: str) -> str | None:
    """`<#include "/common/analytics.ftl">`, `<#import "lib/macros.ftl" as m>`, `*/x.ftl`."""
    name = name.strip()
    if name.startswith("*/"):  # acquisition: here, then each parent directory
        dirs = lookup.ancestors_dirs(node.path)
        return lookup.find_exact(name[2:], node.path, dirs, FTL_EXTS)
    if name.startswith("/"):  # from the template root; Magnolia: from the modules' folder
        roots = template_roots(lookup, node.path) + lookup.ancestors_dirs(node.path)
        found = lookup.find_exact(name.lstrip("/"), node.path, roots, FTL_EXTS)
    else:
        local = name if name.startswith(".") else "./" + name
        found = lookup.find_exact(local, node.path, [], FTL_EXTS)
    if found or _in_theme(node.path):
        return found  # a Keycloak theme's missing name comes from its parent theme
    return lookup.find(name.lstrip("/"), node.path, [], FTL_EXTS)


def _in_theme(path: str) -> bool:
    """Keycloak: themes/<theme>/<login|account|email|admin|welcome>/<template>.ftl"""
    return any(part in ("theme", "themes") for part in path.split("/")[:-3])


def static(lookup: Lookup, node: Node, name: str) -> str | None:
    """`th:src="@{/js/analytics.js}"`: Spring Boot serves classpath `static/`, `public/`,
    `resources/` and `META-INF/resources/` at '/', a war its web root."""
    name = name.strip().split("?")[0]
    if name.startswith("/"):
        roots = lookup.under_ancestors(node.path, *STATIC_DIRS) + webapp_roots(lookup, node.path)
        found = lookup.find_exact(name.lstrip("/"), node.path, roots or [""])
    else:
        found = lookup.find_exact(name if name.startswith(".") else "./" + name, node.path, [])
    return found or lookup.find(name.lstrip("/"), node.path, [])


CONVENTION = Convention(
    "spring",
    resolvers=(("thymeleaf", thymeleaf), ("ftl", freemarker), ("spring-static", static)),
    description="Spring template roots (Thymeleaf, FreeMarker), static files, Keycloak themes",
)
