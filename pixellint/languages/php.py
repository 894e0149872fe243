"""PHP: WordPress themes and plugins, Drupal `.theme`/`.module` files, plain PHP sites.

Include forms: `include`/`require` (with the directory expressions themes and plugins join paths
to), WordPress template tags and page hooks, first-party scripts `wp_enqueue_script` loads, and
Drupal `#attached` libraries; a form inside a PHP comment never counts. The JavaScript PHP code
prints (inline scripts, heredocs, `<script>` in strings) is handed to the JavaScript analysis
through the `scripts` hook (php_js.py)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import replace

from pixellint.languages import php_js
from pixellint.languages.base import Include, Kind, Language, Role, Span
from pixellint.languages.code import only_c_comments
from pixellint.languages.spans import HTML_COMMENT, JS_BLOCK_COMMENT, PHP, PHP_CODE_COMMENTS
from pixellint.mask import Region, blank_all, template_regions

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
_FUNCTION = r"(?<!->)(?<!::)\b"  # a function, not a method: `$request->get_header( 'origin' )`
# the directory a path is joined to: `__DIR__ . '/x.php'`, `dirname( __FILE__ ) . '/x.php'`,
# `get_template_directory() . '/inc/x.php'`, `plugin_dir_path( __FILE__ ) . 'includes/x.php'`,
# `MYPLUGIN_DIR . 'x.php'`, `$this->path . 'x.php'` (WordPress core's ABSPATH and WPINC are not
# the project's)
_CALL = (
    r"[\\\w]+(?:::\w+)?\s*\(\s*(?:__FILE__|__DIR__|[\\\w]+\s*\(\s*(?:__FILE__|__DIR__)?\s*\))?\s*\)"
)
_DIRECTORY = (
    r"(?:__DIR__|(?!ABSPATH\b|WPINC\b)[A-Z][A-Z0-9_]*\b|\$\w+(?:->\w+)*|" + _CALL + r")\s*\.\s*"
)
# functions that take a path below the theme: get_theme_file_path( 'inc/x.php' )
_THEME_PATH = r"(?:get_theme_file_path|get_parent_theme_file_path)\s*\(\s*"
INCLUDE = Include(
    _FUNCTION
    + r"(?:include|require)(?:_once)?\s*\(?\s*(?:"
    + _DIRECTORY
    + r")*(?:"
    + _THEME_PATH
    + r")?"
    + _Q,
    "include",
    "php",
    "",
    names=lambda match: _in_code(match, [(match.group(1), "include", "php")]),
)
# a first-party script a theme or plugin enqueues: wp_enqueue_script( 'h', get_template_directory_uri()
# . '/js/x.js' ), plugins_url( 'js/x.js', __FILE__ ), get_theme_file_uri( 'js/x.js' )
_URL_FUNCTION = r"(?:plugins_url|get_theme_file_uri|get_parent_theme_file_uri)\s*\(\s*"
_SCRIPT = r"""["'](?!https?:|//)([^"'\n{}?]+\.m?js)(?:\?[^"'\n]*)?["']"""
WP_ENQUEUE = Include(
    _FUNCTION
    + r"wp_(?:enqueue|register)_script\s*\(\s*[^,()]{1,200},\s*(?:"
    + _DIRECTORY
    + r")*(?:"
    + _URL_FUNCTION
    + r")?"
    + _SCRIPT,
    "wp_enqueue_script",
    "php",
    "_script",
    names=lambda match: _in_code(match, [(match.group(1), "wp_enqueue_script", "php")]),
)


def _in_code(
    match: re.Match[str], references: Iterable[tuple[str, str, str]]
) -> Iterable[tuple[str, str, str]]:
    """The references of a match, unless it sits in a PHP comment (`// require 'x.php';`, a
    docblock's "headers include 'accept'"): a comment never runs."""
    return () if _in_comment(match.string, match.start()) else references


_SPANS: tuple[str, list[tuple[int, int]]] | None = None


def _in_comment(text: str, offset: int) -> bool:
    global _SPANS
    if _SPANS is None or _SPANS[0] is not text:
        _SPANS = (text, _comments(text))
    spans = _SPANS[1]
    index = bisect.bisect_right(spans, (offset, len(text) + 1)) - 1
    return index >= 0 and spans[index][0] <= offset < spans[index][1]


def _comments(text: str) -> list[tuple[int, int]]:
    """(start, end) of every comment in the PHP code of `text`, in order."""
    spans: list[tuple[int, int]] = []
    for region in template_regions(text, LANGUAGE):
        if region.kind is not Role.COMMENT:
            spans.extend(php_js.comment_spans(text, *_inside(text, region)))
    return spans


def _wp_part(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    if _in_comment(match.string, match.start()):
        return
    func, variant = match.group(1), match.group(2)
    base = func.split("_")[1]
    yield (f"{base}-{variant}.php" if variant else f"{base}.php"), func, "wp"


def _template_part(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """`get_template_part('slug', 'name')` loads slug-name.php, else slug.php; with a computed
    name (`get_post_type()`, `$format`) it can be any slug-*.php, or slug.php."""
    slug, variant, computed = match.group(1), match.group(2), match.group(3)
    if _in_comment(match.string, match.start()):
        return
    if computed:
        yield f"{slug}*.php", "get_template_part", "glob"
        return
    name = f"{slug}-{variant}.php|{slug}.php" if variant else f"{slug}.php"
    yield name, "get_template_part", "wp"


WP_PARTS = Include(
    _FUNCTION + r"(get_header|get_footer|get_sidebar)\s*\(\s*(?:" + _Q + r")?\s*\)",
    "wp",
    "wp",
    "get_",
    names=_wp_part,
)
WP_TEMPLATE_PART = Include(
    _FUNCTION + r"get_template_part\s*\(\s*" + _Q + r"(?:\s*,\s*(?:" + _Q + r"|([$\w])))?",
    "get_template_part",
    "wp",
    "get_template_part",
    names=_template_part,
)
# comments_template() loads the theme's comments.php (or the file it names)
WP_COMMENTS = Include(
    _FUNCTION + r"comments_template\s*\(\s*(?:" + _Q + r")?",
    "comments_template",
    "wp",
    "comments_template",
    names=lambda match: _in_code(
        match, [(match.group(1) or "comments.php", "comments_template", "wp")]
    ),
)
# the hooks a theme's templates fire: everything a theme or plugin hooks on them runs there
# (conventions/wordpress.py links the files that hook them); functions.php is always loaded
WP_HOOKS = Include(
    _FUNCTION + r"(wp_head|wp_footer|wp_body_open)\s*\(\s*\)",
    "hook",
    "wp",
    "wp_",
    names=lambda match: _in_code(match, [("functions.php", match.group(1), "wp")]),
)

# Drupal: a library attached in a .theme/.module file (hook_preprocess_*, hook_page_attachments)
_LIBRARY_NAMES = r"""((?:["'][\w.-]+/[\w.-]+["']\s*,?\s*)+)"""
_ARRAY = r"(?:\[|array\s*\()\s*"


def _libraries(match: re.Match[str]) -> Iterable[tuple[str, str, str]]:
    """Each `extension/library` named (Drupal core's own libraries hold no tracker)."""
    if _in_comment(match.string, match.start()):
        return
    names = match.group(1) or match.group(2) or ""
    for name in re.findall(r"""["']([\w.-]+/[\w.-]+)["']""", names):
        if not name.startswith("core/"):
            yield name, "#attached", "drupal-library"


DRUPAL_ATTACHED = Include(
    # $variables['#attached']['library'][] = 'mytheme/gtm';
    r"""\[\s*["']#attached["']\s*\]\s*\[\s*["']library["']\s*\]\s*(?:\[\s*\]\s*)?=\s*(?:"""
    + _ARRAY
    + r")?"
    + _LIBRARY_NAMES
    # '#attached' => ['drupalSettings' => [...], 'library' => ['mytheme/gtm']]
    + r"""|["']#attached["']\s*=>\s*"""
    + _ARRAY
    + r"""[^;]{0,400}?["']library["']\s*=>\s*"""
    + _ARRAY
    + _LIBRARY_NAMES,
    "#attached",
    "drupal-library",
    "#attached",
    names=_libraries,
)
INCLUDES = (
    INCLUDE,
    WP_PARTS,
    WP_TEMPLATE_PART,
    WP_COMMENTS,
    WP_HOOKS,
    WP_ENQUEUE,
    DRUPAL_ATTACHED,
)


def _code_spans(text: str) -> list[tuple[int, int]]:
    """The PHP code of each `<?php ... ?>` block that runs: not a comment-only block, not a
    block inside an HTML comment (what it prints is commented out)."""
    regions = template_regions(text, LANGUAGE)
    live = [r for r in regions if r.kind is not Role.COMMENT]
    if not live:
        return []
    outside = blank_all(text, [(r.start, r.end) for r in regions]) if "<!--" in text else ""
    comments = [m.span() for m in _HTML_COMMENTS.finditer(outside)]
    starts = [start for start, _ in comments]
    spans = []
    for region in live:
        index = bisect.bisect_right(starts, region.start) - 1
        if index >= 0 and region.start < comments[index][1]:
            continue
        spans.append(_inside(text, region))
    return spans


_HTML_COMMENTS = re.compile(r"<!--.*?(?:-->|\Z)", re.S)
# what makes a PHP string JavaScript that runs: a <script> in it, a heredoc, a script sink
_PRINTS_SCRIPT = re.compile(r"<script|</script|<<<|inline_script|#value|drupal_add_js", re.I)


def _inside(text: str, region: Region) -> tuple[int, int]:
    opener = _OPENER.match(text, region.start)
    start = opener.end() if opener else region.start
    end = region.end - 2 if text.startswith("?>", region.end - 2) else region.end
    return start, max(start, end)


def without_comments(text: str) -> str:
    """The text with every PHP comment blanked (same length): `// add_action( 'wp_head', ... )`
    and a comment-only `<?php /* ... */ ?>` block do not run."""
    regions = template_regions(text, LANGUAGE)
    spans = [(r.start, r.end) for r in regions if r.kind is Role.COMMENT]
    for region in regions:
        if region.kind is not Role.COMMENT:
            spans.extend(php_js.comment_spans(text, *_inside(text, region)))
    return blank_all(text, sorted(spans))


_LAST: tuple[str, list[tuple[int, int, str]]] | None = None


def scripts(text: str) -> list[tuple[int, int, str]]:
    """The JavaScript that the PHP code prints (see php_js): inline scripts handed to
    `wp_add_inline_script`, heredocs, `<script>` elements in echoed strings. Memoised for the
    last text (the detector asks twice: for the scripts, and to skip their URLs in the code)."""
    global _LAST
    if _LAST is not None and _LAST[0] is text:
        return _LAST[1]
    found = php_js.javascript(text, _code_spans(text)) if _PRINTS_SCRIPT.search(text) else []
    _LAST = (text, found)
    return found


LANGUAGE = Language(
    "php",
    Kind.MARKUP,
    (".php", ".phtml", ".theme", ".module", ".inc"),
    spans=(PHP_BLOCK,),
    comments=(HTML_COMMENT, JS_BLOCK_COMMENT, PHP_LINE_COMMENT, PHP_HASH_COMMENT),
    includes=INCLUDES,
    embeds_in=("html",),
    analyse_text=lambda text: "<?php" in text or "<?=" in text,
    hints=("<?",),
    scripts=scripts,
    description="PHP: WordPress themes and plugins, Drupal .theme/.module files",
    code_comments=PHP_CODE_COMMENTS,
)
