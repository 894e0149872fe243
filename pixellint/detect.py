"""Detectors: which tracker is where. Facts only; sensitivity is decided elsewhere (rules.py)."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import cache, cached_property

from pixellint import htmlscan, js, jsbind
from pixellint.catalog import Catalog, Token, Tracker, UrlPattern
from pixellint.document import Document
from pixellint.languages.base import Kind
from pixellint.lazyre import lazy
from pixellint.mask import blank_all
from pixellint.model import Diagnostic, How, Location, Sighting
from pixellint.prefilter import Literals

_JS_TYPES = {
    "", "text/javascript", "application/javascript", "module", "text/ecmascript",
    "application/ecmascript", "text/jsx", "text/babel", "text/partytown", "text/x-javascript",
}  # fmt: skip
_CONSENT_ATTR = lazy(r"consent|cookie|category|optanon|cmplz|usercentrics|klaro|iubenda")
_PII_WORDS = lazy(
    r"e-?mail|phone|first_?name|last_?name|full_?name|patient|member_?id|\bdob\b|birth|"
    r"address|zip|postal|ssn|mrn|diagnos|condition|insurance|appointment|user\.name|user_?id",
    re.IGNORECASE,
)
PII_KEYS = frozenset(
    {"email", "em", "e_mail", "phone", "ph", "phone_number", "first_name", "last_name", "fn",
     "ln", "dob", "date_of_birth", "birthdate", "address", "zip", "zp", "postal_code",
     "external_id", "patient_id", "mrn", "ssn", "user_email", "sha256_email_address"}
)  # fmt: skip
_IDENT = lazy(r"[\w$]")
_PIECES = lazy(r"""\+\s*["'`]""")  # starts with a literal: fast to search
_BUILTIN_TEMPLATE = lazy(r'(?:template|partial)\s+"(?:_internal/)?([\w.-]+)"')
_FIRST_PARTY_PATH = lazy(r"""["'`]((?:\.{0,2}/)(?!/)[\w./-]*[\w-](?:\?[^"'`\s]*)?)["'`]""")
_STUB = " in a snippet stub"  # a vendor global set on the stub's window parameter (h._hjSettings)
_PROXY_WINDOW = 2000  # characters around a snippet in which its loader path is looked for
_JOIN = lazy(r"""["'`]\s*[+,]\s*["'`]""")
_JOIN_REACH = 256  # characters either side of a `+ '…'` in which the pieces of one URL lie
EVIDENCE_MAX = 100
MAX_ALSO = 50  # further calls of one occurrence located; a generated file may hold thousands
Offsets = Callable[[int], int]  # offset in analysed code -> offset in the file


@dataclass(frozen=True, slots=True)
class Hits:
    offsets: list[int]  # sorted starts of catalog tokens in a text
    assembled: bool  # a token appears only once quoted pieces are joined

    def any(self) -> bool:
        return bool(self.offsets) or self.assembled

    def within(self, start: int, end: int, text: str) -> bool:
        i = bisect.bisect_left(self.offsets, start)
        if i < len(self.offsets) and self.offsets[i] < end:
            return True
        return self.assembled and bool(_PIECES.search(text) or ".join(" in text)


@dataclass(frozen=True, slots=True)
class Detection:
    sightings: tuple[Sighting, ...]
    diagnostics: tuple[Diagnostic, ...]
    exports: tuple[tuple[str, str], ...]  # (exported name, tracker id): wrappers for importers


@dataclass
class Detector:
    catalog: Catalog
    max_script_size: int = 2_000_000
    _interest: js.Interest = field(init=False)

    def __post_init__(self) -> None:
        self._interest = js.Interest(
            frozenset(self.catalog.calls),
            frozenset(self.catalog.globals),
            self.is_url,
            self.catalog.sdk_packages(),
            self.url_at,
            self.catalog.declares,
            frozenset(self.catalog.attributes),
        )

    @cached_property
    def _automata(self) -> tuple[Literals[Token], Literals[UrlPattern]]:
        tokens = self.catalog.tokens() | {Token(n, False, False) for n in self.catalog.templates}
        by_key: dict[str, list[Token]] = {}
        for token in sorted(tokens, key=lambda t: (t.text, t.case_sensitive, t.word_end)):
            by_key.setdefault(token.text.lower(), []).append(token)
        urls: dict[str, list[UrlPattern]] = {}
        for pattern in self.catalog.url_patterns:
            urls.setdefault(pattern.anchor, []).append(pattern)
        return Literals(by_key), Literals(urls)

    @cached_property
    def _fallback_calls(self) -> re.Pattern[str]:
        names = sorted(self.catalog.calls, key=len, reverse=True)
        alternation = "|".join(re.escape(n) for n in names)
        return re.compile(rf"(?<![\w$.])(?:window\.)?({alternation})\s*(?:\?\.)?\(")

    # --- prefilters -----------------------------------------------------------------------
    def hits(self, text: str) -> Hits:
        """Where catalog tokens occur: an exact superset of where a tracker can be."""
        offsets = self._token_offsets(text)
        return Hits(offsets, self._assembled(text))

    def _assembled(self, text: str) -> bool:
        """A token that appears once quoted pieces are joined ('https://connect.' +
        'facebook.net/…', ['…', '…'].join('')). Only the text around each join is joined:
        the pieces of one URL sit next to each other."""
        windows: list[tuple[int, int]] = []
        for match in _PIECES.finditer(text):
            windows.append((match.start() - _JOIN_REACH, match.end() + _JOIN_REACH))
        at = text.find(".join(")
        while at >= 0:
            windows.append((at - 4 * _JOIN_REACH, at))
            at = text.find(".join(", at + 6)
        windows.sort()
        merged: list[list[int]] = []
        for start, end in windows:
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([max(0, start), end])
        for start, end in merged:
            piece = text[start:end]
            joined = _JOIN.sub("", piece)
            if joined != piece and self._more_tokens(piece, joined):
                return True
        return False

    def _more_tokens(self, piece: str, joined: str) -> bool:
        """Whether joining made a token that the pieces did not hold."""
        before = Counter(token.text for _, token in self._tokens(piece))
        after = Counter(token.text for _, token in self._tokens(joined))
        return bool(after - before)

    def _token_offsets(self, text: str, first: bool = False) -> list[int]:
        offsets = []
        for start, _ in self._tokens(text):
            offsets.append(start)
            if first:
                break
        return sorted(offsets)

    def _tokens(self, text: str) -> Iterator[tuple[int, Token]]:
        everything, _ = self._automata
        for start, tokens in everything.find(text):
            end = start + len(tokens[0].text) - 1
            for token in tokens:
                if token.case_sensitive:
                    if not text.startswith(token.text, start):
                        continue
                    if start > 0 and _IDENT.match(text[start - 1]):
                        continue
                    if token.word_end and end + 1 < len(text) and _IDENT.match(text[end + 1]):
                        continue
                yield start, token
                break

    def first_token(self, text: str) -> str | None:
        """The first catalog token in `text`, as written there: what a file too large or too
        binary to scan is judged by (could a tracker be in it?)."""
        for start, token in self._tokens(text):
            return text[start : start + len(token.text)]
        return None

    def url_matches(self, url: str) -> list[UrlPattern]:
        if len(url) < 6 or ("." not in url and "/" not in url):
            return []
        _, urls = self._automata
        found: list[UrlPattern] = []
        for _, patterns in urls.find(url):
            for pattern in patterns:
                if pattern not in found and pattern.regex.search(url):
                    found.append(pattern)
        return found

    def url_tracker(self, url: str) -> tuple[Tracker, UrlPattern] | None:
        """The tracker a URL belongs to; shared URLs (gtag/js) are decided by the id in them."""
        patterns = self.url_matches(url)
        if not patterns:
            return None
        tracker = self.choose(list(dict.fromkeys(p.tracker for p in patterns)), url)
        if tracker is None:
            return None
        return tracker, next(p for p in patterns if p.tracker == tracker.id)

    def is_url(self, text: str) -> bool:
        return bool(self.url_matches(text))

    def proxied_loader(self, tracker: Tracker, text: str, start: int, end: int) -> str:
        """A first-party script path near a tracker's calls that is the vendor's loader served
        through the site (`/connectfb/fbevents.js`, `/gtagm/js?id=G-…`): it ends with the
        vendor's loader file name or carries the vendor's account id."""
        signatures = self._loader_files.get(tracker.id, ())
        window = text[max(0, start - _PROXY_WINDOW // 2) : max(end, start) + _PROXY_WINDOW]
        for match in _FIRST_PARTY_PATH.finditer(window):
            path = match.group(1)
            if self.url_matches(path):
                continue
            bare = path.split("?")[0].rstrip("/")
            if any(bare.endswith(sig) for sig in signatures) or any(
                p.search(path) for p in tracker.ids
            ):
                return path
        return ""

    @cached_property
    def _loader_files(self) -> dict[str, tuple[str, ...]]:
        """Each tracker's loader file names (`fbevents.js`, `gtag/js`, `hotjar-`)."""
        files: dict[str, list[str]] = {}
        for pattern in self.catalog.url_patterns:
            path = pattern.source.partition("/")[2].split("?")[0]
            segments = [part.strip("*") for part in path.split("/") if part.strip("*")]
            if pattern.kind != "loader" or not segments:
                continue
            name = segments[-1]
            if name == "js" and len(segments) > 1:
                name = f"{segments[-2]}/js"  # gtag/js
            if len(name) >= 5 and ("." in name or "-" in name or "/" in name):
                files.setdefault(pattern.tracker, []).append(name)
        return {tracker: tuple(names) for tracker, names in files.items()}

    def url_at(self, text: str) -> int:
        """Where the first tracker URL in `text` starts (-1: none)."""
        starts = [m.start() for p in self.url_matches(text) if (m := p.regex.search(text))]
        return min(starts, default=-1)

    def sdk_trackers(self, package: str, exports: frozenset[str]) -> list[Tracker]:
        """The trackers an SDK import or binding is: a named export a vendor owns
        (`@next/third-parties/google` `GoogleAnalytics`), else the package's tracker."""
        catalog = self.catalog
        named = [catalog.exports.get(f"{package}:{name}") for name in sorted(exports)]
        found = list(dict.fromkeys(t for t in named if t))
        if not found and package in catalog.packages:
            found = list(catalog.packages[package][:1])
        return [catalog.by_id[t] for t in found]

    # --- documents ------------------------------------------------------------------------
    def detect(self, doc: Document) -> tuple[list[Sighting], list[Diagnostic]]:
        detection = self.analyse(doc)
        return list(detection.sightings), list(detection.diagnostics)

    def analyse(self, doc: Document) -> Detection:
        """Sightings, diagnostics, and the names the module exports that forward to a tracker."""
        from pixellint.declared import is_site_config  # a preset's `gtag:` names no token

        hits = self.hits(doc.source)
        if not hits.any() and not is_site_config(doc.path):
            return Detection((), (), ())
        collector = _Collector(self, doc, hits)
        if doc.kind is Kind.SCRIPT:
            collector.script_file()
        elif doc.kind is Kind.CODE:
            collector.code_strings()
        else:
            collector.markup()
        collector.template_code()
        collector.declared()
        sightings, diagnostics = collector.finish()
        return Detection(tuple(sightings), tuple(diagnostics), tuple(sorted(collector.exports)))

    def choose(self, candidates: list[str], evidence: str | frozenset[str]) -> Tracker | None:
        """Pick among trackers sharing a call or URL by the account id in the evidence."""
        trackers = [self.catalog.by_id[c] for c in candidates]
        texts = [evidence] if isinstance(evidence, str) else list(evidence)
        for tracker in trackers:
            if any(p.search(t) for p in tracker.ids for t in texts):
                return tracker
        return trackers[0] if trackers else None


@dataclass
class _Found:
    tracker: Tracker
    how: How
    start: int
    end: int
    unit: int  # offset of the enclosing element / top-level statement
    detail: str
    identity: str = ""
    degraded: bool = False
    alternatives: tuple[str, ...] = ()  # other trackers sharing this call, when no id decided


class _Collector:
    """Gathers raw matches for one document, then folds them into one sighting per occurrence."""

    def __init__(self, detector: Detector, doc: Document, hits: Hits) -> None:
        self.detector = detector
        self.doc = doc
        self.hits = hits
        self._scoped: set[int] = set()  # units that are functions, never merged with neighbours
        self.exports: set[tuple[str, str]] = set()  # (exported name, tracker it forwards to)
        self.found: list[_Found] = []
        self.diagnostics: list[Diagnostic] = []
        # scripts from a configured URL that no attribute names: (start, end, the URL as written)
        self._unnamed: list[tuple[int, int, str]] = []

    # markup ------------------------------------------------------------------------------
    def markup(self) -> None:
        embedded = self.doc.language.scripts
        for start, end, *code in embedded(self.doc.source) if embedded else ():
            # JavaScript outside <script>: Astro front matter, MDX import/export lines, or code
            # given as text (a PHP string handed to wp_add_inline_script, Blazor's JS interop
            # calls); unescaping may hide a token from the prefilter, so that is always analysed
            text = code[0] if code else self.doc.source[start:end]
            grammar = self.doc.language.grammar
            self._js(text, start, start, "inline-js", grammar=grammar, embedded=bool(code))
        scan = htmlscan.scan(self.doc.masked, jsx=self.doc.language.jsx)
        for element in scan.elements:
            if element.inert:
                continue
            if element.tag == "script":
                self._script_element(element)
            elif element.tag in ("img", "iframe", "amp-pixel"):
                self._beacon_element(element)
        for element, _name, attr in scan.handlers:
            if element.inert:
                continue
            decoded, offsets = htmlscan.unescape_with_map(attr.value)
            self._js(decoded, attr.offset, element.start, "event-handler", offsets)

    def _script_element(self, element: htmlscan.Element) -> None:
        type_ = (element.get("type") or "").strip().lower()
        gated = type_ == "text/plain" and any(
            _CONSENT_ATTR.search(name)
            or (name == "class" and _CONSENT_ATTR.search(attr.value.lower()))
            for name, attr in element.attrs.items()
        )
        src = element.attrs.get("src") or element.attrs.get("data-src")
        if src and src.value.strip():
            match = self.detector.url_tracker(src.value)
            if match:
                detail = ("consent-gated loader" if gated else "loader") + _served_from(
                    match[1], src.value, match[0]
                )
                self._add(
                    match[0], "script-src", element.start, element.tag_end, element.start, detail
                )
            else:
                self._configured_src(element, src.offset, src.value)
        if type_ in _JS_TYPES or gated:
            body = self.doc.masked[element.content_start : element.content_end]
            lang = (element.get("lang") or "").strip().lower()
            grammar = "typescript" if lang in ("ts", "typescript") else "javascript"
            if body.strip():
                self._js(body, element.content_start, element.start, "inline-js", grammar=grammar)

    def _configured_src(self, element: htmlscan.Element, at: int, value: str) -> None:
        """`<script data-website-id="…" src="{{ theme.umami.script_url }}">`: the URL comes from
        configuration, the vendor's own attributes say whose script it is."""
        written = self.doc.source[at : at + len(value)]
        if not _CONFIGURED.search(written) and not _CONFIGURED.search(value):
            return
        attributes = self.detector.catalog.attributes
        for name in element.attrs:
            tracker_id = attributes.get(name.lower())
            if tracker_id:
                tracker = self.detector.catalog.by_id[tracker_id]
                where = _short(written.strip())
                detail = f"script from a configured URL ({where}) with {name}"
                self._add(
                    tracker, "configured-src", element.start, element.tag_end, element.start, detail
                )
                return
        if _WHOLE_EXPRESSION.match(written):  # `{{ site.assets }}/js/app.js` is a file of the site
            self._unnamed.append((element.start, element.tag_end, _short(written.strip())))

    def _configured_carrier(self, hit: js.JsHit, start: int, end: int, unit: int) -> None:
        """`{src: process.env.UMAMI_URL, 'data-website-id': id}`, `<Script data-domain=…
        src={cfg.server + '/js/script.js'} />`: a script element written as a value whose URL
        is not a literal. A literal `src` is judged by its URL (a first-party path keeps the
        self-hosted exemption, a vendor URL is found as such)."""
        if hit.arg0 is not None:
            return
        tracker = self.detector.catalog.by_id[self.detector.catalog.attributes[hit.value]]
        detail = f"script from a configured URL ({_short(hit.label.strip())}) with {hit.value}"
        self._add(tracker, "configured-src", start, end, unit, detail)

    def _name_configured_loaders(self) -> None:
        """`<script src="{{ adobeTrackingUrl }}">` beside `window.digitalData = …`: a page that
        hands data to a tag manager's data layer and loads a script from a configured URL, with
        no loader of that tag manager written out, loads the tag manager from that URL."""
        if not self._unnamed:
            return
        layers = {
            f.tracker.id: f for f in self.found if f.tracker.opaque and f.detail.startswith("sets ")
        }
        loaded = {
            f.tracker.id
            for f in self.found
            if f.how == "script-src" or f.detail.startswith("loads ")
        }
        candidates = [f for tracker_id, f in layers.items() if tracker_id not in loaded]
        if len(candidates) != 1:
            return  # no data layer, or two tag managers' (which one the URL loads is unknown)
        layer = candidates[0]
        for start, end, where in self._unnamed:
            data = layer.detail.removeprefix("sets ").split(" ", 1)[0]
            detail = f"script from a configured URL ({where}) on a page that sets {data}, {layer.tracker.name}'s data layer"
            self._add(layer.tracker, "configured-src", start, end, start, detail)

    def _beacon_element(self, element: htmlscan.Element) -> None:
        for name in ("src", "data-src"):
            attr = element.attrs.get(name)
            if not attr:
                continue
            match = self.detector.url_tracker(attr.value)
            if match:
                where = "noscript " if element.in_noscript else ""
                detail = f"{where}<{element.tag}> {match[1].kind}"
                self._add(match[0], "beacon", element.start, element.tag_end, element.start, detail)
                return

    # scripts -----------------------------------------------------------------------------
    def script_file(self) -> None:
        self._js(self.doc.masked, 0, -1, "js-file", grammar=self.doc.language.grammar)

    def _js(
        self,
        code: str,
        base: int,
        unit: int,
        how: How,
        offsets: list[int] | None = None,
        grammar: str = "javascript",
        embedded: bool = False,
    ) -> None:
        # a script held in a string is unescaped first: `\nfbq(` hides the token from the prefilter
        end = base + (offsets[-1] if offsets else len(code)) + 1
        if not embedded and not self.hits.within(base, end, code):
            return

        def absolute(offset: int) -> int:
            return base + (offsets[min(offset, len(offsets) - 1)] if offsets else offset)

        if len(code) > self.detector.max_script_size:
            self._diagnose(
                base,
                "PXL902",
                f"script of {len(code):,} characters is larger than max_script_size; scanned with the token fallback",
            )
            self._fallback(code, absolute, unit, how)
            return
        result = js.analyse(code, self.detector._interest, grammar)
        exported: dict[int, list[str]] = {}
        for start, name in result.exported:
            exported.setdefault(start, []).append(name)
        before = len(self.found)
        for hit in result.hits:
            if unit >= 0:  # inline: the script element is the occurrence
                self._js_hit(hit, absolute, unit, how)
            else:  # script file: the top-level statement, or the callback the call sits in
                count = len(self.found)
                self._js_hit(
                    hit, absolute, absolute(hit.scope if hit.scope >= 0 else hit.unit), how
                )
                if hit.scope >= 0 and len(self.found) > count:
                    self._scoped.add(self.found[-1].unit)
                for name in exported.get(hit.unit, ()):
                    self.exports.update((name, f.tracker.id) for f in self.found[count:])
        if unit < 0:
            for name, package, export in result.handed_on:
                for tracker in self.detector.sdk_trackers(package, frozenset({export})):
                    self.exports.add((name, tracker.id))
        if result.has_error:
            missed = self._fallback(code, absolute, unit, how, skip_after=before)
            if missed or len(self.found) == before:
                self._diagnose(
                    base,
                    "PXL901",
                    "script does not parse even after masking template syntax; scanned with the token fallback",
                )

    def _tracker_url(self, hit: js.JsHit, to_abs: Offsets, unit: int) -> str | None:
        """The destination a self-hosted analytics queue is given (`_paq.push(['setTrackerUrl',
        u + 'matomo.php'])`) when it is not provably the site's own host: a template value, a
        variable set from one, or another host. None for a first-party path (`'/piwik/'`)."""
        source = self.doc.source
        args = source[to_abs(hit.args_span[0]) : to_abs(hit.args_span[1])]
        found = _SET_TRACKER_URL.search(args)
        if found is None:
            return None
        expression = found.group(1).strip()
        base = expression
        variable = _LEADING_NAME.match(expression)
        if variable:  # `u + 'matomo.php'`: what `u` was set to in the same script
            scope = source[max(0, unit) : to_abs(hit.start)]
            assigned = list(
                re.finditer(rf"\b{re.escape(variable.group(1))}\s*=\s*([^;\n]+)", scope)
            )
            base = assigned[-1].group(1).strip() if assigned else expression
        literal = _QUOTED.fullmatch(base.split("+")[0].strip())
        value = literal.group(2) if literal else ""
        if value.startswith("/") and not value.startswith("//") and not _CONFIGURED.search(value):
            return None
        return _short(base)

    def _url_alone(self, text: str) -> str:
        """The URL itself out of a string holding markup around it (`res.send('<html>…<script
        src="https://…">')`), so the message names what is loaded."""
        at = self.detector.url_at(text)
        if at <= 0:
            return text
        start = max(text.rfind(c, 0, at) for c in _URL_BOUNDS) + 1
        ends = [i for c in _URL_BOUNDS if (i := text.find(c, at)) >= 0]
        return text[start : min(ends, default=len(text))]

    def _js_hit(self, hit: js.JsHit, to_abs: Offsets, unit: int, how: How) -> None:
        start, end = to_abs(hit.start), to_abs(hit.end)
        catalog = self.detector.catalog
        if hit.kind == "url":
            match = self.detector.url_tracker(hit.value)
            if match:
                verb = "loads" if match[1].kind == "loader" else "sends to"
                self._add(
                    match[0],
                    how,
                    start,
                    end,
                    unit,
                    f"{verb} {_short(self._url_alone(hit.value))}"
                    + _served_from(match[1], hit.value, match[0]),
                    degraded=hit.in_error,
                )
        elif hit.kind == "call":
            candidates = list(catalog.calls[hit.value])
            tracker = self.detector.choose(candidates, hit.keys)
            if tracker is None:
                return
            label = _call_label(hit.label or hit.value, hit.arg0)
            if hit.label:  # `dataLayer.push()` on a local bound to window.adobeDataLayer
                label += f" on window.{hit.value.rsplit('.', 1)[0]}"
            identity = self._identity(tracker, hit, to_abs)
            if tracker.self_hosted and "setTrackerUrl" in hit.keys:
                destination = self._tracker_url(hit, to_abs, unit)
                if destination is not None:
                    how, label = "configured-src", f"{label} to {destination}"
            self._add(tracker, how, start, end, unit, label, identity, hit.in_error)
            if len(candidates) > 1 and not any(p.search(k) for p in tracker.ids for k in hit.keys):
                self.found[-1] = replace(self.found[-1], alternatives=tuple(candidates))
        elif hit.kind == "package":
            for tracker in self.detector.sdk_trackers(hit.value, hit.keys):
                self._add(
                    tracker,
                    how,
                    start,
                    end,
                    unit,
                    f"imports the {hit.value} SDK",
                    degraded=hit.in_error,
                )
        elif hit.kind == "sdk":
            self._sdk_hit(hit, start, end, unit, how, to_abs)
        elif hit.kind == "attributes":
            self._configured_carrier(hit, start, end, unit)
        elif hit.kind == "code":  # a string the page runs as a script (<Script>{`…`}</Script>)
            self._js(hit.value, start, unit, how, embedded=True)
        elif hit.kind == "global":
            candidates = list(catalog.globals[hit.value])
            tracker = self.detector.choose(candidates, hit.value)
            if tracker:
                detail = f"sets {hit.value}" + (_STUB if hit.label == "member" else "")
                self._add(tracker, how, start, end, unit, detail, degraded=hit.in_error)
                if len(candidates) > 1:
                    self.found[-1] = replace(self.found[-1], alternatives=tuple(candidates))

    def _sdk_hit(
        self, hit: js.JsHit, start: int, end: int, unit: int, how: How, to_abs: Offsets
    ) -> None:
        """A use of an SDK binding: the call or element is the occurrence, named as written."""
        names = {hit.export}
        if hit.export in jsbind.WHOLE and hit.method:
            names.add(hit.method)  # `Sentry.replayIntegration()` on `import * as Sentry`
        trackers = self.detector.sdk_trackers(hit.value, frozenset(names))
        if not trackers:
            return
        tracker = self.detector.choose([t.id for t in trackers], hit.keys) or trackers[0]
        label = hit.label if hit.label.startswith("<") else _call_label(hit.label, hit.arg0)
        identity = self._identity(tracker, hit, to_abs)
        self._add(tracker, how, start, end, unit, f"{label} ({hit.value})", identity, hit.in_error)

    def _identity(self, tracker: Tracker, hit: js.JsHit, to_abs: Offsets) -> str:
        for rule in tracker.identify:
            if hit.kind == "sdk":
                method = hit.method or (hit.export if hit.export not in jsbind.WHOLE else "")
                # a global call rule (`heap.identify`) holds for the SDK's method of that name
                named = rule.method or rule.call.partition(".")[2]
                if not method or named != method:
                    continue
            elif rule.call != hit.value:
                continue
            if rule.arg0 is not None and rule.arg0 != hit.arg0:
                continue
            if hit.nargs < rule.min_args or (rule.keys and not rule.keys & hit.keys):
                continue
            shared = sorted((rule.keys or PII_KEYS) & hit.keys)
            call = _call_label(hit.label if hit.kind == "sdk" else hit.value, hit.arg0)
            return call + (f" with {', '.join(shared)}" if shared else "")
        pii = sorted(PII_KEYS & hit.keys)
        if pii:
            return f"identifying fields {', '.join(pii)}"
        start, end = to_abs(hit.args_span[0]), to_abs(hit.args_span[1])
        regions = self.doc.regions
        first = bisect.bisect_left(self._region_starts, start)
        for region in regions[first : bisect.bisect_left(self._region_starts, end)]:
            if region.kind == "output":
                source = self.doc.source[region.start : region.end]
                if _PII_WORDS.search(source):
                    return f"template data {_short(source)}"
        return ""

    @cached_property
    def _region_starts(self) -> list[int]:
        return [region.start for region in self.doc.regions]

    def _fallback(
        self, code: str, absolute: Offsets, unit: int, how: How, skip_after: int | None = None
    ) -> int:
        """Token scan for scripts the AST could not handle; returns how many new finds it made."""
        known = (
            {(f.tracker.id, f.unit) for f in self.found[skip_after or 0 :]}
            if skip_after is not None
            else set()
        )
        added = 0
        for match in self.detector._fallback_calls.finditer(code):
            path = match.group(1)
            tracker = self.detector.choose(
                list(self.detector.catalog.calls[path]), code[match.end() : match.end() + 80]
            )
            unit_here = unit if unit >= 0 else absolute(match.start())
            if tracker and (tracker.id, unit_here) not in known:
                self._add(
                    tracker,
                    how,
                    absolute(match.start()),
                    absolute(match.end()),
                    unit_here,
                    f"{path}() (token fallback)",
                    degraded=True,
                )
                known.add((tracker.id, unit_here))
                added += 1
        for start, end, url in _url_tokens(code):
            url_match = self.detector.url_tracker(url)
            unit_here = unit if unit >= 0 else absolute(start)
            if url_match and (url_match[0].id, unit_here) not in known:
                self._add(
                    url_match[0],
                    how,
                    absolute(start),
                    absolute(end),
                    unit_here,
                    f"mentions {_short(url)} (token fallback)",
                    degraded=True,
                )
                known.add((url_match[0].id, unit_here))
                added += 1
        return added

    def code_strings(self) -> None:
        """Tracker URLs in string literals of server-side code (`app.add_js_file("…gtag/js…")`),
        and the JavaScript the language says its strings print (a Rails helper's
        `javascript_tag("ga('send', …)")`), analysed as JavaScript in place."""
        embedded = self.doc.language.scripts
        analysed: list[tuple[int, int]] = []
        for start, _end, *code in embedded(self.doc.source) if embedded else ():
            text = code[0] if code else self.doc.source[start:_end]
            self._js(text, start, start, "inline-js", embedded=True)
            analysed.append((start, _end))
        analysed.sort()
        for start, _end, literal in _string_literals(self.doc.text):
            for token_start, token_end, url in _url_tokens(literal):
                if _inside_any(analysed, start + token_start):
                    continue
                match = self.detector.url_tracker(url)
                if match:
                    begin = start + token_start
                    self._add(
                        match[0],
                        "template-code",
                        begin,
                        start + token_end,
                        start,
                        f"{match[1].kind} {_short(url)} in code",
                    )

    # server-side template code ----------------------------------------------------------
    def template_code(self) -> None:
        """Tracker URLs inside PHP/ERB code (wp_enqueue_script, echo '<script src=…>'), and
        template engines' built-in analytics templates (Hugo's google_analytics.html). A URL
        in code the language hands over as JavaScript (a PHP string in `wp_add_inline_script`)
        is that analysis' finding, not a second one."""
        analysed: list[tuple[int, int]] | None = None
        for region in self.doc.regions:
            if region.kind == "control" and self.detector.catalog.templates:
                self._builtin_template(region.start, region.end)
            if region.kind not in ("code", "output"):
                continue
            source = self.doc.source[region.start : region.end]
            if not self.hits.within(region.start, region.end, source):
                continue
            if region.kind == "code":
                source = _without_code_comments(source, self.doc.language.code_comments)
            if analysed is None:
                analysed = _embedded_spans(self.doc)
            for start, end, url in _url_tokens(source):
                if _inside_any(analysed, region.start + start):
                    continue
                match = self.detector.url_tracker(url)
                if match:
                    begin = region.start + start
                    self._add(
                        match[0],
                        "template-code",
                        begin,
                        region.start + end,
                        region.start,
                        f"{match[1].kind} {_short(url)} in template code",
                    )
            if region.kind == "code":
                self._calls_in_code_strings(source, region.start, analysed)

    def _calls_in_code_strings(
        self, source: str, base: int, analysed: list[tuple[int, int]]
    ) -> None:
        """`"fbq('init', '" . $pixel_id . "');"`: a tracker call the server code assembles in
        its strings for the page, too broken up for the JavaScript parser. A short name needs
        its command string (`ga('send'`), as in minified code."""
        catalog = self.detector.catalog
        for literal in _CODE_STRING.finditer(source):
            if "<" in literal.group():  # markup the code prints is read as markup
                continue
            for call in self.detector._fallback_calls.finditer(source, *literal.span()):
                name, at = call.group(1), base + call.start(1)
                inside = call.end() < literal.end() - 1  # the literal goes on after `(`
                rest = source[call.end() : call.end() + 1] if inside else ""
                if len(name) <= 3 and rest not in ("'", '"', "\\"):
                    continue
                if _inside_any(analysed, at):
                    continue
                tracker = self.detector.choose(list(catalog.calls[name]), literal.group())
                if tracker is not None:
                    detail = f"{name}() assembled in template code"
                    self._add(tracker, "template-code", at, base + call.end(), base, detail)

    def _builtin_template(self, start: int, end: int) -> None:
        """A template engine's own analytics template (`{{ template "_internal/google_analytics.html" . }}`),
        named in the catalog's `templates`."""
        match = _BUILTIN_TEMPLATE.search(self.doc.source, start, end)
        if match is None:
            return
        tracker_id = self.detector.catalog.templates.get(match.group(1))
        if tracker_id is not None:
            tracker = self.detector.catalog.by_id[tracker_id]
            detail = f"built-in template {match.group(1)}"
            self._add(tracker, "builtin-template", start, end, start, detail)

    def declared(self) -> None:
        """Trackers a framework's site config declares as data (`gatsby-config` plugins, Nuxt
        modules, Docusaurus presets): the framework injects them into every page. And head
        scripts given as `children: '…'` (Nuxt `app.head`, `useHead`), code the page runs that
        the JavaScript facts do not treat as code."""
        from pixellint import declared

        doc, catalog = self.doc, self.detector.catalog
        if doc.kind is Kind.SCRIPT and declared.is_site_config(doc.path):
            grammar = doc.language.grammar
            for found in declared.declarations(doc.masked, doc.path, catalog.plugins, grammar):
                tracker = catalog.by_id[found.tracker]
                self._add(tracker, "config", found.start, found.end, found.start, found.detail)
                self._scoped.add(found.start)  # a declaration is an occurrence of its own
        if "children" not in doc.masked:
            return
        blocks = [(0, doc.masked, doc.language.grammar, -1)]  # (base, code, grammar, element)
        if doc.kind is not Kind.SCRIPT:
            elements = htmlscan.scan(doc.masked, jsx=doc.language.jsx).elements
            blocks = [
                (e.content_start, doc.masked[e.content_start : e.content_end],
                 "typescript" if (e.get("lang") or "").strip() in ("ts", "typescript")
                 else "javascript", e.start)
                for e in elements if e.tag == "script" and not e.inert
            ]  # fmt: skip
        how: How = "js-file" if doc.kind is Kind.SCRIPT else "inline-js"
        for base, code, grammar, element in blocks:
            for script in declared.head_scripts(code, grammar):
                unit = element if element >= 0 else base + script.statement
                self._js(
                    script.code, base + script.start, unit, how, grammar=grammar, embedded=True
                )

    # folding -----------------------------------------------------------------------------
    def _add(
        self,
        tracker: Tracker,
        how: How,
        start: int,
        end: int,
        unit: int,
        detail: str,
        identity: str = "",
        degraded: bool = False,
    ) -> None:
        self.found.append(_Found(tracker, how, start, end, unit, detail, identity, degraded))

    def _diagnose(self, offset: int, code: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(self._location(offset, offset + 1), code, message))

    def _location(self, start: int, end: int) -> Location:
        line, column = self.doc.lines.position(start)
        end_line, end_column = self.doc.lines.position(max(start + 1, end))
        return Location(self.doc.path, line, column, end_line, end_column)

    def finish(self) -> tuple[list[Sighting], list[Diagnostic]]:
        self._name_configured_loaders()
        self._settle_shared_calls()
        groups: dict[tuple[str, int], list[_Found]] = {}
        last_line: dict[str, tuple[int, int]] = {}  # tracker -> (unit key, line it ended on)
        for found in sorted(self.found, key=lambda f: f.start):
            unit = found.unit
            if (
                self.doc.kind is Kind.SCRIPT
                and found.tracker.id in last_line
                and unit not in self._scoped
            ):
                # consecutive top-level statements (a pasted base code) are one occurrence
                previous_unit, previous_end = last_line[found.tracker.id]
                if self.doc.lines.position(unit)[0] <= previous_end + 1:
                    unit = previous_unit
            key = (found.tracker.id, found.start if found.identity else unit)
            groups.setdefault(key, []).append(found)
            if not found.identity:
                last_line[found.tracker.id] = (unit, self.doc.lines.position(found.end)[0])
        sightings = [self._sighting(group) for group in groups.values()]
        return sorted(set(sightings)), self.diagnostics

    def _settle_shared_calls(self) -> None:
        """gtag('js') says nothing; gtag('config', 'AW-…') in the same script says it is Google Ads."""
        decided: dict[int, set[str]] = {}
        for found in self.found:
            if not found.alternatives:
                decided.setdefault(found.unit, set()).add(found.tracker.id)
        for i, found in enumerate(self.found):
            if found.alternatives:
                known = [t for t in found.alternatives if t in decided.get(found.unit, ())]
                if known and found.tracker.id not in known:
                    self.found[i] = replace(found, tracker=self.detector.catalog.by_id[known[0]])

    def _sighting(self, group: list[_Found]) -> Sighting:
        # a vendor's loader or call locates the occurrence better than its stub's settings
        first = next((f for f in group if not f.detail.endswith(_STUB)), group[0])
        details = list(dict.fromkeys(f.detail for f in group))
        detail = "; ".join(details[:3]) + ("; …" if len(details) > 3 else "")
        if not any(f.how == "script-src" or f.detail.startswith("loads ") for f in group):
            proxy = self.detector.proxied_loader(
                first.tracker, self.doc.source, first.unit, first.end
            )
            if proxy:
                detail += f"; loader proxied through first-party {proxy} (the relay still sends each visit to {first.tracker.vendor})"
        anchor_line, _ = self.doc.lines.position(first.unit if first.unit >= 0 else first.start)
        configured = any(f.how == "configured-src" for f in group)
        starts = sorted({f.start: f for f in group if not f.detail.endswith(_STUB)}.items())
        others = [f for start, f in starts if start != first.start][:MAX_ALSO]
        also = tuple(dict.fromkeys(self._location(f.start, f.end) for f in others))
        return Sighting(
            location=self._location(first.start, first.end),
            tracker=first.tracker.id,
            how="configured-src" if configured else first.how,
            evidence=self._evidence(first.start, first.end),
            detail=detail,
            identity=first.identity,
            anchor_line=anchor_line,
            degraded=all(f.degraded for f in group),
            also=also,
        )

    def _evidence(self, start: int, end: int) -> str:
        snippet = self.doc.source[start : min(end, start + 400)]
        first_line = snippet.splitlines()[0] if snippet else ""
        return _short(first_line.strip(), EVIDENCE_MAX)


_STRING = lazy(
    r"""^=begin\b.*?(?:^=end\b|\Z)|#[^\n]*|(\"\"\"|'''|"|')((?:\\.|(?!\1)[^\\])*?)\1""",
    re.DOTALL | re.MULTILINE,
)


_CODE_STRING = lazy(r"'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"")  # on one line, with escapes


def _string_literals(text: str) -> list[tuple[int, int, str]]:
    """(start, end, body) of string literals in Python or Ruby source; '#' comments are skipped."""
    return [(m.start(2), m.end(2), m.group(2)) for m in _STRING.finditer(text) if m.group(1)]


@cache
def _code_comment_pattern(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.DOTALL | re.MULTILINE)


def _without_code_comments(code: str, pattern: str) -> str:
    """Server code with its comments blanked (same length): `// wp_enqueue_script('…fb…')`
    in a PHP block never runs."""
    if not pattern:
        return code
    spans = [
        m.span() for m in _code_comment_pattern(pattern).finditer(code) if m.lastgroup == "comment"
    ]
    return blank_all(code, spans)


# a URL written as template syntax or a variable: `{{ x }}`, `{% x %}`, `<%= x %>`, `${x}`,
# `#{x}`, `{x}` (JSX), `@Model.X` (Razor)
_CONFIGURED = lazy(r"\{\{|\{%|<%|\$\{|#\{|^\s*\{|^\s*@\w")
_SET_TRACKER_URL = lazy(r"""["']setTrackerUrl["']\s*,\s*([^\]]+)""")
_LEADING_NAME = lazy(r"([A-Za-z_$][\w$]*)\s*(?:\+|$)")
_QUOTED = lazy(r"""(["'`])(.*)\1""", re.S)
_WHOLE_EXPRESSION = lazy(
    r"\s*(?:\{\{[^}]*\}\}|<%=[^%]*%>|\$\{[^}]*\}|#\{[^}]*\}|\{[^{}]*\}|@[\w.]+)\s*$"
)
_HOST = lazy(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//([^/?#\s:]+)", re.IGNORECASE)


def _served_from(pattern: UrlPattern, url: str, tracker: Tracker) -> str:
    """Where a vendor's file known by its path alone is served from: a custom domain (Tealium's
    `utag.js` on an agency CNAME, `fbevents.js` on a tracking subdomain) or the site itself (a
    first-party relay). Empty for the vendor's own hosts."""
    if not pattern.source.startswith("/"):
        return ""
    host = _HOST.match(url)
    if host:
        return f"; served from {host.group(1)}, not the vendor's own host"
    path = _short(url.strip())
    return f"; loader proxied through first-party {path} (the relay still sends each visit to {tracker.vendor})"


def _embedded_spans(doc: Document) -> list[tuple[int, int]]:
    """The code the document's language hands over as JavaScript, as sorted disjoint spans."""
    embedded = doc.language.scripts if doc.kind is Kind.MARKUP else None
    if embedded is None:
        return []
    merged: list[tuple[int, int]] = []
    for start, end in sorted((found[0], found[1]) for found in embedded(doc.source)):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _inside_any(spans: list[tuple[int, int]], offset: int) -> bool:
    index = bisect.bisect_right(spans, offset, key=lambda span: span[0]) - 1
    return index >= 0 and offset < spans[index][1]


_URL_TOKEN = lazy(r"""[^\s"'`<>(){}\[\],;\\]*[./][^\s"'`<>(){}\[\],;\\]+""")


def _url_tokens(text: str) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _URL_TOKEN.finditer(text) if "." in m.group()]


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


_URL_BOUNDS = " \t\r\n\"'<>()`"


def _call_label(path: str, arg0: str | None) -> str:
    if not arg0:
        return f"{path}()"
    if not arg0.strip("_"):  # a masked template expression
        return f"{path}(<template value>)"
    return f"{path}('{_short(arg0, 40)}')"
