"""Google Tag Manager container exports: what a container loads, read without running anything.

A container export (GTM Admin > Export Container) is JSON: `containerVersion.container.publicId`
is the GTM-XXXX id that pages load, `containerVersion.tag[]` the tags, `trigger[]` when they
fire, `variable[]` and `customTemplate[]` what they read and run. This module turns one export
into frozen values (facts): each tag that is a tracker, exactly where it is written in the file,
and the triggers that fire or block it; and it answers whether a tag fires on a page URL. Whether
that matters is decided by the rules (pixellint/rules.py).

Both shapes of the format are read: the UI export (`"type": "PAGEVIEW"`, `"MATCH_REGEX"`) and
the API's (`"pageview"`, `"matchRegex"`) that scripts write.
"""

from __future__ import annotations

import enum
import json
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from pixellint import cache as cache_module
from pixellint.document import prepare
from pixellint.languages import registry as languages
from pixellint.model import Diagnostic, Location, Sighting
from pixellint.source import LineIndex

if TYPE_CHECKING:
    from pixellint.catalog import Catalog, Tracker
    from pixellint.detect import Detector

ALL_PAGES = "2147479553"  # the built-in "All Pages" trigger
_BUILT_IN_FIRST = 2147479553  # built-in triggers (All Pages, Initialization, Consent Init.)
_PAGE_LOAD = frozenset(
    {"PAGEVIEW", "DOM_READY", "WINDOW_LOADED", "INIT", "CONSENT_INIT", "HISTORY_CHANGE"}
)
_EVENT_VARIABLES = frozenset({"_event", "Event"})
_CATEGORY_SKIPPED = "tag-manager"  # dataLayer.push inside a container's own tags is GTM itself


# --- values ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Condition:
    """One trigger condition: `{{Page Path}} contains /patient`. `part` says which part of the
    page URL the variable reads ('path', 'url', 'host', 'other') or '' when it reads no URL."""

    variable: str
    operator: str  # EQUALS, CONTAINS, STARTS_WITH, ENDS_WITH, MATCH_REGEX, CSS_SELECTOR, ...
    value: str
    negate: bool = False
    ignore_case: bool = False
    part: str = ""

    def describe(self) -> str:
        words = _NEGATED if self.negate else _OPERATORS
        verb = words.get(self.operator, self.operator.lower().replace("_", " "))
        case = " (ignore case)" if self.ignore_case else ""
        return f"{self.variable} {verb}{case} {self.value}"


_OPERATORS = {
    "EQUALS": "equals", "CONTAINS": "contains", "STARTS_WITH": "starts with",
    "ENDS_WITH": "ends with", "MATCH_REGEX": "matches RegEx", "CSS_SELECTOR": "matches CSS selector",
}  # fmt: skip
_NEGATED = {
    "EQUALS": "does not equal", "CONTAINS": "does not contain", "STARTS_WITH": "does not start with",
    "ENDS_WITH": "does not end with", "MATCH_REGEX": "does not match RegEx",
    "CSS_SELECTOR": "does not match CSS selector",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Trigger:
    """A trigger as far as pages are concerned: the event it waits for, the conditions on the
    page URL that must hold (AND), and the other conditions, kept to describe it."""

    name: str
    type: str  # normalised: PAGEVIEW, DOM_READY, CUSTOM_EVENT, CLICK, LINK_CLICK, ...
    page_conditions: tuple[Condition, ...] = ()
    event_conditions: tuple[Condition, ...] = ()

    @property
    def on_page_load(self) -> bool:
        return self.type in _PAGE_LOAD

    @property
    def event(self) -> str:
        """What GTM evaluates the trigger on: a blocking trigger only blocks a firing trigger
        of the same event (an exception on Page View does not stop a DOM Ready tag)."""
        if self.type == "CUSTOM_EVENT":
            return "CUSTOM_EVENT " + " and ".join(c.describe() for c in self.event_conditions)
        return self.type

    @property
    def every_event(self) -> bool:
        """A custom event trigger matching any event (`.*`): the usual universal blocker."""
        if self.type != "CUSTOM_EVENT":
            return False
        names = [c for c in self.event_conditions if c.variable in _EVENT_VARIABLES]
        return all(
            c.operator == "MATCH_REGEX" and not c.negate and _regex_matches_anything(c.value)
            for c in names
        )

    def describe(self) -> str:
        where = " and ".join(c.describe() for c in self.page_conditions)
        if self.on_page_load:
            if not where:
                return "all pages"
            if all(c.negate for c in self.page_conditions):
                return f"all pages where {where}"
            return where
        what = self._event_words()
        return f"{what} on pages where {where}" if where else what

    def _event_words(self) -> str:
        names = [c for c in self.event_conditions if c.variable in _EVENT_VARIABLES]
        others = [c for c in self.event_conditions if c.variable not in _EVENT_VARIABLES]
        if self.type == "CUSTOM_EVENT":
            if len(names) == 1 and names[0].operator == "EQUALS" and not names[0].negate:
                words = f"custom event {names[0].value}"
            elif names:
                words = "custom event where " + " and ".join(c.describe() for c in names)
            else:
                words = "any custom event"
        elif self.type in ("TRIGGER_GROUP", "UNKNOWN"):
            words = f"trigger group '{self.name}'" if self.type == "TRIGGER_GROUP" else self.name
        else:
            words = _EVENT_NAMES.get(self.type, self.type.lower().replace("_", " "))
        if others:
            words += " where " + " and ".join(c.describe() for c in others)
        return words


_EVENT_NAMES = {
    "CLICK": "click", "LINK_CLICK": "link click", "FORM_SUBMISSION": "form submission",
    "ELEMENT_VISIBILITY": "element visibility", "SCROLL_DEPTH": "scroll depth",
    "YOU_TUBE_VIDEO": "YouTube video", "JS_ERROR": "JavaScript error", "TIMER": "timer",
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Firing:
    """One way a tag fires: a firing trigger and the tag's blocking triggers (exceptions).
    `setup_of` names the tag this one runs for as a setup or cleanup tag (tag sequencing)."""

    trigger: Trigger
    blocked_by: tuple[Trigger, ...] = ()
    setup_of: str = ""

    def describe(self) -> str:
        text = self.trigger.describe()
        blocked = [b.describe() for b in self.blocked_by]
        if blocked:
            text += ", except " + " or ".join(blocked)
        if self.setup_of:
            text += f" (as sequenced tag of '{self.setup_of}')"
        return text


@dataclass(frozen=True, slots=True)
class Tag:
    """A tag of the container that is a tracker, where its `"name"` is written."""

    name: str
    type: str
    label: str  # "Custom HTML", "GA4 Event", "community template 'TikTok Pixel'"
    location: Location
    firings: tuple[Firing, ...] = ()

    def describe_firing(self) -> str:
        if not self.firings:
            return "has no trigger (never fires)"
        if any(f.trigger.on_page_load and not f.trigger.page_conditions and not f.blocked_by
               for f in self.firings):  # fmt: skip
            return "fires on all pages"
        return "fires on " + " or ".join(dict.fromkeys(f.describe() for f in self.firings))


@dataclass(frozen=True, slots=True)
class Container:
    """A container export: its public id and the tags in it that are trackers (paused tags are
    left out: they never fire)."""

    path: str
    public_id: str
    export_time: str
    tags: tuple[Tag, ...] = ()

    def tag_at(self, location: Location) -> Tag | None:
        return next((t for t in self.tags if t.location == location), None)


@dataclass(frozen=True)
class Reading:
    """What one export yields: the container, a sighting per (tag, tracker), and what could
    not be read."""

    container: Container | None
    sightings: tuple[Sighting, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


cache_module.register(Condition, Trigger, Firing, Tag, Container)


class Verdict(enum.IntEnum):
    """Whether a tag fires on a page, ordered by how surely (the most sure way wins)."""

    NEVER = 0
    ON_EVENT = 1  # a click, form submission or dataLayer event on the page fires it
    UNDECIDED = 2  # a page-load trigger whose conditions the page's path cannot settle
    FIRES = 3


# --- position-keeping JSON ---------------------------------------------------------------------
class JsonError(ValueError):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.offset = offset


class JsonObject(dict[str, Any]):
    """A JSON object that remembers where it starts and where each of its keys is written."""

    __slots__ = ("keys_at", "start")

    def __init__(self, start: int) -> None:
        super().__init__()
        self.start = start
        self.keys_at: dict[str, int] = {}


_WS = re.compile(r"[ \t\r\n]*")
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?")
_LITERALS: dict[str, Any] = {"true": True, "false": False, "null": None}


def parse_json(text: str) -> Any:
    """JSON with positions: objects are `JsonObject`s. One pass, no recursion (any nesting
    depth), regexes doing the scanning: linear in the size of the file."""
    stack: list[tuple[JsonObject | list[Any], str]] = []  # (open container, its pending key)
    i = _skip(text, 0)
    while True:
        opened, value, i = _value(text, i)
        if opened is not None:
            i = _skip(text, i)
            closer = "}" if isinstance(opened, JsonObject) else "]"
            if text.startswith(closer, i):
                value, i = opened, i + 1
            else:
                key, i = _key(text, i, opened) if isinstance(opened, JsonObject) else ("", i)
                stack.append((opened, key))
                continue
        while True:  # attach the value, then read what follows it
            if not stack:
                end = _skip(text, i)
                if end != len(text):
                    raise JsonError("extra data after the JSON value", end)
                return value
            parent, key = stack[-1]
            if isinstance(parent, JsonObject):
                parent[key] = value
            else:
                parent.append(value)
            i = _skip(text, i)
            if text.startswith(",", i):
                i = _skip(text, i + 1)
                if isinstance(parent, JsonObject):
                    key, i = _key(text, i, parent)
                    stack[-1] = (parent, key)
                break
            if text.startswith("}" if isinstance(parent, JsonObject) else "]", i):
                stack.pop()
                value, i = parent, i + 1
                continue
            raise JsonError("expected ',' or the end of the object or array", i)


def _skip(text: str, i: int) -> int:
    """The offset after the whitespace at `i`."""
    match = _WS.match(text, i)
    return match.end() if match else i


def _value(text: str, i: int) -> tuple[JsonObject | list[Any] | None, Any, int]:
    """The value at `i`: (an opened object or array, None, after its bracket) or (None, a
    scalar, after it)."""
    char = text[i : i + 1]
    if char == "{":
        return JsonObject(i), None, i + 1
    if char == "[":
        return [], None, i + 1
    if char == '"':
        return None, *_string(text, i)
    number = _NUMBER.match(text, i)
    if number and number.end() > i:
        raw = number.group()
        return None, (float(raw) if any(c in raw for c in ".eE") else int(raw)), number.end()
    for word, literal in _LITERALS.items():
        if text.startswith(word, i):
            return None, literal, i + len(word)
    raise JsonError("expected a JSON value", i)


def _string(text: str, i: int) -> tuple[str, int]:
    match = _STRING.match(text, i)
    if match is None:
        raise JsonError("unterminated string", i)
    raw = match.group()
    if "\\" not in raw:
        return raw[1:-1], match.end()
    try:
        return str(json.loads(raw)), match.end()
    except ValueError as exc:
        raise JsonError("bad escape in string", i) from exc


def _key(text: str, i: int, obj: JsonObject) -> tuple[str, int]:
    if not text.startswith('"', i):
        raise JsonError("expected a key", i)
    start = i
    key, i = _string(text, i)
    obj.keys_at[key] = start
    i = _skip(text, i)
    if not text.startswith(":", i):
        raise JsonError("expected ':' after a key", i)
    return key, _skip(text, i + 1)


# --- reading an export -------------------------------------------------------------------------
_FILE_ID = re.compile(r"(?i)\bGTM-[A-Z0-9]{4,12}\b")
_NAME_ENTRY = re.compile(r'"name"\s*:\s*"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_URL = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+\.[A-Za-z]{2,}[^\s'"`\\<>)]*""")
_SANDBOXED = "___SANDBOXED_JS_FOR_WEB_TEMPLATE___"
_BUILT_IN_PARTS = {"Page URL": "url", "Page Path": "path", "Page Hostname": "host"}
_URL_COMPONENTS = {"URL": "url", "PATH": "path", "HOST": "host"}
_IDENTITY_SLOTS = frozenset({"parameter", "fieldName", "name"})  # where a tag names a field
_LABELS = {
    "html": "Custom HTML", "img": "Custom Image", "gaawc": "GA4 Configuration",
    "gaawe": "GA4 Event", "googtag": "Google tag", "ua": "Universal Analytics",
    "ga": "Classic Google Analytics", "awct": "Google Ads Conversion Tracking",
    "sp": "Google Ads Remarketing", "awcc": "Google Ads Calls from Website Conversion",
    "awud": "Google Ads User-Provided Data Event", "flc": "Floodlight Counter",
    "fls": "Floodlight Sales", "baut": "Microsoft Advertising UET", "bzi": "LinkedIn Insight",
    "hjtc": "Hotjar Tracking Code", "twitter_website_tag": "Twitter Universal Website Tag",
    "qpx": "Quora Pixel", "mf": "Mouseflow", "cegg": "Crazy Egg", "crto": "Criteo OneTag",
}  # fmt: skip


def is_export(path: str, text: str) -> bool:
    """A JSON file that says it is a container export. Candidates are chosen by file name (see
    pixellint/conventions/gtm.py); the content decides."""
    return (
        path.lower().endswith(".json")
        and '"exportFormatVersion"' in text
        and '"containerVersion"' in text
    )


def read(path: str, text: str, detector: Detector) -> Reading:
    """The container in an export, its tags' sightings, or why it could not be read."""
    try:
        data = parse_json(text)
    except JsonError as exc:
        line, column = LineIndex(text).position(exc.offset)
        message = (
            f"looks like a Google Tag Manager container export but is not valid JSON ({exc} "
            f"at {line}:{column}); the tags in it are not read, a tracker may be among them"
        )
        where = Location(path, line, column, line, column + 1)
        return Reading(None, (), (Diagnostic(where, "PXL902", message, "warning"),))
    version = data.get("containerVersion") if isinstance(data, JsonObject) else None
    if not isinstance(version, JsonObject):
        return Reading(None)
    export_time = data.get("exportTime")
    time = export_time if isinstance(export_time, str) else ""
    return _Reader(path, text, version, detector, time).read()


@dataclass
class _Found:
    """A tracker one tag is, before it becomes a sighting."""

    tracker: str
    evidence: str
    found: str = ""  # what pixellint's detector found in the tag's code
    identity: str = ""
    degraded: bool = False


@dataclass
class _Reader:
    """Reads one `containerVersion`: triggers resolved once each by id, tags in file order."""

    path: str
    text: str
    version: JsonObject
    detector: Detector
    export_time: str
    lines: LineIndex = field(init=False)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = LineIndex(self.text)
        self.catalog: Catalog = self.detector.catalog
        self.raw_triggers = {
            str(t.get("triggerId")): t for t in _objects(self.version.get("trigger"))
        }
        self.parts = _url_parts(self.version)
        self.templates = list(_objects(self.version.get("customTemplate")))
        self._triggers: dict[str, Trigger] = {}

    def read(self) -> Reading:
        raw_tags = [t for t in _objects(self.version.get("tag")) if not _is_true(t.get("paused"))]
        own = {id(raw): self._own_firings(raw) for raw in raw_tags}
        sequenced = _sequenced(raw_tags, own)
        tags: list[Tag] = []
        sightings: list[Sighting] = []
        for raw in raw_tags:
            firings = own[id(raw)] + sequenced.get(str(raw.get("name", "")), ())
            if not firings:
                continue  # a tag without a trigger never fires
            found = self._trackers(raw)
            if not found:
                continue
            tag = Tag(
                str(raw.get("name", "")),
                str(raw.get("type", "")),
                self._label(raw),
                self._where(raw),
                firings,
            )
            tags.append(tag)
            sightings.extend(self._sighting(tag, f) for f in found)
        container = Container(self.path, self._public_id(), self.export_time, tuple(tags))
        return Reading(container, tuple(sightings), tuple(self.diagnostics))

    # --- where and what ---------------------------------------------------------------------
    def _public_id(self) -> str:
        container = self.version.get("container")
        public = container.get("publicId") if isinstance(container, dict) else None
        if isinstance(public, str) and public:
            return public
        named = _FILE_ID.search(posixpath.basename(self.path))
        return named.group().upper() if named else ""

    def _where(self, raw: JsonObject) -> Location:
        """The tag's `"name": "…"` entry (the object's `{` when it has no name)."""
        start = raw.keys_at.get("name", raw.start)
        entry = _NAME_ENTRY.match(self.text, start)
        end = entry.end() if entry else start + 1
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        return Location(self.path, line, column, end_line, end_column)

    def _label(self, raw: JsonObject) -> str:
        tag_type = str(raw.get("type", ""))
        if tag_type.startswith("cvt_"):
            template = self._template(tag_type)
            name = template.get("name") if template is not None else None
            return f"community template '{name}'" if name else f"custom template {tag_type}"
        return _LABELS.get(tag_type, f"type {tag_type}")

    def _sighting(self, tag: Tag, found: _Found) -> Sighting:
        detail = f"GTM tag '{tag.name}' ({tag.label}) {tag.describe_firing()}"
        return Sighting(
            location=tag.location,
            tracker=found.tracker,
            how="gtm-tag",
            evidence=_short(found.evidence),
            detail=detail + (f"; {found.found}" if found.found else ""),
            identity=found.identity,
            anchor_line=tag.location.line,
            degraded=found.degraded,
        )

    # --- triggers ---------------------------------------------------------------------------
    def _own_firings(self, raw: JsonObject) -> tuple[Firing, ...]:
        blocking = tuple(self._trigger(i) for i in _ids(raw.get("blockingTriggerId")))
        return tuple(Firing(self._trigger(i), blocking) for i in _ids(raw.get("firingTriggerId")))

    def _trigger(self, trigger_id: str) -> Trigger:
        if trigger_id not in self._triggers:
            self._triggers[trigger_id] = self._make_trigger(trigger_id)
        return self._triggers[trigger_id]

    def _make_trigger(self, trigger_id: str) -> Trigger:
        raw = self.raw_triggers.get(trigger_id)
        if raw is None:
            if trigger_id.isdigit() and int(trigger_id) >= _BUILT_IN_FIRST:
                if trigger_id == ALL_PAGES:
                    return Trigger("All Pages", "PAGEVIEW")
                return Trigger(f"built-in trigger {trigger_id}", "INIT")
            return Trigger(f"trigger {trigger_id} (not in this export)", "UNKNOWN")
        kind = _constant(raw.get("type"))
        filters = [
            *self._conditions(raw.get("filter")),
            *self._conditions(raw.get("autoEventFilter")),
        ]
        events = self._conditions(raw.get("customEventFilter"))
        name = str(raw.get("name", ""))
        if kind in _PAGE_LOAD:
            return Trigger(name, kind, tuple(filters), tuple(events))
        page = tuple(c for c in filters if c.part)
        return Trigger(name, kind, page, (*events, *(c for c in filters if not c.part)))

    def _conditions(self, raw: Any) -> list[Condition]:
        return [c for c in (self._condition(r) for r in _objects(raw)) if c is not None]

    def _condition(self, raw: JsonObject) -> Condition | None:
        params = _params(raw)
        left = params.get("arg0", "")
        variable = left[2:-2].strip() if left.startswith("{{") and left.endswith("}}") else left
        if not variable:
            return None
        return Condition(
            variable,
            _constant(raw.get("type")),
            params.get("arg1", ""),
            negate=_is_true(params.get("negate")) or _is_true(raw.get("negate")),
            ignore_case=_is_true(params.get("ignore_case")),
            part=self.parts.get(variable, ""),
        )

    # --- which tracker a tag is -------------------------------------------------------------
    def _trackers(self, raw: JsonObject) -> list[_Found]:
        tag_type = str(raw.get("type", ""))
        params = _params(raw)
        if tag_type == "html":
            return self._custom_html(raw, params.get("html", ""))
        if tag_type == "img":
            return self._urls([params.get("url", "")])
        if tag_type.startswith("cvt_"):
            template = self._template(tag_type)
            data = template.get("templateData") if template is not None else None
            return self._urls(_template_urls(data)) if isinstance(data, str) else []
        return self._built_in(raw, tag_type)

    def _custom_html(self, raw: JsonObject, html: str) -> list[_Found]:
        """A Custom HTML tag is HTML: pixellint's own detector reads it, as it reads a page."""
        if not html.strip():
            return []
        doc = prepare(self.path, html, languages.BY_NAME["html"])
        sightings, diagnostics = self.detector.detect(doc)
        where = self._where(raw)
        name = raw.get("name", "")
        for diagnostic in diagnostics:
            message = f"in GTM tag '{name}': {diagnostic.message}"
            self.diagnostics.append(Diagnostic(where, diagnostic.code, message, diagnostic.level))
        by_tracker: dict[str, list[Sighting]] = {}
        for sighting in sightings:
            by_tracker.setdefault(sighting.tracker, []).append(sighting)
        return [
            _Found(
                tracker,
                group[0].evidence,
                "; ".join(dict.fromkeys(s.detail for s in group if s.detail)),
                next((s.identity for s in group if s.identity), ""),
                all(s.degraded for s in group),
            )
            for tracker, group in by_tracker.items()
            if not self._is_container_itself(tracker, group)
        ]

    def _is_container_itself(self, tracker: str, group: list[Sighting]) -> bool:
        """`dataLayer.push` in a container's own tag talks to the container: not a new tracker
        (a Custom HTML tag that loads another container still counts)."""
        category = self.catalog.by_id[tracker].category
        return category == _CATEGORY_SKIPPED and not any(
            s.detail.startswith("loads ") for s in group
        )

    def _urls(self, urls: Iterable[str]) -> list[_Found]:
        """The first URL that is a tracker's loader or beacon (Custom Image, templates)."""
        for url in urls:
            hit = self.detector.url_tracker(url) if url else None
            if hit is not None and hit[0].category != _CATEGORY_SKIPPED:
                return [_Found(hit[0].id, url, f"{hit[1].kind} {url}")]
        return []

    def _template(self, tag_type: str) -> JsonObject | None:
        """The customTemplate a `cvt_…` tag runs: `cvt_<containerId>_<templateId>`, or
        `cvt_<galleryTemplateId>` for a gallery template."""
        for template in self.templates:
            template_id = str(template.get("templateId", ""))
            gallery = template.get("galleryReference")
            gallery_id = gallery.get("galleryTemplateId") if isinstance(gallery, dict) else None
            if (template_id and tag_type.endswith(f"_{template_id}")) or (
                gallery_id and tag_type == f"cvt_{gallery_id}"
            ):
                return template
        return None

    def _built_in(self, raw: JsonObject, tag_type: str) -> list[_Found]:
        tracker_id = self.catalog.gtm_tags.get(tag_type)
        if tracker_id is None:
            return []
        entries = list(_parameter_entries(raw.get("parameter")))
        tracker = self._by_account_id(self.catalog.by_id[tracker_id], [v for _, v in entries])
        return [_Found(tracker.id, f'"type": "{tag_type}"', "", _identity(tracker, entries))]

    def _by_account_id(self, tracker: Tracker, values: list[str]) -> Tracker:
        """A Google tag (`googtag`) with an `AW-` id is Google Ads: when the tag's settings
        carry another of the vendor's trackers' account ids and none of its own, that one."""
        if any(p.search(v) for p in tracker.ids for v in values):
            return tracker
        siblings = (
            t for t in self.catalog.trackers if t.vendor == tracker.vendor and t.id != tracker.id
        )
        for other in siblings:
            if any(p.search(v) for p in other.ids for v in values):
                return other
        return tracker


def _sequenced(
    raw_tags: list[JsonObject], own: Mapping[int, tuple[Firing, ...]]
) -> dict[str, tuple[Firing, ...]]:
    """Tag sequencing: a setup or cleanup tag fires wherever the tag it serves fires."""
    found: dict[str, list[Firing]] = {}
    for raw in raw_tags:
        main = str(raw.get("name", ""))
        for key in ("setupTag", "teardownTag"):
            for step in _objects(raw.get(key)):
                name = str(step.get("tagName", ""))
                for firing in own[id(raw)]:
                    found.setdefault(name, []).append(
                        Firing(firing.trigger, firing.blocked_by, firing.setup_of or main)
                    )
    return {name: tuple(firings) for name, firings in found.items()}


def _identity(tracker: Tracker, entries: list[tuple[str, str]]) -> str:
    """A built-in tag that names an identifying field in its settings (GA4 `user_id` in
    fields to set, `user_data`): the fields are the catalog's identify keys of the tracker."""
    keys = {k.lower() for rule in tracker.identify for k in rule.keys}
    named = [v for k, v in entries if k in _IDENTITY_SLOTS and v.lower() in keys]
    return f"{', '.join(dict.fromkeys(named))} in the tag's settings" if named else ""


def _url_parts(version: JsonObject) -> dict[str, str]:
    """Which variables read the page URL: the built-in Page URL/Path/Hostname and user-defined
    URL variables (type `u`) that read the page's own URL."""
    parts = dict(_BUILT_IN_PARTS)
    for variable in _objects(version.get("variable")):
        params = _params(variable)
        if str(variable.get("type")) == "u" and not params.get("customUrlSource"):
            component = params.get("component", "URL").upper()
            parts[str(variable.get("name", ""))] = _URL_COMPONENTS.get(component, "other")
    return parts


def _template_urls(data: str) -> list[str]:
    """URLs a template's code names, its sandboxed JavaScript first (what `injectScript` and
    `sendPixel` load), then its permissions."""
    at = data.find(_SANDBOXED)
    ordered = data[at:] + data[:at] if at >= 0 else data
    return [m.group() for m in _URL.finditer(ordered)]


def _objects(value: Any) -> Iterator[JsonObject]:
    if isinstance(value, list):
        yield from (item for item in value if isinstance(item, JsonObject))


def _ids(value: Any) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list) else []


def _params(obj: JsonObject) -> dict[str, str]:
    """A GTM object's top-level `parameter` list as key -> value."""
    return {
        str(p["key"]): str(p["value"])
        for p in _objects(obj.get("parameter"))
        if "key" in p and isinstance(p.get("value"), (str, int, float, bool))
    }


def _parameter_entries(value: Any, depth: int = 0) -> Iterator[tuple[str, str]]:
    """Every (key, value) in a parameter tree, lists and maps included."""
    if depth > 8:
        return
    for item in _objects(value):
        if isinstance(item.get("value"), str):
            yield str(item.get("key", "")), item["value"]
        for nested in ("list", "map"):
            yield from _parameter_entries(item.get(nested), depth + 1)


def _constant(value: Any) -> str:
    """UI and API spellings alike: `matchRegex` and `MATCH_REGEX`, `pageview` and `PAGEVIEW`."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", str(value or "")).upper()


def _is_true(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.lower() == "true")


def _short(text: str, limit: int = 100) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1] + "…"


@cache
def _regex_matches_anything(pattern: str) -> bool:
    try:
        regex = re.compile(pattern)
    except re.error:
        return False
    return all(regex.search(event) for event in ("gtm.js", "gtm.dom", "any_event"))


# --- pages ------------------------------------------------------------------------------------
# A page's URL is derived from its file path the simple way: the path below a known content root,
# without extensions, `index` naming its folder. Files under template folders, and dynamic routes,
# do not say their URL: None, and the rules report rather than guess.
_CONTENT_ROOTS = (
    "src/pages/", "src/routes/", "src/app/", "src/content/", "app/", "pages/", "content/",
    "_site/", "public/", "dist/", "build/",
)  # fmt: skip
_APP_ROUTERS = ("app/", "src/app/")  # Next.js: `app/patient/page.tsx` is /patient
_NOT_ROUTES = frozenset(
    {"templates", "views", "layouts", "_layouts", "_includes", "includes", "partials", "components"}
)
_INDEX_STEMS = frozenset({"index", "_index", "+page"})
_PLACEHOLDER_ORIGIN = "https://site.invalid"


@lru_cache(maxsize=1 << 16)  # asked once per tag and sensitive page
def page_urls(path: str) -> tuple[str, ...] | None:
    """The URL paths a page file may be served at (`patient/portal.html` -> /patient/portal,
    /patient/portal/, /patient/portal.html), or None when its file path does not say."""
    root = next((r for r in _CONTENT_ROOTS if path.startswith(r)), "")
    parts = [p for p in path[len(root) :].split("/") if not (p.startswith("(") and p.endswith(")"))]
    if not parts:
        return None
    *folders, name = parts
    stem = name.split(".", 1)[0]
    if any(f in _NOT_ROUTES or f.startswith("_") or _dynamic(f) for f in folders):
        return None
    if stem in _INDEX_STEMS or (stem == "page" and root in _APP_ROUTERS):
        folder = "/" + "/".join(folders)
        return (
            ("/", "/index.html")
            if folder == "/"
            else (folder + "/", folder, folder + "/index.html")
        )
    if _dynamic(stem) or stem.startswith("_") or not stem:
        return None
    url = "/" + "/".join([*folders, stem])
    return url, url + "/", url + ".html"


def _dynamic(segment: str) -> bool:
    """A route parameter: `[id]`, `[...slug]`, `{id}`, `:id`, `$id`."""
    return any(c in segment for c in "[]{}") or segment.startswith((":", "$"))


def fires_on(tag: Tag, urls: tuple[str, ...] | None) -> Verdict:
    """Whether `tag` fires on a page served at any of `urls` (None: URL unknown). A tag fires
    when one of its firing triggers fires and no blocking trigger of the same event certainly
    does; conditions the page's path cannot settle leave a page-load tag UNDECIDED, and a tag
    fired by events (clicks, forms, dataLayer events) fires ON_EVENT wherever it is allowed."""
    if any(_everywhere(firing) for firing in tag.firings):
        return Verdict.FIRES  # the usual All Pages tag: no URL to look at
    candidates: tuple[str | None, ...] = urls if urls is not None else (None,)
    return max(
        (_firing_verdict(firing, url) for firing in tag.firings for url in candidates),
        default=Verdict.NEVER,
    )


def _everywhere(firing: Firing) -> bool:
    trigger = firing.trigger
    return trigger.on_page_load and not trigger.page_conditions and not firing.blocked_by


def _firing_verdict(firing: Firing, url: str | None) -> Verdict:
    trigger = firing.trigger
    holds = _all_hold(trigger.page_conditions, url)
    if holds is False or any(_blocks(b, trigger, url) for b in firing.blocked_by):
        return Verdict.NEVER
    if not trigger.on_page_load:
        return Verdict.ON_EVENT
    return Verdict.FIRES if holds else Verdict.UNDECIDED


def _blocks(blocker: Trigger, trigger: Trigger, url: str | None) -> bool:
    """A blocking trigger stops a firing trigger only on its own event (or on every event),
    and only where its conditions certainly hold."""
    same_event = blocker.every_event or blocker.event == trigger.event
    undecidable = any(c.variable not in _EVENT_VARIABLES for c in blocker.event_conditions)
    return same_event and not undecidable and _all_hold(blocker.page_conditions, url) is True


def _all_hold(conditions: Iterable[Condition], url: str | None) -> bool | None:
    result: bool | None = True
    for condition in conditions:
        holds = _holds(condition, url)
        if holds is False:
            return False
        if holds is None:
            result = None
    return result


def _holds(condition: Condition, url: str | None) -> bool | None:
    """Whether a condition holds on a page at `url` (a path); None when the path cannot tell
    (another variable, the host, an unknown URL)."""
    if url is None or condition.part not in ("path", "url"):
        return None
    operator, value = condition.operator, condition.value
    if condition.part == "url":
        result = _url_holds(operator, value, url, condition.ignore_case)
    else:
        result = _compare(operator, url, value, condition.ignore_case)
    return result if result is None or not condition.negate else not result


def _url_holds(operator: str, value: str, path: str, ignore_case: bool) -> bool | None:
    """Page URL conditions on a page whose host is unknown: a value with a scheme or host is
    compared by its path; a regex is tried on the URL with a placeholder host."""
    if operator == "MATCH_REGEX":
        matched = _compare(operator, _PLACEHOLDER_ORIGIN + path, value, ignore_case)
        hosty = "://" in value or "\\." in value or "www" in value
        return True if matched else (None if matched is None or hosty else False)
    host_and_path = re.match(r"(?:https?:)?//[^/]*(.*)|[\w-]+(?:\.[\w-]+)+(/.*)?$", value)
    if host_and_path:
        rest = host_and_path.group(1) or host_and_path.group(2) or ""
        if operator == "EQUALS":
            return path == (rest or "/")
        return _compare(operator, path, rest, ignore_case) if rest else True
    if operator in ("CONTAINS", "ENDS_WITH"):
        return _compare(operator, path, value, ignore_case)
    return None


def _compare(operator: str, subject: str, value: str, ignore_case: bool) -> bool | None:
    if operator == "EQUALS":
        return subject == value
    if operator == "CONTAINS":
        return value in subject
    if operator == "STARTS_WITH":
        return subject.startswith(value)
    if operator == "ENDS_WITH":
        return subject.endswith(value)
    if operator == "MATCH_REGEX":
        try:
            return re.search(value, subject, re.IGNORECASE if ignore_case else 0) is not None
        except re.error:
            return None
    return None
