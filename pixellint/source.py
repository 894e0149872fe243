"""Reading files safely: decoding (BOM, <meta charset>, fallbacks) and exact 1-based positions."""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass

from pixellint.lazyre import lazy

BINARY_SNIFF = 8192
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]{2,40})""", re.IGNORECASE
)
_LINE_BREAK = lazy(r"\r\n|\r|\n")


class UnreadableFile(Exception):
    """The file cannot be scanned as text; the message says why."""


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str = ""  # non-empty when decoding needed a fallback


def decode(data: bytes) -> Decoded:
    """Decode like a browser would: BOM first, then UTF-8, then a declared charset, then cp1252."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict_or_replace(data[3:], "utf-8")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return _strict_or_replace(data[2:], name)
    if b"\x00" in data[:BINARY_SNIFF]:
        raise UnreadableFile("binary file (contains NUL bytes)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    declared = _declared_charset(data)
    if declared and declared not in {"utf-8", "utf8"}:
        try:
            return Decoded(data.decode(declared), declared)
        except (LookupError, UnicodeDecodeError):
            pass
    text = data.decode("cp1252", errors="replace")
    return Decoded(
        text,
        "cp1252",
        f"not valid UTF-8 (byte {utf8_error.start}); decoded as cp1252, positions may be approximate",
    )


def _strict_or_replace(data: bytes, encoding: str) -> Decoded:
    try:
        return Decoded(data.decode(encoding), encoding)
    except UnicodeDecodeError as exc:
        return Decoded(
            data.decode(encoding, errors="replace"),
            encoding,
            f"invalid {encoding} at byte {exc.start}; undecodable bytes replaced",
        )


def _declared_charset(data: bytes) -> str | None:
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii").lower()
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


class LineIndex:
    """Turns string offsets into 1-based (line, column); CRLF and lone CR count as one break.

    Built on first use: most files never report a position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None

    @property
    def starts(self) -> list[int]:
        if self._starts is None:
            if "\r" in self.text:
                self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.text))]
            else:
                starts = [0]
                find = self.text.find
                at = find("\n")
                while at >= 0:
                    starts.append(at + 1)
                    at = find("\n", at + 1)
                self._starts = starts
        return self._starts

    def position(self, offset: int) -> tuple[int, int]:
        offset = max(0, min(offset, len(self.text)))
        starts = self.starts
        line = bisect.bisect_right(starts, offset) - 1
        return line + 1, offset - starts[line] + 1

    def line_text(self, line: int) -> str:
        starts = self.starts
        start = starts[line - 1]
        end = starts[line] if line < len(starts) else len(self.text)
        return self.text[start:end].rstrip("\r\n")


class MappedLines:
    """Positions for text a language generated (Pug read as HTML): each offset in the generated
    text is mapped to the original offset it came from, then to the original line and column."""

    def __init__(self, lines: LineIndex, pieces: tuple[tuple[int, int, int, bool], ...]) -> None:
        self.lines = lines
        self.pieces = pieces
        self._starts = [piece[0] for piece in pieces]

    def origin(self, offset: int) -> int:
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return 0
        view_start, original, length, exact = self.pieces[index]
        if exact:
            return original + min(offset - view_start, length)
        return original

    def position(self, offset: int) -> tuple[int, int]:
        return self.lines.position(self.origin(offset))

    def line_text(self, line: int) -> str:
        return self.lines.line_text(line)
