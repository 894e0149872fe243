"""Modules that run only on the server: they never reach a browser, so they are no page and
bring nothing to the pages that import them.

Component frameworks put server code beside the pages and import it from them; the bundler
keeps it out of the browser. Following those imports would put a server SDK (`posthog-node`, a
Measurement Protocol call) on every page that submits a form to it. Server-only by convention:

- a module whose first statement is the `'use server'` directive (React Server Actions), or that
  imports `server-only` (the build fails if a client module imports it);
- `*.server.(js|ts)` modules: SvelteKit `+page.server`, `+layout.server`, Remix and Qwik
  `.server` modules; SvelteKit `+server` endpoints. `hooks.server` is not among them: its
  `transformPageChunk` rewrites the HTML every page is served with;
- Next.js route handlers (`app/**/route.(js|ts)`) and API routes (`pages/api/**`), which Astro
  shares for its endpoints, and Next.js `middleware`.

A server module that sends data to a vendor still discloses it, but not as tracking code on a
page; that is not this linter's judgement. A server module that writes the page itself
(`res.send('<html>…<script src=…>')`) is different: the markup it sends is the page, so such a
module keeps the page role (RENDERS) and its trackers are judged where the markup is written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.conventions.base import Convention

SERVER = ("runtime", "server")
RENDERS = ("runtime", "server-renders-html")  # a server module whose strings hold page markup
_SCRIPT = r"\.(?:[cm]?js|[cm]?ts)"
_BY_PATH = re.compile(
    rf"(?:^|/)(?:(?!hooks\.server{_SCRIPT}$)[^/]+\.server|\+server){_SCRIPT}$"
    rf"|(?:^|/)app/(?:[^/]+/)*route{_SCRIPT}$"
    rf"|(?:^|/)pages/api/(?:[^/]+/)*[^/]+{_SCRIPT}$"
    rf"|^(?:src/)?middleware{_SCRIPT}$"
)
# comments and blank lines, then the directive as the module's first statement
_USE_SERVER = re.compile(r"""\A\ufeff?(?:\s+|//[^\n]*|/\*.*?\*/)*["']use server["']""", re.S)
_SERVER_ONLY = re.compile(r"""^[ \t]*import\s+["']server-only["']""", re.M)
_SCRIPT_FILE = re.compile(rf"{_SCRIPT}$|\.[jt]sx$")
_NODE_SERVER = re.compile(
    r"""(?:\brequire\([ \t]*|\bfrom[ \t]+|^[ \t]*import[ \t]+)"""
    r"""["'](?:express|koa|fastify|@hapi/hapi|restify|node:https?)["']""",
    re.M,
)
_SERVER_NAMES = ("express", "koa", "fastify", "@hapi/hapi", "restify", "node:http")
_MARKUP = re.compile(r"<(?:script|html|head|body|noscript|iframe|img)\b", re.I)


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if not _SCRIPT_FILE.search(path):
        return
    if (
        _BY_PATH.search(path)
        or ("use server" in text[:4096] and _USE_SERVER.match(text))
        or ("server-only" in text and _SERVER_ONLY.search(text))
        or _is_node_server(text)
    ):
        yield SERVER
        if "<" in text and _MARKUP.search(text):
            yield RENDERS


def _is_node_server(text: str) -> bool:
    """A node shebang, or an import of a server framework; substring checks first, since this
    runs on every script of a project."""
    if text.startswith("#!") and "node" in text[:200].split("\n", 1)[0]:
        return True
    return any(name in text for name in _SERVER_NAMES) and bool(_NODE_SERVER.search(text))


CONVENTION = Convention(
    name="server",
    traits=traits,
    description="server-only modules ('use server', server-only, *.server.ts, route handlers)",
)
