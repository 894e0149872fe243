"""The tracker catalog: reviewed data in trackers.toml, validated on load, compiled for matching."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

CATEGORIES = (
    "advertising",
    "analytics",
    "tag-manager",
    "session-replay",
    "marketing-automation",
    "social",
    "embed",
)
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_PATH_CHARS = re.compile(r"^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$")
_TRACKER_KEYS = {
    "id", "name", "vendor", "category", "docs", "loaders", "beacons", "calls", "globals",
    "ids", "identify", "self_hosted", "notes", "opaque", "packages", "templates", "exports",
    "plugins", "gtm_tags", "declares", "attributes",
}  # fmt: skip
_IDENTIFY_KEYS = {"call", "method", "arg0", "min_args", "keys"}
_EXPORT = re.compile(r"^(?:@[\w.-]+/)?[\w.-]+(?:/[\w.-]+)*:[A-Za-z_$][\w$]*$")


class CatalogError(ValueError):
    """The catalog data is invalid; the message names the entry and the key."""


@dataclass(frozen=True, slots=True)
class Token:
    """A prefilter literal; identifiers must match case and start (and maybe end) at a word edge."""

    text: str
    case_sensitive: bool
    word_end: bool


@dataclass(frozen=True, slots=True)
class IdentifyRule:
    """A call that sends identifying data. `call` is a global call path (`mixpanel.identify`);
    `method` is relative to an SDK binding (`identify` on whatever name `posthog-js` is imported
    as, `set` on `ReactGA`, `sendGAEvent` as a named export)."""

    call: str
    method: str = ""
    arg0: str | None = None
    min_args: int = 0
    keys: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class UrlPattern:
    tracker: str
    kind: str  # "loader" or "beacon"
    source: str  # the glob as written in the catalog
    anchor: str  # a literal, lower-case piece every match contains (for Aho-Corasick)
    expression: str  # compiled on first use: most patterns never meet a candidate

    @property
    def regex(self) -> re.Pattern[str]:
        return _compile(self.expression)


@cache
def _compile(expression: str) -> re.Pattern[str]:
    return re.compile(expression, re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Tracker:
    id: str
    name: str
    vendor: str
    category: str
    docs: str
    loaders: tuple[str, ...]
    beacons: tuple[str, ...]
    calls: tuple[str, ...]
    globals: tuple[str, ...]
    ids: tuple[re.Pattern[str], ...]
    packages: tuple[
        str, ...
    ]  # npm packages of the vendor's SDK (`import LogRocket from 'logrocket'`)
    identify: tuple[IdentifyRule, ...]
    self_hosted: bool
    opaque: bool  # loads code nobody can review here (tag managers, CDPs)
    notes: str
    templates: tuple[str, ...] = ()  # a template engine's built-in templates that load it (Hugo)
    # named exports of a package shared by several vendors ('@next/third-parties/google:GoogleAnalytics')
    exports: tuple[str, ...] = ()
    plugins: tuple[str, ...] = ()  # framework plugins/modules that load it when declared in config
    gtm_tags: tuple[str, ...] = ()  # Google Tag Manager built-in tag types that are this vendor
    # globals several vendors' snippets create (`dataLayer`): assigning one counts only when it
    # hands over data (`dataLayer = [{pageType: …}]`), never the `x = x || []` stub
    declares: tuple[str, ...] = ()
    # attributes only this vendor's script element carries (`data-website-id`): they name the
    # vendor of a `<script>` whose URL comes from configuration
    attributes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    trackers: tuple[Tracker, ...]
    by_id: dict[str, Tracker]
    url_patterns: tuple[UrlPattern, ...]
    calls: dict[str, tuple[str, ...]]  # callee path -> tracker ids, catalog order
    globals: dict[str, tuple[str, ...]]  # assigned global (or declared data) -> tracker ids
    packages: dict[str, tuple[str, ...]]  # npm package -> tracker ids
    exports: dict[str, str]  # 'package:Name' -> tracker id
    plugins: dict[str, str]  # framework plugin name -> tracker id
    gtm_tags: dict[str, str]  # GTM tag type -> tracker id
    templates: dict[str, str]  # built-in template name -> tracker id
    digest: str  # sha256 of the catalog text: cache entries are keyed by the catalog in use
    declares: frozenset[str] = frozenset()  # globals that count only when assigned data
    attributes: dict[str, str] = field(default_factory=dict)  # script attribute -> tracker id

    def tokens(self) -> set[Token]:
        """Literals whose absence proves a text holds no catalog match."""
        found = {Token(p.anchor, case_sensitive=False, word_end=False) for p in self.url_patterns}
        for path in self.calls:
            if "." in path:  # ttq.track, window.ttq?.track
                found.update(Token(t, True, True) for t in (path, path.replace(".", "?.", 1)))
            else:  # fbq(, fbq?.(, window['fbq']
                found.update(
                    Token(t, True, False)
                    for t in (path + "(", path + "?.(", f"'{path}'", f'"{path}"')
                )
        found.update(Token(name, True, True) for name in self.globals)
        found.update(Token(name, False, True) for name in self.attributes)
        modules = {*self.packages, *self.plugins, *(e.split(":")[0] for e in self.exports)}
        found.update(Token(q + name, True, False) for name in modules for q in "'\"`")
        return found

    def sdk_packages(self) -> frozenset[str]:
        """Every package whose import binds a tracker SDK (whole package or some exports)."""
        return frozenset({*self.packages, *(e.split(":")[0] for e in self.exports)})


def load(text: str | None = None) -> Catalog:
    """Load and validate the catalog (the packaged one unless `text` is given)."""
    if text is None:
        return _packaged()
    return _build(text)


@cache
def _packaged() -> Catalog:
    data = resources.files("pixellint.catalog").joinpath("trackers.toml").read_text("utf-8")
    return _build(data)


def _build(text: str) -> Catalog:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise CatalogError(f"trackers.toml: {exc}") from exc
    entries = raw.get("tracker")
    if not isinstance(entries, list) or not entries:
        raise CatalogError("trackers.toml: expected one or more [[tracker]] tables")
    trackers = tuple(_tracker(entry, n) for n, entry in enumerate(entries, 1))
    by_id: dict[str, Tracker] = {}
    for tracker in trackers:
        if tracker.id in by_id:
            raise CatalogError(f"tracker {tracker.id!r}: duplicate id")
        by_id[tracker.id] = tracker
    patterns = tuple(
        _url_pattern(t.id, kind, glob)
        for t in trackers
        for kind, globs in (("loader", t.loaders), ("beacon", t.beacons))
        for glob in globs
    )
    return Catalog(
        trackers,
        by_id,
        patterns,
        _index(trackers, "calls"),
        {**_index(trackers, "declares"), **_index(trackers, "globals")},
        _index(trackers, "packages"),
        _unique(trackers, "exports"),
        _unique(trackers, "plugins"),
        _unique(trackers, "gtm_tags"),
        {name: t.id for t in trackers for name in t.templates},
        hashlib.sha256(text.encode("utf-8")).hexdigest(),
        frozenset(name for t in trackers for name in t.declares),
        _unique(trackers, "attributes"),
    )


def _index(trackers: tuple[Tracker, ...], attr: str) -> dict[str, tuple[str, ...]]:
    index: dict[str, list[str]] = {}
    for tracker in trackers:
        for path in getattr(tracker, attr):
            index.setdefault(path, []).append(tracker.id)
    return {path: tuple(ids) for path, ids in index.items()}


def _unique(trackers: tuple[Tracker, ...], attr: str) -> dict[str, str]:
    """Names that must each mean exactly one tracker (a plugin, a GTM tag type, an export)."""
    index: dict[str, str] = {}
    for tracker in trackers:
        for name in getattr(tracker, attr):
            if name in index:
                raise CatalogError(
                    f"tracker {tracker.id!r}: {attr} {name!r} is already {index[name]!r}'s"
                )
            index[name] = tracker.id
    return index


def _tracker(entry: Any, n: int) -> Tracker:
    where = f"tracker #{n}"
    if not isinstance(entry, dict):
        raise CatalogError(f"{where}: expected a table")
    where = f"tracker {entry.get('id', '#' + str(n))!r}"
    unknown = set(entry) - _TRACKER_KEYS
    if unknown:
        raise CatalogError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    for key in ("id", "name", "vendor", "category", "docs"):
        if not isinstance(entry.get(key), str) or not entry[key]:
            raise CatalogError(f"{where}: {key!r} must be a non-empty string")
    if not _ID.match(entry["id"]):
        raise CatalogError(f"{where}: id must be lower-case words joined by '-'")
    if entry["category"] not in CATEGORIES:
        raise CatalogError(f"{where}: category must be one of {', '.join(CATEGORIES)}")
    if not entry["docs"].startswith("https://"):
        raise CatalogError(f"{where}: docs must be an https:// link")
    lists = {
        k: _strings(entry, k, where)
        for k in (
            "loaders", "beacons", "calls", "globals", "ids", "packages", "templates", "exports",
            "plugins", "gtm_tags", "declares", "attributes",
        )
    }  # fmt: skip
    if not any(lists[k] for k in ("loaders", "beacons", "calls", "globals", "packages", "exports")):
        raise CatalogError(
            f"{where}: needs one of loaders, beacons, calls, globals, packages, exports"
        )
    for export in lists["exports"]:
        if not _EXPORT.match(export):
            raise CatalogError(f"{where}: export {export!r} must be 'package:ExportedName'")
    for path in (*lists["calls"], *lists["globals"], *lists["declares"]):
        if not _PATH_CHARS.match(path):
            raise CatalogError(f"{where}: {path!r} is not a dotted JavaScript name")
    ids = []
    for pattern in lists["ids"]:
        try:
            ids.append(re.compile(pattern))
        except re.error as exc:
            raise CatalogError(f"{where}: bad id pattern {pattern!r}: {exc}") from exc
    return Tracker(
        id=entry["id"],
        name=entry["name"],
        vendor=entry["vendor"],
        category=entry["category"],
        docs=entry["docs"],
        loaders=lists["loaders"],
        beacons=lists["beacons"],
        calls=lists["calls"],
        globals=lists["globals"],
        ids=tuple(ids),
        packages=lists["packages"],
        identify=tuple(_identify(x, where) for x in entry.get("identify", [])),
        self_hosted=_bool(entry, "self_hosted", where),
        opaque=_bool(entry, "opaque", where),
        notes=str(entry.get("notes", "")),
        templates=lists["templates"],
        exports=lists["exports"],
        plugins=lists["plugins"],
        gtm_tags=lists["gtm_tags"],
        declares=lists["declares"],
        attributes=tuple(a.lower() for a in lists["attributes"]),
    )


def _strings(entry: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = entry.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise CatalogError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def _bool(entry: dict[str, Any], key: str, where: str) -> bool:
    value = entry.get(key, False)
    if not isinstance(value, bool):
        raise CatalogError(f"{where}: {key!r} must be true or false")
    return value


def _identify(raw: Any, where: str) -> IdentifyRule:
    if not isinstance(raw, dict) or not (
        isinstance(raw.get("call"), str) or isinstance(raw.get("method"), str)
    ):
        raise CatalogError(f"{where}: each identify entry needs a 'call' or an SDK 'method'")
    if "call" in raw and "method" in raw:
        raise CatalogError(f"{where}: an identify entry has a 'call' or a 'method', not both")
    unknown = set(raw) - _IDENTIFY_KEYS
    if unknown:
        raise CatalogError(f"{where}: identify: unknown key(s) {', '.join(sorted(unknown))}")
    return IdentifyRule(
        call=raw.get("call", ""),
        method=raw.get("method", ""),
        arg0=raw.get("arg0"),
        min_args=int(raw.get("min_args", 0)),
        keys=frozenset(raw.get("keys", ())),
    )


def _url_pattern(tracker: str, kind: str, glob: str) -> UrlPattern:
    """Compile a host/path glob: '*.' = any subdomains, '*' = within a path segment, '**' = any."""
    where = f"tracker {tracker!r}: {kind} {glob!r}"
    if "://" in glob:
        raise CatalogError(f"{where}: write host/path without a scheme")
    host, _, path = glob.partition("/")
    parts: list[str] = []
    if host.startswith("*."):
        host = host[2:]  # any subdomain: the boundary below already allows a preceding "."
    parts.append(re.escape(host).replace(r"\*", "[a-z0-9-]*"))
    if _:
        path_regex = re.escape("/" + path)
        path_regex = path_regex.replace(r"\*\*", ".*?").replace(r"\*", r"[^/?#\s]*")
        parts.append(path_regex)
    tail = "" if glob.endswith(("/", "*", "=", "?", "-", "_", ".")) else r"(?![A-Za-z0-9_-])"
    if glob.endswith(".js"):
        tail = r"(?![A-Za-z0-9_.-])"  # `utag.js.map` is another file
    lead = r"(?<![A-Za-z0-9_-])" if host else ""
    anchor = max(re.split(r"\*+", glob.lower()), key=len)
    if len(anchor) < 4:
        raise CatalogError(f"{where}: needs a literal part of 4+ characters")
    return UrlPattern(tracker, kind, glob, anchor, lead + "".join(parts) + tail)
