"""PHP templates (WordPress themes and plugins, plain PHP sites)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.languages.base import Include, Kind, Language
from pixellint.languages.spans import HASH_COMMENT, MARKUP_COMMENTS, PHP

_Q = r"""["']([^"'\n{}]+)["']"""
INCLUDE = Include(
    r"\b(?:include|require)(?:_once)?\s*\(?\s*(?:__DIR__\s*\.\s*|get_template_directory\(\)\s*\.\s*"
    r"|dirname\(__FILE__\)\s*\.\s*)?" + _Q,
    "include",
    "php",
    "",
)


def _wp_part(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    func, variant = match.group(1), match.group(2)
    base = func.split("_")[1]
    yield (f"{base}-{variant}.php" if variant else f"{base}.php"), func, "wp"


def _template_part(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    slug, variant = match.group(1), match.group(2)
    name = f"{slug}-{variant}.php|{slug}.php" if variant else f"{slug}.php"
    yield name, "get_template_part", "wp"


WP_PARTS = Include(
    r"\b(get_header|get_footer|get_sidebar)\s*\(\s*(?:" + _Q + r")?\s*\)", "wp", "wp", "get_", names=_wp_part
)
WP_TEMPLATE_PART = Include(
    r"\bget_template_part\s*\(\s*" + _Q + r"(?:\s*,\s*" + _Q + r")?",
    "get_template_part",
    "wp",
    "get_template_part",
    names=_template_part,
)
WP_HOOKS = Include(
    r"\b(wp_head|wp_footer)\s*\(\s*\)",
    "hook",
    "wp",
    "wp_",
    names=lambda match: [("functions.php", match.group(1), "wp")],
)
INCLUDES = (INCLUDE, WP_PARTS, WP_TEMPLATE_PART, WP_HOOKS)

LANGUAGE = Language(
    "php",
    Kind.MARKUP,
    (".php", ".phtml"),
    spans=(PHP,),
    comments=(*MARKUP_COMMENTS, HASH_COMMENT),
    includes=INCLUDES,
    embeds_in=("html",),
    analyse_text=lambda text: "<?php" in text or "<?=" in text,
    hints=("<?",),
    identify=("php",),
    description="PHP, WordPress",
)
