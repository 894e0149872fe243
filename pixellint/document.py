"""A file prepared for analysis: decoded text, its masked twin, front matter and positions."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pixellint.lazyre import lazy
from pixellint.mask import Region, apply_mask, blank, template_regions
from pixellint.source import LineIndex

# extension -> (kind, template dialect); kind is "markup", "script" or "markdown"
FILE_TYPES: dict[str, tuple[str, str]] = {
    ".html": ("markup", "html"),
    ".htm": ("markup", "html"),
    ".xhtml": ("markup", "html"),
    ".shtml": ("markup", "html"),
    ".jinja": ("markup", "jinja"),
    ".jinja2": ("markup", "jinja"),
    ".j2": ("markup", "jinja"),
    ".njk": ("markup", "jinja"),
    ".twig": ("markup", "twig"),
    ".liquid": ("markup", "liquid"),
    ".hbs": ("markup", "handlebars"),
    ".handlebars": ("markup", "handlebars"),
    ".mustache": ("markup", "handlebars"),
    ".tmpl": ("markup", "go"),
    ".gohtml": ("markup", "go"),
    ".tpl": ("markup", "html"),
    ".php": ("markup", "php"),
    ".erb": ("markup", "erb"),
    ".ejs": ("markup", "erb"),
    ".astro": ("markup", "html"),
    ".vue": ("markup", "html"),
    ".svelte": ("markup", "html"),
    ".js": ("script", "none"),
    ".mjs": ("script", "none"),
    ".cjs": ("script", "none"),
    ".jsx": ("script", "none"),
    ".ts": ("script", "none"),
    ".tsx": ("script", "none"),
    ".md": ("markdown", "html"),
    # server-side code that injects scripts (Sphinx/MkDocs hooks, Jekyll plugins): strings only
    ".py": ("code", "none"),
    ".rb": ("code", "none"),
    ".markdown": ("markdown", "html"),
}
_TEMPLATE_HINT = lazy(
    r"\{%-?\s*\w|\{\{-?\s*[#/>!.$]|\{\{-?\s*[\w.]+(?:\s*\|[^}\n]*)?\s*-?\}\}|<\?php|<\?=|<%[=#-]?\s"
)
_FRONT_MATTER = lazy(r"\A(---|\+\+\+)[ \t]*\r?\n(.*?)(?:\r?\n)\1[ \t]*(?:\r?\n|\Z)", re.DOTALL)
_FENCE = lazy(r"^( {0,3})(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\2[`~]*[ \t]*$|\Z)", re.M | re.S)
_CODE_SPAN = lazy(r"(`+)[^`\n].*?\1", re.S)
_HIGHLIGHT = lazy(
    r"\{%-?\s*highlight\b.*?%\}.*?\{%-?\s*endhighlight\s*-?%\}|"
    r"\{\{<\s*highlight\b.*?>\}\}.*?\{\{<\s*/highlight\s*>\}\}",
    re.S,
)


@dataclass
class Document:
    path: str  # POSIX, relative to the project root
    text: str  # decoded original
    kind: str
    dialect: str
    masked: str = ""
    regions: list[Region] = field(default_factory=list)
    front_matter: dict[str, str] = field(default_factory=dict)
    lines: LineIndex = field(init=False)

    def __post_init__(self) -> None:
        self.lines = LineIndex(self.text)


def _might_be_template(text: str) -> bool:
    return "{{" in text or "{%" in text or "<?" in text or "<%" in text


def kind_of(path: str) -> tuple[str, str] | None:
    lower = path.lower()
    dot = lower.rfind(".")
    return FILE_TYPES.get(lower[dot:]) if dot >= 0 else None


def prepare(path: str, text: str, kind: str, dialect: str) -> Document:
    doc = Document(path, text, kind, dialect)
    masked = text
    if kind in ("code", "data"):
        doc.masked = text
        return doc
    fm = _FRONT_MATTER.match(text) if kind != "script" else None
    if fm:
        doc.front_matter = parse_front_matter(fm.group(2), fm.group(1) == "+++")
        masked = blank(masked, 0, fm.end())
    effective = dialect
    if dialect == "html" and _might_be_template(text) and _TEMPLATE_HINT.search(text):
        effective = "html-template"
    if kind == "markdown":
        for pattern in (_FENCE, _CODE_SPAN):
            for match in pattern.finditer(masked):
                masked = blank(masked, match.start(), match.end())
    for match in _HIGHLIGHT.finditer(masked):
        masked = blank(masked, match.start(), match.end())
    doc.regions = template_regions(masked, effective)
    doc.masked = apply_mask(masked, doc.regions)
    doc.dialect = effective
    return doc


_FM_LINE = lazy(r"""^([A-Za-z_][\w-]*)\s*[:=]\s*(.*?)\s*$""")


def parse_front_matter(body: str, toml: bool) -> dict[str, str]:
    """Top-level scalar keys of YAML or TOML front matter; enough for layout and markers."""
    values: dict[str, str] = {}
    for line in body.splitlines():
        if not line or line[0] in " \t#-[":
            continue
        match = _FM_LINE.match(line)
        if match:
            value = match.group(2).split(" #")[0].strip()
            if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
                value = value[1:-1]
            values[match.group(1)] = value
    return values
