"""Building the HTML a line-oriented language (Pug, HAML, Slim) stands for, piece by piece, with
the original offset of every piece so that positions stay exact."""

from __future__ import annotations

import re

from pixellint.languages.base import Role, View
from pixellint.mask import fill


class ViewBuilder:
    """Appends generated HTML (`emit`) and copied original text (`copy`); `build` gives the View."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._source: list[str] = []
        self._masked: list[str] = []
        self._pieces: list[tuple[int, int, int, bool]] = []
        self._regions: list[tuple[int, int, Role]] = []
        self._comments: list[tuple[int, int]] = []
        self._length = 0

    def emit(self, generated: str, anchor: int) -> None:
        """Generated text (`<script `, `>`, `</script>`) that stands for the original at `anchor`.
        Anchor an opening piece at the construct's first character and a closing piece (`>`,
        an end tag) at the construct's exclusive end: reported spans then end where it ends."""
        if not generated:
            return
        self._pieces.append((self._length, anchor, len(generated), False))
        self._source.append(generated)
        self._masked.append(generated)
        self._length += len(generated)

    def copy(self, start: int, end: int, holes: re.Pattern[str] | None = None) -> None:
        """Original text copied exactly; matches of `holes` (interpolations such as `#{x}`) are
        masked as template output, so JavaScript and URLs around them still parse."""
        if end <= start:
            return
        chunk = self.text[start:end]
        masked = chunk
        if holes is not None:
            parts: list[str] = []
            last = 0
            for match in holes.finditer(chunk):
                parts.append(chunk[last : match.start()])
                parts.append(fill(match.group(), "_"))
                at = self._length + match.start()
                self._regions.append((at, at + len(match.group()), Role.OUTPUT))
                last = match.end()
            parts.append(chunk[last:])
            masked = "".join(parts)
        self._pieces.append((self._length, start, end - start, True))
        self._source.append(chunk)
        self._masked.append(masked)
        self._length += end - start

    def output(self, start: int, end: int) -> None:
        """A template expression printed into the page (`= expr`, `#{x}`): masked as output."""
        if end <= start:
            return
        chunk = self.text[start:end]
        self._pieces.append((self._length, start, end - start, True))
        self._regions.append((self._length, self._length + len(chunk), Role.OUTPUT))
        self._source.append(chunk)
        self._masked.append(fill(chunk, "_"))
        self._length += end - start

    def comment(self, start: int, end: int) -> None:
        """A template comment in the original (never rendered; includes in it never run)."""
        self._comments.append((start, end))

    def build(self) -> View:
        return View(
            source="".join(self._source),
            masked="".join(self._masked),
            pieces=tuple(self._pieces),
            regions=tuple(self._regions),
            comments=tuple(sorted(self._comments)),
        )
