"""MDX (Docusaurus, Next.js, Astro content): Markdown with JSX and ESM.

As Markdown, code fences and code spans are text, never code (document.prepare blanks them).
`{/* ... */}` is a JSX comment (markers, suppressions); any other `{...}` is a JavaScript
expression whose value is printed (masked as template output, its strings read for tracker
URLs). `import`/`export` statements at the start of a block, outside fences, are ESM: they run
with the page, so they are handed to the JavaScript analysis (`import ReactGA from 'react-ga4'`,
`export const ...`), and an import of a project file is a graph edge (kind "import").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.spans import HASH_COMMENT, MARKUP_COMMENTS, comment

# a JSX comment, ending at the first `*/` (a `{/*` inside it is text); linear (spans.comment)
JSX_COMMENT = Span(
    "jsx_comment",
    "{",
    comment(r"\{[ \t]*/\*", r"\*/[ \t]*\}", stop=r"\*/"),
    Role.COMMENT,
    15,
    closers=(r"\*/\s*\}",),
)
# an expression: braces balanced four deep (a JSX attribute object, an arrow function body);
# each alternative starts with a different character, so a failed match backtracks linearly
_DEPTH1 = r"\{[^{}]*\}"
_DEPTH2 = r"\{(?:[^{}]|" + _DEPTH1 + r")*\}"
_DEPTH3 = r"\{(?:[^{}]|" + _DEPTH2 + r")*\}"
JSX_EXPRESSION = Span(
    "jsx_expression", "{", r"(?<!\\)\{(?:[^{}]|" + _DEPTH3 + r")*\}", Role.OUTPUT, 30
)

# --- ESM blocks -----------------------------------------------------------------------------------
# candidates: a line opening or closing a fence, or a line starting with `import`/`export` and
# whitespace (MDX: not indented, not `import(`, not `import.meta`)
_LINE = re.compile(
    r"^(?:(?P<esm>(?:import|export)(?=[ \t{*]))|(?P<fence> {0,3}(?:`{3,}|~{3,})))", re.M
)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?:.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.S)
_BLANK_LINE = re.compile(r"\n[ \t]*(?:\r?\n|\Z)")
_OPEN = re.compile(r"[{(\[]")
_CLOSE = re.compile(r"[})\]]")
_LAST: tuple[str, list[tuple[int, int]]] | None = None


def esm_blocks(text: str) -> list[tuple[int, int]]:
    """(start, end) of each ESM block: from `import`/`export` at the start of a line that opens a
    block (after a blank line, the front matter or the start), outside code fences, to the next
    blank line where its brackets are closed. Memoised for the last text (the scripts hook and
    the include forms read the same string)."""
    global _LAST
    if _LAST is not None and _LAST[0] is text:
        return _LAST[1]
    blocks: list[tuple[int, int]] = []
    front = _FRONT_MATTER.match(text)
    begin = front.end() if front else 0
    fence: str | None = None
    done = begin
    for match in _LINE.finditer(text, begin):
        start = match.start()
        if start < done:
            continue
        if match.group("fence"):
            fence = _fence_state(text, match, fence)
        elif fence is None and _opens_block(text, start, begin):
            end = _esm_end(text, start)
            blocks.append((start, end))
            done = end
    _LAST = (text, blocks)
    return blocks


def _fence_state(text: str, match: re.Match[str], fence: str | None) -> str | None:
    """The fence open after this fence line: a closing line is the same character, at least as
    long, and nothing else."""
    marker = match.group("fence").lstrip(" ")
    line_end = text.find("\n", match.end())
    rest = text[match.end() : len(text) if line_end < 0 else line_end].strip()
    if fence is None:
        return marker
    if marker[0] == fence[0] and len(marker) >= len(fence) and not rest.strip(marker[0]):
        return None
    return fence


def _opens_block(text: str, start: int, begin: int) -> bool:
    if start == begin:
        return True
    previous = text.rfind("\n", 0, start - 1)
    return not text[previous + 1 : start].strip()


def _esm_end(text: str, start: int) -> int:
    """The end of the ESM block at `start`: a blank line where the brackets it opened are closed
    (or the end of the file); the trailing line break is not part of it."""
    pos = start
    depth = 0
    while True:
        blank = _BLANK_LINE.search(text, pos)
        end = blank.start() if blank else len(text)
        chunk = text[pos:end]
        depth += len(_OPEN.findall(chunk)) - len(_CLOSE.findall(chunk))
        if blank is None or depth <= 0:
            return end - 1 if end > start and text[end - 1] == "\r" else end
        pos = end + 1


def scripts(text: str) -> list[tuple[int, int]]:
    """The JavaScript of an MDX file outside any <script>: its ESM blocks."""
    if "import" not in text and "export" not in text:
        return []
    return esm_blocks(text)


# --- include form: import of a project file -------------------------------------------------------
_LOCAL = ("./", "../", "@site/", "@/", "~/")
_IMPORT = (
    r"^(?:import|export)(?=[ \t{*])((?:(?!\n[ \t]*\r?\n|\n(?:import|export)\b)[^'\";])*?)"
    r"(['\"])([^'\"\n]+)\2"
)
_FROM = re.compile(r"(?:^|\s|\})from\s*$")


def _import_names(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """A project file an ESM statement imports (`import X from './X'`, `import './x.css'`,
    `export {default} from '@site/src/...'`); packages are not files of the project."""
    body, name = match.group(1).strip(), match.group(3).strip()
    if body and not _FROM.search(body):
        return
    if not name.startswith(_LOCAL) or not _in_esm(match.string, match.start()):
        return
    yield name, "import", "mdx-import"


def _in_esm(text: str, offset: int) -> bool:
    blocks = esm_blocks(text)
    index = bisect.bisect_right(blocks, (offset, len(text) + 1)) - 1
    return index >= 0 and blocks[index][0] <= offset < blocks[index][1]


IMPORT = Include(_IMPORT, "import", "mdx-import", "port", re.M, names=_import_names)

LANGUAGE = Language(
    "mdx",
    Kind.MARKDOWN,
    (".mdx",),
    spans=(JSX_COMMENT, JSX_EXPRESSION),
    comments=(*MARKUP_COMMENTS, HASH_COMMENT),
    includes=(IMPORT,),
    scripts=scripts,
    grammar="javascript",
    description="MDX (Docusaurus, Next.js): Markdown, JSX expressions and ESM",
    jsx=True,
)
