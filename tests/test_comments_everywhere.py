"""A tracker inside a comment is never a load, in every template language pixellint reads.

Each case is a file with a tracker in one comment form and a slot, `@@`, where the same tracker
is written live. With the slot empty nothing is found; with the tracker in it, exactly that one
is found, at the slot's exact 1-based line and column. So no case can pass by finding nothing,
and masking a comment never moves a position (also with CRLF line ends and a BOM).
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from conftest import assert_linear, sightings

from pixellint import api

FB_URL = "https://connect.facebook.net/en_US/fbevents.js"
FB = f'<script src="{FB_URL}"></script>'
SDK_URL = "https://connect.facebook.net/en_US/sdk.js"
SDK = f'<script src="{SDK_URL}"></script>'
GA = '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>'
HUGO_GA = '{{ template "_internal/google_analytics.html" . }}'
SLOT = "@@"


@dataclass(frozen=True)
class Case:
    path: str
    text: str  # the tracker in a comment, and a slot where it is written live
    live: str  # what goes in the slot
    tracker: str
    starts: str = ""  # where in `live` the sighting starts (a URL in code): its first character


def position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of `offset`: a line ends at \\n, \\r\\n or \\r."""
    before = text[:offset].replace("\r\n", "\n").replace("\r", "\n")
    line = before.count("\n") + 1
    return line, len(before) - before.rfind("\n")


CASES: dict[str, Case] = {
    # --- PHP ------------------------------------------------------------------------------------
    "php: // comment holding an echoed script": Case(
        "theme/header.php",
        "<?php\n$id = '1';\n// echo '" + SDK + "';\necho '@@';\n?>\n<p>x</p>\n",
        SDK,
        "facebook-sdk",
        SDK_URL,
    ),
    "php: # comment holding an echoed script": Case(
        "theme/header.php",
        "<?php\n$id = '1';\n# echo '" + SDK + "';\necho '@@';\n?>\n",
        SDK,
        "facebook-sdk",
        SDK_URL,
    ),
    "php: /* */ block holding a snippet string": Case(
        "theme/header.php",
        "<?php\n$id = '1';\n/*\n$snippet = '" + FB + "';\necho $snippet;\n*/\necho '@@';\n?>\n",
        FB,
        "meta-pixel",
        FB_URL,
    ),
    "php: // comment holding an enqueued URL": Case(
        "theme/functions.php",
        "<?php\n// wp_enqueue_script( 'fb', '" + FB_URL + "' );\n"
        "wp_enqueue_script( 'fb', '@@' );\n",
        FB_URL,
        "meta-pixel",
    ),
    "php: # and /* */ comments holding enqueued URLs": Case(
        "theme/functions.php",
        "<?php\n$x = 1; # wp_enqueue_script( 'fb', '" + FB_URL + "' );\n"
        "/* wp_enqueue_script( 'fb', '" + FB_URL + "' ); */\n"
        "wp_enqueue_script( 'fb', '@@' );\n",
        FB_URL,
        "meta-pixel",
    ),
    "php: // after a string over two lines": Case(
        "theme/header.php",
        "<?php\n$sql = 'SELECT 1\n  FROM t'; // echo '" + FB + "';\necho '@@';\n?>\n",
        FB,
        "meta-pixel",
        FB_URL,
    ),
    "php: // after a heredoc holding an apostrophe": Case(
        "theme/header.php",
        "<?php\n$note = <<<TXT\nDon't\nTXT;\n// echo '" + FB + "';\necho '@@';\n?>\n",
        FB,
        "meta-pixel",
        FB_URL,
    ),
    "php: docblock holding a <?php ?> example": Case(
        "theme/inc/pixel.php",
        "<?php\n/**\n * Prints the pixel. Usage: <?php mytheme_pixel(); ?>\n * It loads "
        + FB
        + "\n */\nfunction mytheme_pixel() {}\n?>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "php: ?> inside a /* */ comment does not end PHP": Case(
        "theme/header.php",
        "<?php\n/* old: echo '?>'; echo '" + FB + "'; */\n$x = 1;\n?>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "php: ?> inside a string does not end PHP": Case(
        "theme/header.php",
        "<?php\n$end = '?>';\n// echo '" + FB + "';\n?>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "php: <?xml ?> inside a string": Case(
        "theme/feed.php",
        "<?php\necho '<?xml version=\"1.0\"?>';\n// echo '" + FB + "';\n?>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "php: ?> ends a // comment, the rest of the line is HTML": Case(
        "theme/header.php", "<body>\n<p><?php $x = 1; // old pixel ?>@@</p>\n", FB, "meta-pixel"
    ),
    "php: ?> ends a # comment, the rest of the line is HTML": Case(
        "theme/header.php", "<?php\n$x = 1; # old pixel ?>@@\n", FB, "meta-pixel"
    ),
    "php: ?> inside a heredoc, an escaped quote or a nowdoc does not end PHP": Case(
        "theme/header.php",
        "<?php\n$a = <<<HTML\n?>\nHTML;\n$b = 'it\\'s ?>';\n$c = <<<'JS'\nit's ?>\nJS;\n"
        "#[Attribute]\n// echo '" + FB + "';\n?>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "php: a comment-only block in a <script>": Case(
        "theme/footer.php",
        "<script>\n<?php /* fbq('init', '123456789012345'); */ ?>\n</script>\n@@\n",
        FB,
        "meta-pixel",
    ),
    # --- Django, Jinja, Nunjucks ----------------------------------------------------------------
    'django: {% comment "a note" %}': Case(
        "templates/base.html",
        '{% comment "pixel, off for now" %}\n' + FB + "\n{% endcomment %}\n{% block x %}@@\n",
        FB,
        "meta-pixel",
    ),
    "django: {% comment %}": Case(
        "templates/base.html",
        "{% comment %}\n" + FB + "\n{% endcomment %}\n{% block x %}@@\n",
        FB,
        "meta-pixel",
    ),
    "django: {%- comment -%} with trim markers": Case(
        "templates/base.html",
        "{%- comment -%}" + FB + "{%- endcomment -%}\n{% block x %}@@\n",
        FB,
        "meta-pixel",
    ),
    'django: {% comment "50% off" %} (a % in the note)': Case(
        "templates/base.html",
        '{% comment "50% off banner" %}\n' + FB + "\n{% endcomment %}\n{% block x %}@@\n",
        FB,
        "meta-pixel",
    ),
    "django: a comment holding a {% comment %} (the first endcomment closes)": Case(
        "templates/base.html",
        "{% comment %}\n" + FB + "\n{% comment %}old{% endcomment %}\n{% block x %}@@\n",
        FB,
        "meta-pixel",
    ),
    "jinja: {# #}": Case("templates/base.j2", "{# " + FB + " #}\n@@\n", FB, "meta-pixel"),
    "jinja: {# #} over lines, in .html": Case(
        "templates/base.html", "{#\n" + FB + "\n#}\n{{ title }}\n@@\n", FB, "meta-pixel"
    ),
    "jinja: {# #} holding a {# (the first #} closes)": Case(
        "templates/base.njk", "{#\n" + FB + "\n{# old #}\n@@\n", FB, "meta-pixel"
    ),
    "jinja: {#- -#} with trim markers": Case(
        "templates/base.j2", "{#- " + FB + " -#}\n@@\n", FB, "meta-pixel"
    ),
    # --- Go templates (Hugo) --------------------------------------------------------------------
    "go: {{/* */}} holding a template call": Case(
        "layouts/_default/baseof.html",
        "{{/* " + HUGO_GA + " */}}\n<title>{{ .Title }}</title>\n@@\n",
        HUGO_GA,
        "google-analytics",
    ),
    "go: {{- /* */ -}} with trim markers": Case(
        "layouts/partials/head.html",
        "{{- /* " + HUGO_GA + "\n" + GA + " */ -}}\n<title>{{ .Title }}</title>\n@@\n",
        HUGO_GA,
        "google-analytics",
    ),
    "go: {{/* */}} over lines holding a script": Case(
        "layouts/partials/head.html",
        "{{/*\n" + GA + "\n*/}}\n<title>{{ .Title }}</title>\n@@\n",
        GA,
        "google-analytics",
    ),
    "go: a comment holding a {{/* (the first */}} closes)": Case(
        "layouts/partials/head.html",
        "{{/*\n" + GA + "\n{{/* old */}}\n<title>{{ .Title }}</title>\n@@\n",
        GA,
        "google-analytics",
    ),
    "go: Hugo's comment shortcode": Case(
        "content/post.md",
        "{{< comment >}}\n" + GA + "\n{{< /comment >}}\n\n@@\n",
        GA,
        "google-analytics",
    ),
    # --- Blade ----------------------------------------------------------------------------------
    "blade: {{-- --}}": Case(
        "resources/views/app.blade.php", "{{-- " + FB + " --}}\n@@\n", FB, "meta-pixel"
    ),
    "blade: {{-- --}} over lines, holding an echo": Case(
        "resources/views/app.blade.php",
        "{{--\n" + FB + "\n{{ $pixelId }}\n--}}\n@@\n",
        FB,
        "meta-pixel",
    ),
    "blade: {{-- --}} holding a {{-- (the first --}} closes)": Case(
        "resources/views/app.blade.php",
        "{{--\n" + FB + "\n{{-- pixel --}}\n<p>{{ $x }}</p>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "blade: @php block with a // comment": Case(
        "resources/views/app.blade.php",
        "@php\n$x = 1;\n// echo '" + FB + "';\n@endphp\n@@\n",
        FB,
        "meta-pixel",
    ),
    # --- JSX, TSX, Astro, MDX -------------------------------------------------------------------
    "jsx: {/* <script/> */}": Case(
        "src/App.jsx",
        'export default function App() {\n  return (\n    <div>\n      {/* <script src="'
        + FB_URL
        + '"></script> */}\n      @@\n    </div>\n  );\n}\n',
        '<script src="' + FB_URL + '"></script>',
        "meta-pixel",
        '"' + FB_URL,  # a string in JavaScript: from its quote
    ),
    "tsx: {/* <Script src=gtag/js/> */}": Case(
        "app/layout.tsx",
        'import Script from "next/script";\n\nexport default function Layout() {\n  return (\n'
        '    <>\n      {/* <Script src="https://www.googletagmanager.com/gtag/js?id=G-ABC123" '
        'strategy="afterInteractive" /> */}\n      @@\n    </>\n  );\n}\n',
        '<Script src="https://www.googletagmanager.com/gtag/js?id=G-ABC123" />',
        "google-analytics",
        '"https://',
    ),
    "tsx: {/* */} over lines": Case(
        "app/layout.tsx",
        'import Script from "next/script";\n\nexport default function Layout() {\n  return (\n'
        '    <>\n      {/*\n      <Script src="https://www.googletagmanager.com/gtag/js?id=G-ABC123" />\n'
        "      */}\n      @@\n    </>\n  );\n}\n",
        '<Script src="https://www.googletagmanager.com/gtag/js?id=G-ABC123" />',
        "google-analytics",
        '"https://',
    ),
    "astro: {/* */} holding a {/* (the first */} closes)": Case(
        "src/layouts/Base.astro",
        "---\nconst title = 'x';\n---\n<head>\n{/*\n" + FB + "\n{/* old */}\n</head>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "mdx: {/* */}": Case(
        "docs/page.mdx", "# Title\n\n{/* " + FB + " */}\n\n@@\n", FB, "meta-pixel"
    ),
    "mdx: {/* */} holding a {/* (the first */} closes)": Case(
        "docs/page.mdx", "# Title\n\n{/*\n" + FB + "\n{/* old */}\n\n@@\n", FB, "meta-pixel"
    ),
    # --- ERB, EJS -------------------------------------------------------------------------------
    "erb: <%# %>": Case(
        "app/views/layouts/application.html.erb", "<%# " + FB + " %>\n@@\n", FB, "meta-pixel"
    ),
    "erb: <%# %> holding a <%# (the first %> closes)": Case(
        "app/views/layouts/application.html.erb",
        "<%#\n" + FB + "\n<%# old %>\n<%= yield %>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "erb: # comment in code": Case(
        "app/views/layouts/application.html.erb",
        "<% src = 'x' # '" + FB_URL + "' %>\n<% url = '@@' %>\n",
        FB_URL,
        "meta-pixel",
    ),
    "ejs: <%# %> and // in code": Case(
        "views/layout.ejs",
        "<%# " + FB + " %>\n<% const a = 1; // '" + FB_URL + "' %>\n@@\n",
        FB,
        "meta-pixel",
    ),
    # --- Twig, Liquid, Handlebars ---------------------------------------------------------------
    "twig: {# #}": Case("templates/base.html.twig", "{# " + FB + " #}\n@@\n", FB, "meta-pixel"),
    "twig: {# #} holding a {# (the first #} closes)": Case(
        "templates/base.html.twig", "{#\n" + FB + "\n{# old #}\n@@\n", FB, "meta-pixel"
    ),
    "liquid: {% comment %}": Case(
        "snippets/pixel.liquid", "{% comment %}" + FB + "{% endcomment %}\n@@\n", FB, "meta-pixel"
    ),
    "liquid: {% # %}": Case(
        "snippets/pixel.liquid", "{% # " + FB_URL + " %}\n@@\n", FB, "meta-pixel"
    ),
    "liquid: nested {% comment %} blocks": Case(
        "snippets/pixel.liquid",
        "{% comment %}\n{% comment %}old{% endcomment %}\n" + FB + "\n{% endcomment %}\n@@\n",
        FB,
        "meta-pixel",
    ),
    "liquid: {% doc %} holding a {% doc %}": Case(
        "snippets/pixel.liquid",
        "{% doc %}\n" + FB + "\n{% doc %}\n{% enddoc %}\n@@\n",
        FB,
        "meta-pixel",
    ),
    "handlebars: {{!-- --}}": Case(
        "partials/head.hbs", "{{!-- " + FB + " --}}\n@@\n", FB, "meta-pixel"
    ),
    "handlebars: {{! }} holding a brace": Case(
        "partials/head.hbs", "{{! " + FB + " {old} }}\n@@\n", FB, "meta-pixel"
    ),
    "handlebars: {{~!-- --~}} with trim markers": Case(
        "partials/head.hbs", "{{~!-- " + FB + " --~}}\n@@\n", FB, "meta-pixel"
    ),
    # --- Razor, JSP, Thymeleaf, FreeMarker, HTL -------------------------------------------------
    "razor: @* *@": Case("Views/Shared/_Layout.cshtml", "@* " + FB + " *@\n@@\n", FB, "meta-pixel"),
    "razor: @* *@ holding a @* (the first *@ closes)": Case(
        "Views/Shared/_Layout.cshtml", "@*\n" + FB + "\n@* old *@\n@@\n", FB, "meta-pixel"
    ),
    "razor: // in a code block": Case(
        "Views/Shared/_Layout.cshtml",
        '@{\n  var a = 1;\n  // var src = "' + FB_URL + '";\n}\n@@\n',
        FB,
        "meta-pixel",
    ),
    "jsp: <%-- --%>": Case("WEB-INF/layout.jsp", "<%-- " + FB + " --%>\n@@\n", FB, "meta-pixel"),
    "jsp: <%-- --%> holding a <%-- (the first --%> closes)": Case(
        "WEB-INF/layout.jsp", "<%--\n" + FB + "\n<%-- old --%>\n@@\n", FB, "meta-pixel"
    ),
    "thymeleaf: <!--/* */-->": Case(
        "templates/layout.html",
        "<!--/* " + FB + ' */-->\n<p th:text="${title}">x</p>\n@@\n',
        FB,
        "meta-pixel",
    ),
    "thymeleaf: /*[- -]*/ in a script": Case(
        "templates/layout.html",
        "<script th:inline=\"javascript\">\n/*[- fbq('init', '123456789012345'); -]*/\n</script>\n"
        '<p th:text="${title}">x</p>\n@@\n',
        FB,
        "meta-pixel",
    ),
    "freemarker: <#-- -->": Case(
        "templates/base.ftl", "<#-- " + FB + " -->\n@@\n", FB, "meta-pixel"
    ),
    "freemarker: <#-- --> holding a <#-- (the first --> closes)": Case(
        "templates/base.ftl", "<#--\n" + FB + "\n<#-- old -->\n@@\n", FB, "meta-pixel"
    ),
    "freemarker: [#-- --] holding a [#--": Case(
        "templates/base.ftlh",
        "[#ftl]\n[#--\n" + FB + "\n[#-- old --]\n@@\n",
        FB,
        "meta-pixel",
    ),
    "htl: <!--/* */-->": Case(
        "components/page.html",
        "<!--/* " + FB + ' */-->\n<div data-sly-test="${x}">x</div>\n@@\n',
        FB,
        "meta-pixel",
    ),
    # --- HEEx, Markdown, Vue --------------------------------------------------------------------
    "heex: <%!-- --%> and <%# %>": Case(
        "lib/app_web/components/layouts/root.html.heex",
        "<%!-- " + FB + " --%>\n<%# " + FB + " %>\n@@\n",
        FB,
        "meta-pixel",
    ),
    "markdown: <!-- --> and {::comment}": Case(
        "docs/page.md",
        "# Title\n\n<!-- " + FB + " -->\n\n{::comment}\n" + FB + "\n{:/comment}\n\n@@\n",
        FB,
        "meta-pixel",
    ),
    "vue: <!-- --> in the template": Case(
        "src/App.vue",
        "<template>\n  <!-- " + FB + " -->\n  <div />\n</template>\n@@\n",
        FB,
        "meta-pixel",
    ),
    # --- Pug, HAML, Slim (line-oriented) --------------------------------------------------------
    "pug: //- block": Case(
        "views/layout.pug",
        'html\n  head\n    //-\n      script(src="' + FB_URL + '")\n    @@\n',
        'script(src="' + FB_URL + '")',
        "meta-pixel",
    ),
    "pug: //- line": Case(
        "views/layout.pug",
        'html\n  head\n    //- script(src="' + FB_URL + '")\n    @@\n',
        'script(src="' + FB_URL + '")',
        "meta-pixel",
    ),
    "haml: -# block": Case(
        "app/views/layouts/application.html.haml",
        '%html\n  %head\n    -#\n      %script{src: "' + FB_URL + '"}\n    @@\n',
        '%script{src: "' + FB_URL + '"}',
        "meta-pixel",
    ),
    "haml: -# line": Case(
        "app/views/layouts/application.html.haml",
        '%html\n  %head\n    -# %script{src: "' + FB_URL + '"}\n    @@\n',
        '%script{src: "' + FB_URL + '"}',
        "meta-pixel",
    ),
    "slim: / block": Case(
        "app/views/layouts/application.html.slim",
        'html\n  head\n    /\n      script src="' + FB_URL + '"\n    @@\n',
        'script src="' + FB_URL + '"',
        "meta-pixel",
    ),
    "slim: / line": Case(
        "app/views/layouts/application.html.slim",
        'html\n  head\n    / script src="' + FB_URL + '"\n    @@\n',
        'script src="' + FB_URL + '"',
        "meta-pixel",
    ),
}


def _texts(case: Case) -> tuple[str, str, tuple[int, int]]:
    assert case.text.count(SLOT) == 1
    commented = case.text.replace(SLOT, "")
    live = case.text.replace(SLOT, case.live)
    start = case.text.index(SLOT) + (case.live.index(case.starts) if case.starts else 0)
    return commented, live, position(live, start)


def _found(text: str, path: str) -> list[tuple[str, int, int]]:
    return [(s.tracker, s.location.line, s.location.column) for s in sightings(text, path)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_tracker_in_a_comment_is_never_found(name: str) -> None:
    case = CASES[name]
    commented, _, _ = _texts(case)
    assert _found(commented, case.path) == []


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_same_tracker_outside_the_comment_is_found_where_it_is(name: str) -> None:
    case = CASES[name]
    _, live, (line, column) = _texts(case)
    assert _found(live, case.path) == [(case.tracker, line, column)]


@pytest.mark.parametrize("name", sorted(CASES))
def test_positions_stay_exact_with_crlf_and_a_bom(name: str) -> None:
    case = CASES[name]
    commented, live, (line, column) = _texts(case)
    assert _found("\ufeff" + commented.replace("\n", "\r\n"), case.path) == []
    # the slot is never on the first line, where the BOM would be a column of its own
    assert line > 1
    assert _found("\ufeff" + live.replace("\n", "\r\n"), case.path) == [
        (case.tracker, line, column)
    ]


def test_a_tracker_between_two_comments_is_found() -> None:
    """Comments end where their language ends them: what sits between two is live."""
    text = "{# a #}\n" + FB + "\n{# b #}\n"
    assert _found(text, "p.j2") == [("meta-pixel", 2, 1)]
    text = "<?php /* a */ ?>\n" + FB + "\n<?php // b ?>\n"
    assert _found(text, "p.php") == [("meta-pixel", 2, 1)]


@pytest.mark.parametrize(
    "path, text",
    [
        ("p.j2", "{# " * 15_000),
        ("p.j2", "{% comment %}" * 5_000),
        ("p.j2", "{% comment %}{% comment %}x{% endcomment %}" * 2_500),
        ("p.liquid", "{% comment %}{% comment %}" * 2_500 + "{% endcomment %}"),
        ("p.hbs", "{{! {" * 10_000),
        ("p.hbs", "{{!-- " * 10_000),
        ("p.blade.php", "{{-- {{ " * 10_000),
        ("p.tmpl", "{{/* */ " * 10_000),
        ("p.astro", "{/* */ x " * 10_000),
        ("p.mdx", "{/* {/* */ x " * 10_000),
        ("p.cshtml", "@* " * 15_000),
        ("p.jsp", "<%-- " * 10_000),
        ("p.ftl", "<#-- " * 10_000),
        ("p.erb", "<%# " * 10_000),
        ("p.php", "<?php /* " * 10_000),
        ("p.php", "<?php '\\'" * 10_000),
        ("p.php", "<?php <<<A\n" * 10_000),
        ("p.php", "<?php $a = 'x\n' // ?>" * 5_000),
    ],
)
def test_comment_forms_take_linear_time(path: str, text: str) -> None:
    """A few thousand openers: a quadratic pattern already takes seconds, the suite stays fast."""
    assert_linear(lambda n: api.scan_text(text * n, path), f"{path}: {text[:20]!r}")
