"""Which files pixellint reads, from the two registries: languages by extension, conventions by
path (Shopify JSON templates, Eleventy data files). The file walk and the pre-commit filter both
come from here, so they cannot disagree."""

from __future__ import annotations

import re

from pixellint.conventions import registry as conventions
from pixellint.languages import registry as languages
from pixellint.languages.all_languages import LANGUAGES
from pixellint.project import WHOLE_PROJECT_TRIGGERS


def is_read(rel: str) -> bool:
    return languages.by_path(rel) is not None or conventions.is_data_file(rel)


def precommit_files() -> str:
    """The hooks' `files:` regex: every extension read, the conventions' data files, and the
    files that configure a project (a change to the config or to .gitignore changes what is
    sensitive or scanned, so the hook then judges the whole project)."""
    every = {e.lstrip(".") for language in LANGUAGES for e in language.extensions}
    suffixes = "|".join(re.escape(e) for e in sorted(every) if not _covered(e, every))
    configs = "|".join(re.escape(name) for name in sorted(WHOLE_PROJECT_TRIGGERS))
    return (
        rf"(?i)\.(?:{suffixes})$"
        rf"|{conventions.data_files_regex()}"
        rf"|(?:^|/)(?:{configs})$"
    )


def _covered(extension: str, every: set[str]) -> bool:
    """`html.erb` needs no alternative of its own when `erb` is read; `libraries.yml` does, since
    `.yml` is not."""
    last = extension.rsplit(".", 1)[-1]
    return last != extension and last in every


def markdown() -> str:
    """docs/languages.md: what is read and which conventions apply, generated from the registries
    (a test keeps it current)."""
    from pixellint.conventions.all_conventions import CONVENTIONS

    lines = [
        "# Languages and conventions",
        "",
        "Generated from `pixellint/languages/all_languages.py` and",
        "`pixellint/conventions/all_conventions.py`; each row is one module.",
        "",
        "| language | files | also claimed inside | what it reads | include forms |",
        "|---|---|---|---|---|",
    ]
    for lang in LANGUAGES:
        files = ", ".join(f"`{e}`" for e in lang.extensions) or "-"
        hosts = ", ".join(lang.embeds_in) or "-"
        kinds = ", ".join(dict.fromkeys(i.kind for i in lang.includes)) or "-"
        lines.append(f"| {lang.name} | {files} | {hosts} | {lang.description} | {kinds} |")
    lines += ["", "| convention | resolves | wraps | reads |", "|---|---|---|---|"]
    for convention in CONVENTIONS:
        resolves = ", ".join(f"`{how}`" for how, _ in convention.resolvers) or "-"
        wraps = "yes" if convention.wraps else "-"
        reads = f"`{convention.data_files}`".replace("|", "\\|") if convention.data_files else "-"
        lines.append(
            f"| {convention.name}: {convention.description} | {resolves} | {wraps} | {reads} |"
        )
    return "\n".join(lines) + "\n"
