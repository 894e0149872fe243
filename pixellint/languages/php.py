"""PHP templates (WordPress themes and plugins, plain PHP sites)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.code import only_c_comments
from pixellint.languages.spans import HTML_COMMENT, JS_BLOCK_COMMENT, PHP, PHP_CODE_COMMENTS

_OPENER = re.compile(r"<\?(?:php\b|=)?")


def _php_role(source: str) -> Role:
    """A `<?php ... ?>` block holding only comments never runs: it is a comment (its markers
    count, and an include or tracker URL written in it is not code)."""
    opener = _OPENER.match(source)
    body = source[opener.end() :] if opener else source
    if body.endswith("?>"):
        body = body[:-2]
    if only_c_comments(body, hash_comments=True):
        return Role.COMMENT
    return PHP.role_of(source)


PHP_BLOCK = replace(PHP, classify=_php_role, closers=(r"\?>",))
# PHP's one-line comments end at the end of the line or at `?>`, whichever comes first; `#` may
# follow code on the same line (`<?php # note ?>`), `#[` is an attribute.
PHP_LINE_COMMENT = Span(
    "php_line_comment",
    "//",
    r"(?<![:\"'\\])//(?:(?!\?>)[^\n])*",
    Role.COMMENT,
    81,
    closers=(r"\?>",),
)
PHP_HASH_COMMENT = Span(
    "php_hash_comment", "#", r"(?<![&\w])#(?![\[{])(?:(?!\?>)[^\n])*", Role.COMMENT, 82
)

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
    """`get_template_part('slug', 'name')` loads slug-name.php, else slug.php; with a computed
    name (`get_post_type()`, `$format`) it can be any slug-*.php, or slug.php."""
    slug, variant, computed = match.group(1), match.group(2), match.group(3)
    if computed:
        yield f"{slug}*.php", "get_template_part", "glob"
        return
    name = f"{slug}-{variant}.php|{slug}.php" if variant else f"{slug}.php"
    yield name, "get_template_part", "wp"


WP_PARTS = Include(
    r"\b(get_header|get_footer|get_sidebar)\s*\(\s*(?:" + _Q + r")?\s*\)",
    "wp",
    "wp",
    "get_",
    names=_wp_part,
)
WP_TEMPLATE_PART = Include(
    r"\bget_template_part\s*\(\s*" + _Q + r"(?:\s*,\s*(?:" + _Q + r"|([$\w])))?",
    "get_template_part",
    "wp",
    "get_template_part",
    names=_template_part,
)
# comments_template() loads the theme's comments.php (or the file it names)
WP_COMMENTS = Include(
    r"\bcomments_template\s*\(\s*(?:" + _Q + r")?",
    "comments_template",
    "wp",
    "comments_template",
    names=lambda match: [(match.group(1) or "comments.php", "comments_template", "wp")],
)
WP_HOOKS = Include(
    r"\b(wp_head|wp_footer)\s*\(\s*\)",
    "hook",
    "wp",
    "wp_",
    names=lambda match: [("functions.php", match.group(1), "wp")],
)
INCLUDES = (INCLUDE, WP_PARTS, WP_TEMPLATE_PART, WP_COMMENTS, WP_HOOKS)

LANGUAGE = Language(
    "php",
    Kind.MARKUP,
    (".php", ".phtml"),
    spans=(PHP_BLOCK,),
    comments=(HTML_COMMENT, JS_BLOCK_COMMENT, PHP_LINE_COMMENT, PHP_HASH_COMMENT),
    includes=INCLUDES,
    embeds_in=("html",),
    analyse_text=lambda text: "<?php" in text or "<?=" in text,
    hints=("<?",),
    description="PHP, WordPress",
    code_comments=PHP_CODE_COMMENTS,
)
