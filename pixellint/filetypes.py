"""Which files pixellint reads, from the two registries: languages by extension, conventions by
path (Shopify JSON templates, Eleventy data files). The file walk and the pre-commit filter both
come from here, so they cannot disagree."""

from __future__ import annotations

import re

from pixellint.config import CONFIG_FILES
from pixellint.conventions import registry as conventions
from pixellint.languages import registry as languages
from pixellint.languages.all_languages import LANGUAGES


def is_read(rel: str) -> bool:
    return languages.by_path(rel) is not None or conventions.is_data_file(rel)


def precommit_files() -> str:
    """The hooks' `files:` regex: every extension read, the conventions' data files, and the
    config files (a change to the config changes what is sensitive)."""
    last = sorted({e.rsplit(".", 1)[-1] for language in LANGUAGES for e in language.extensions})
    suffixes = "|".join(re.escape(e) for e in last)
    configs = "|".join(re.escape(name) for name in CONFIG_FILES)
    return (
        rf"(?i)\.(?:{suffixes})$"
        rf"|{conventions.data_files_regex()}"
        rf"|(?:^|/)(?:{configs})$"
    )
