"""Tables derived from the language list: which language a file is in, the composite language of
an `.html` file whose content uses template syntax, and the pre-commit file filter."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from pixellint.languages.all_languages import DATA, LANGUAGES
from pixellint.languages.base import Language
from pixellint.prefilter import Literals

BY_NAME: dict[str, Language] = {language.name: language for language in (*LANGUAGES, DATA)}


@cache
def _by_extension() -> dict[str, Language]:
    table: dict[str, Language] = {}
    for language in LANGUAGES:
        for extension in language.extensions:
            if extension in table:
                raise ValueError(
                    f"{extension} is claimed by {table[extension].name} and {language.name}"
                )
            table[extension] = language
    return table


@cache
def _guests() -> dict[str, tuple[Language, ...]]:
    """Host language name -> the languages whose syntax may sit in its files."""
    guests: dict[str, list[Language]] = {}
    for language in LANGUAGES:
        for host in language.embeds_in:
            guests.setdefault(host, []).append(language)
    return {host: tuple(found) for host, found in guests.items()}


@cache
def _hints(host: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(h for guest in _guests().get(host, ()) for h in guest.hints))


@cache
def _finder(host: str) -> Literals[str]:
    return Literals({hint: (hint,) for hint in _hints(host)}, exact=True)


def _present(host: str, text: str) -> set[str]:
    """The guest syntax hints `text` holds, found in one pass (pixellint.prefilter)."""
    if not _hints(host):
        return set()
    return {hints[0] for _, hints in _finder(host).find(text)}


def by_path(path: str) -> Language | None:
    """The language a file name says (the longest matching extension: `.blade.php` over `.php`)."""
    name = path.rsplit("/", 1)[-1].lower()
    table = _by_extension()
    dot = name.find(".", 1)
    while dot >= 0:
        found = table.get(name[dot:])
        if found is not None:
            return found
        dot = name.find(".", dot + 1)
    return None


def for_text(language: Language, text: str) -> Language:
    """The language to read `text` with: the file's own, joined by every guest syntax it uses.
    Each distinct hint is looked for once; a guest's own test runs only when its hint is there."""
    guests = _guests().get(language.name)
    if not guests:
        return language
    present = _present(language.name, text)
    if not present:
        return language
    claimed = tuple(
        guest.name
        for guest in guests
        if (not guest.hints or present.intersection(guest.hints))
        and (guest.analyse_text is None or guest.analyse_text(text))
    )
    return _joined(language.name, claimed) if claimed else language


@cache
def _joined(host: str, guests: tuple[str, ...]) -> Language:
    base = BY_NAME[host]
    members = [base, *(BY_NAME[g] for g in guests)]
    spans = sorted({s.name: s for m in members for s in m.spans}.values(), key=lambda s: s.priority)
    comments = {s.name: s for m in members for s in m.comments}
    includes = list(dict.fromkeys(i for m in members for i in m.includes))
    return replace(
        base,
        name="+".join((host, *guests)),
        spans=tuple(spans),
        comments=tuple(comments.values()),
        includes=tuple(includes),
        code_comments=next((m.code_comments for m in members if m.code_comments), ""),
    )


def language(name: str) -> Language:
    """A language by name, including joined ones ('html+jinja')."""
    host, *guests = name.split("+")
    return _joined(host, tuple(guests)) if guests else BY_NAME[host]
