"""Where a page is marked sensitive (Mark), one spelling rule for every mark, nested front matter,
every page a finding reaches, and config type errors that say what to write."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from conftest import assert_linear, cpu_seconds, write_tree
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pixellint import api, cache, rules, sensitivity
from pixellint import catalog as catalog_module
from pixellint.config import Config, ConfigError, from_mapping, load
from pixellint.document import Document, language_of, parse_front_matter, prepare, read_front_entry
from pixellint.facts import FileFacts
from pixellint.graph import Edge, Graph
from pixellint.model import Exposure, Location, Mark, Sighting

CATALOG = catalog_module.load()
PIXEL = "<script>fbq('track', 'PageView');</script>\n"


def doc_of(path: str, text: str) -> Document:
    language = language_of(path)
    assert language is not None
    return prepare(path, text, language)


def mark_of(path: str, text: str) -> Mark | None:
    return sensitivity.marker(doc_of(path, text))


def sighting(path: str, line: int = 1, identity: str = "") -> Sighting:
    where = Location(path, line, 1, line, 10)
    return Sighting(where, "meta-pixel", "inline-js", "fbq('init')", identity=identity)


# --- 1. marks know where they are ---------------------------------------------------------------


def test_mark_is_a_frozen_ordered_value_and_exposure_ends_with_its_location() -> None:
    where = Location("p.html", 2, 3, 2, 33)
    mark = Mark("why", where)
    assert dataclasses.astuple(mark) == ("why", dataclasses.astuple(where))
    assert Mark("a", where) < Mark("b", where)
    with pytest.raises(dataclasses.FrozenInstanceError):
        mark.reason = "other"  # type: ignore[misc]
    assert not hasattr(mark, "__dict__")  # slots
    assert [f.name for f in dataclasses.fields(Exposure)][-1] == "mark"
    assert Exposure("p.html", "why").mark is None


@pytest.mark.parametrize(
    ("path", "text", "where", "reason"),
    [
        (
            "p.html",
            "<p>x</p>\n  <!-- pixellint: sensitive -->\n",
            (2, 3, 2, 32),
            "'pixellint: sensitive' comment on line 2",
        ),
        (
            "p.html.j2",
            "{% extends 'base.html' %}\n{# pixellint: sensitive #}",
            (2, 1, 2, 27),
            "'pixellint: sensitive' comment on line 2",
        ),
        (  # a block comment over several lines: the comment, starting where its reason says
            "a.html.haml",
            "-#\n  booking form\n  pixellint: sensitive\n%p x\n",
            (1, 1, 3, 23),
            "'pixellint: sensitive' comment on line 1",
        ),
        (  # a line comment pattern that takes the indent: the location starts at the '//'
            "a.html.haml",
            ":javascript\n  // pixellint: sensitive\n",
            (2, 3, 2, 26),
            "'pixellint: sensitive' comment on line 2",
        ),
    ],
)
def test_a_comment_mark_points_at_the_comment_in_the_original_file(
    path: str, text: str, where: tuple[int, int, int, int], reason: str
) -> None:
    assert mark_of(path, text) == Mark(reason, Location(path, *where))


@pytest.mark.parametrize(
    ("path", "text", "where"),
    [
        ("p.html", '<head>\n  <meta name="pixellint" content="sensitive">\n', (2, 3, 2, 46)),
        ("a.html.haml", '%head\n  %meta{name: "pixellint", content: "sensitive"}\n', (2, 3, 2, 49)),
        ("a.html.slim", 'head\n  meta name="pixellint" content="sensitive"\n', (2, 3)),
        ("a.pug", 'html\n  head\n    meta(name="pixellint" content="sensitive")\n', (3, 5)),
    ],
)
def test_a_meta_mark_points_at_the_tag_in_the_original_file(
    path: str, text: str, where: tuple[int, ...]
) -> None:
    """HAML, Slim and Pug are analysed as generated HTML: the tag's position is mapped back."""
    mark = mark_of(path, text)
    assert mark is not None
    line = where[0]
    assert mark.reason == f'<meta name="pixellint" content="sensitive"> on line {line}'
    location = mark.location
    assert (location.path, location.line, location.column) == (path, *where[:2])
    assert (location.end_line, location.end_column) > (location.line, location.column)
    if len(where) == 4:
        assert (location.end_line, location.end_column) == where[2:]


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("---\ntitle: Intake\npixellint: sensitive\n---\n# Intake\n", (3, 1, 3, 10)),
        ("---\ntitle: Intake\npixellint:\n  sensitive: true\n---\n", (3, 1, 3, 10)),
        ("+++\ntitle = 'Intake'\n\n[pixellint]\nsensitive = true\n+++\n", (4, 2, 4, 11)),
        ("+++\ntitle = 'Intake'\npixellint = { sensitive = true }\n+++\n", (3, 1, 3, 10)),
    ],
)
def test_a_front_matter_mark_points_at_the_pixellint_key(
    text: str, where: tuple[int, int, int, int]
) -> None:
    assert mark_of("intake.md", text) == Mark(
        "front matter 'pixellint: sensitive'", Location("intake.md", *where)
    )


PIXELLINT_TOML = """\
# which pages are sensitive
exclude = ["legacy/**"]   # not "portal/**"
sensitive = [
    "portal/**",  # the patient portal
    'appointments/*.html',
    "a\\"quoted\\"/**",
]
allow = []
"""


def test_config_load_records_the_line_and_column_of_every_sensitive_glob(tmp_path: Path) -> None:
    write_tree(tmp_path, {"pixellint.toml": PIXELLINT_TOML})
    config = load(tmp_path / "pixellint.toml")
    assert config.lines == (
        ("portal/**", 4, 5),
        ("appointments/*.html", 5, 5),
        ('a"quoted"/**', 6, 5),
    )
    hash(config)  # part of cache keys: frozen and hashable
    assert repr(config) == repr(load(tmp_path / "pixellint.toml"))


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        (  # a `sensitive` key in another table first, and a table header inside a string
            '[project]\nname = "x"\nsensitive = ["no"]\ndescription = """\n[tool.pixellint]\n'
            'sensitive = ["nor/this"]\n"""\n\n[tool.pixellint]\nsensitive = ["portal/**"]\n',
            (("portal/**", 10, 14),),
        ),
        ('[tool]\npixellint.sensitive = ["p/**", "q"]\n', (("p/**", 2, 24), ("q", 2, 32))),
        (  # a form the scan does not follow: the `sensitive` key
            'tool.pixellint = { exclude = [], sensitive = ["p/**"] }\n',
            (("p/**", 1, 34),),
        ),
    ],
)
def test_glob_lines_in_pyproject(tmp_path: Path, text: str, lines: tuple[object, ...]) -> None:
    write_tree(tmp_path, {"pyproject.toml": text})
    assert load(tmp_path / "pyproject.toml").lines == lines


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("pixellint.toml", 'sensitive = [\n  "portal/**",\n]\n', (2, 3, 2, 14)),
        (".pixellint.toml", 'sensitive = ["x", "portal/**"]\n', (1, 19, 1, 30)),
        ("pyproject.toml", '[tool.pixellint]\n\nsensitive = ["portal/**"]\n', (3, 14, 3, 25)),
    ],
)
def test_glob_mark_points_into_the_config_file_by_its_name(
    tmp_path: Path, name: str, text: str, where: tuple[int, int, int, int]
) -> None:
    write_tree(tmp_path, {name: text})
    config = load(tmp_path / name)
    mark = sensitivity.glob_mark("portal/a/records.html", config)
    assert mark is not None
    assert mark.location == Location(name, *where)
    assert mark.reason == f"matches sensitive glob 'portal/**' ({config.source})"
    assert sensitivity.glob_mark("public/index.html", config) is None


def test_glob_mark_of_a_config_built_in_code_points_at_line_one() -> None:
    mark = sensitivity.glob_mark("portal/x.html", Config(sensitive=("portal/**",)))
    assert mark == Mark(
        "matches sensitive glob 'portal/**' (config)", Location("pixellint.toml", 1, 1, 1, 12)
    )


def _layout_graph(pages: int = 2) -> Graph:
    graph = Graph()
    for i in range(pages):
        page = f"portal/p{i}.html"
        graph.add(Edge(page, "portal/base.html", "extends", Location(page, 1, 1, 1, 30)))
    graph.add(
        Edge("portal/base.html", "head.html", "include", Location("portal/base.html", 4, 3, 4, 9))
    )
    return graph


BASE_MARK = Mark(
    "'pixellint: sensitive' comment on line 1", Location("portal/base.html", 1, 1, 1, 30)
)


@pytest.mark.parametrize("prefix", ["", "sites/clinic/"])
def test_a_page_using_a_marked_layout_keeps_the_layout_s_mark_location(prefix: str) -> None:
    marks = sensitivity.propagate({"portal/base.html": BASE_MARK}, _layout_graph(), prefix)
    assert marks["portal/base.html"] is BASE_MARK
    reason = f"uses {prefix}portal/base.html, which is sensitive ({BASE_MARK.reason})"
    assert marks["portal/p0.html"] == Mark(reason, BASE_MARK.location)
    assert set(marks) == {"portal/base.html", "portal/p0.html", "portal/p1.html"}


def test_evaluate_fills_why_and_mark_of_each_exposure() -> None:
    graph = _layout_graph()
    marks = sensitivity.propagate({"portal/base.html": BASE_MARK}, graph)
    (finding,) = rules.evaluate([sighting("head.html", 2)], marks, graph, CATALOG)
    assert [(e.page, e.why, e.mark) for e in finding.exposures] == [
        (page, marks[page].reason, BASE_MARK.location)
        for page in ("portal/p0.html", "portal/p1.html")
    ]
    assert [s.target for s in finding.exposures[0].chain] == ["portal/base.html", "head.html"]


def test_evaluate_prefixes_every_page_path_in_messages() -> None:
    graph = _layout_graph()
    marks = sensitivity.propagate({"portal/base.html": BASE_MARK}, graph)
    on_page = {"portal/p0.html": Mark("m", Location("portal/p0.html", 1, 1, 1, 2))}
    prefix = "sites/clinic/"
    reached = rules.evaluate([sighting("head.html")], marks, graph, CATALOG, prefix=prefix)
    direct = rules.evaluate([sighting("portal/p0.html")], on_page, Graph(), CATALOG, prefix=prefix)
    identity = rules.evaluate(
        [sighting("portal/p0.html", identity="em")], on_page, Graph(), CATALOG, prefix=prefix
    )
    assert "(sites/clinic/portal/p0.html, sites/clinic/portal/p1.html)" in reached[0].message
    assert "runs on sensitive page sites/clinic/portal/p0.html." in direct[0].message
    assert "on sensitive page sites/clinic/portal/p0.html." in identity[0].message
    assert reached[0].exposures[0].page == "portal/p0.html"  # the values stay project-relative
    plain = rules.evaluate([sighting("head.html")], marks, graph, CATALOG)
    assert "(portal/p0.html, portal/p1.html)" in plain[0].message


def test_a_finding_points_at_the_glob_or_layout_marker_end_to_end(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "pixellint.toml": 'exclude = []\nsensitive = [\n  "portal/**",\n]\n',
            "portal/records.html": PIXEL,
            "layouts/secure.html.j2": "{# pixellint: sensitive #}\n{% block body %}{% endblock %}\n"
            + PIXEL,
            "pay.html.j2": "{% extends 'layouts/secure.html.j2' %}\n",
        },
    )
    result = api.run([tmp_path], load(tmp_path / "pixellint.toml"), tmp_path)
    marks = {e.page: e.mark for f in result.findings for e in f.exposures}
    assert marks["portal/records.html"] == Location("pixellint.toml", 3, 3, 3, 14)
    assert marks["pay.html.j2"] == Location("layouts/secure.html.j2", 1, 1, 1, 27)


def test_file_facts_with_a_mark_survive_the_cache() -> None:
    import pixellint.workers  # noqa: F401  registers the classes of FileFacts

    facts = FileFacts(None, BASE_MARK, (), (), ())
    assert cache.decode(cache.encode(facts)) == facts


# --- 2. every page a finding reaches ------------------------------------------------------------


def test_max_pages_is_gone() -> None:
    assert not hasattr(rules, "MAX_PAGES")


def test_a_finding_lists_every_page_it_reaches(tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {
        "portal/base.html.j2": "{# pixellint: sensitive #}\n{% include 'portal/head.html.j2' %}\n",
        "portal/head.html.j2": PIXEL,
    }
    for i in range(250):
        files[f"portal/p{i:03}.html.j2"] = "{% extends 'portal/base.html.j2' %}\n"
    write_tree(tmp_path, files)
    (finding,) = api.run([tmp_path], Config(), tmp_path).findings
    assert len(finding.exposures) == 250
    assert "reaches 250 sensitive pages" in finding.message


def _evaluate_layout_on(pages: int) -> None:
    graph = _layout_graph(pages)
    marks = sensitivity.propagate({"portal/base.html": BASE_MARK}, graph)
    found = rules.evaluate([sighting("head.html", n) for n in range(1, 21)], marks, graph, CATALOG)
    assert len(found) == 20 and all(len(f.exposures) == pages for f in found)


def test_a_layout_on_thousands_of_pages_evaluates_in_linear_time() -> None:
    assert_linear(lambda n: _evaluate_layout_on(1500 * n), "layout included by 1,500 x n pages")
    assert cpu_seconds(lambda: _evaluate_layout_on(3000)) < 1.0  # 20 sightings x 3,000 pages


# --- 3. one rule for every mark -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("p.html", "<!-- PixelLint: SENSITIVE -->"),
        ("p.html", "<!-- pixellint : Sensitive, reviewed 2026-11 -->"),
        ("p.html.j2", "{# PIXELLINT: sensitive #}"),
        ("p.html", '<meta name="PixelLint" content="Sensitive">'),
        ("p.html", "<meta content=' sensitive ' name=pixellint />"),
        ("p.md", "---\nPixelLint: SENSITIVE\n---"),
        ("p.md", "---\npixellint: 'Sensitive'  # reviewed\n---"),
        ("p.md", "---\npixellint:\n  sensitive: true\n---"),
        ("p.md", "---\npixellint:\n  Sensitive: True  # nested, any case\n  note: x\n---"),
        ("p.md", "---\npixellint: {sensitive: true}\n---"),
        ("p.md", "---\npixellint: [sensitive]\n---"),
        ("p.md", "---\npixellint: [reviewed, 'sensitive']\n---"),
        ("p.md", "---\npixellint:\n  - reviewed\n  - sensitive\n---"),
        ("p.md", '+++\npixellint = "sensitive"\n+++'),
        ("p.md", '+++\nPixelLint = "SENSITIVE"\n+++'),
        ("p.md", "+++\ntitle = 'x'\n[pixellint]\nsensitive = true\n+++"),
        ("p.md", "+++\npixellint = { sensitive = true }\n+++"),
        ("p.md", "+++\npixellint.sensitive = true\n+++"),
        ("p.md", '+++\npixellint = ["sensitive"]\n+++'),
        ("p.md", "+++\nbroken = 'toml\npixellint = { sensitive = true }\n+++"),  # line scan
    ],
)
def test_every_spelling_the_rule_allows_marks_the_page(path: str, text: str) -> None:
    assert mark_of(path, text + "\n<p>x</p>\n") is not None


@pytest.mark.parametrize(
    ("path", "text"),
    [
        ("p.html", "<!-- pixellint: sensitive-data -->"),
        ("p.html", "<!-- pixellint: insensitive -->"),
        ("p.html", '<meta name="pixellint" content="sensitive-data">'),
        ("p.html", '<meta data-name="pixellint" content="sensitive">'),
        ("p.html", '<meta name="pixellint-x" content="sensitive">'),
        ("p.md", "---\npixellint: true\n---"),
        ("p.md", "---\npixellint: sensitive-data\n---"),
        ("p.md", "---\npixellint:\n  sensitive: false\n---"),
        ("p.md", "---\npixellint:\n  sensitive: 'yes'\n---"),
        ("p.md", "---\npixellint: {sensitive: false}\n---"),
        ("p.md", "---\npixellint: [sensitive\n---"),
        ("p.md", "---\nparams:\n  pixellint: sensitive\n---"),
        ("p.md", "+++\npixellint = { sensitive = false }\n+++"),
        ("p.md", "+++\n[pixellint]\nsensitive = false\n+++"),
        ("p.md", "+++\n[params]\npixellint = 'sensitive'\n+++"),
        ("p.md", "+++\npixellint = true\n+++"),
    ],
)
def test_nothing_else_marks_the_page(path: str, text: str) -> None:
    assert mark_of(path, text + "\n<p>x</p>\n") is None


def test_nested_front_matter_marks_a_page_end_to_end(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "_layouts/default.html": "{{ content }}\n" + PIXEL,
            "intake.md": "---\nlayout: default\npixellint:\n  sensitive: true\n---\n# Intake\n",
            "about.md": "---\nlayout: default\npixellint:\n  sensitive: false\n---\n# About\n",
        },
    )
    result = api.run([tmp_path], Config(), tmp_path)
    assert result.sensitive_pages == ("intake.md",)
    (finding,) = result.findings
    assert [e.page for e in finding.exposures] == ["intake.md"]
    assert finding.exposures[0].mark == Location("intake.md", 3, 1, 3, 10)


def test_toml_front_matter_keys_inside_tables_are_not_top_level() -> None:
    body = "title = 'Intake'\nlayout = 'portal'\n\n[params]\nlayout = 'other'\n"
    assert parse_front_matter(body, toml=True) == {"title": "Intake", "layout": "portal"}
    broken = "layout = 'portal'\ntitle = 'unclosed\n"  # not TOML: the line scan still reads it
    assert parse_front_matter(broken, toml=True)["layout"] == "portal"
    assert parse_front_matter("layout: post\npixellint:\n  sensitive: true\n", toml=False) == {
        "layout": "post",
        "pixellint": "",
    }


def test_front_entry_offsets_are_in_the_whole_file() -> None:
    doc = doc_of("p.md", "---\ntitle: x\nPixelLint: {sensitive: true}\n---\n")
    entry = doc.front_entry("pixellint")
    assert entry is not None and doc.text[entry.start : entry.end] == "PixelLint"
    assert entry.value == {"sensitive": True}


PIECES = [
    "pixellint", "PixelLint", "sensitive", ":", ": ", "=", " = ", "{", "}", "[", "]", "[[", ",",
    "'", '"', '"""', "\\", "#", " #", "-", "- ", "\n", "\r\n", "  ", "\t", "true", "false", "yes",
    "[pixellint]", "pixellint.", "é", "\x00", "---", "+++",
]  # fmt: skip
FRONT = st.lists(st.sampled_from(PIECES) | st.text(max_size=6), max_size=40).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=FRONT, toml=st.booleans())
def test_front_matter_never_raises(body: str, toml: bool) -> None:
    parse_front_matter(body, toml)
    entry = read_front_entry(body, toml, "pixellint")
    if entry is not None:
        assert 0 <= entry.start <= entry.end <= len(body)
    fence = "+++" if toml else "---"
    doc = doc_of("p.md", f"{fence}\n{body}\n{fence}\n<p>x</p>\n")
    mark = sensitivity.marker(doc)
    if mark is not None:
        assert 1 <= mark.location.line <= doc.text.count("\n") + 1


@pytest.mark.parametrize(
    "body",
    [
        "pixellint: " + "[" * 200_000,
        "pixellint: " + "{a: " * 50_000,
        "pixellint = " + "[" * 50_000 + "]" * 50_000,
        "pixellint = { a = " * 20_000 + "1" + " }" * 20_000,
        "pixellint:\n" + "".join(" " * i + "a:\n" for i in range(1, 2_000)),
        "pixellint: '" + "''" * 100_000,
    ],
)
def test_hostile_front_matter_is_read_without_error(body: str) -> None:
    for toml in (False, True):
        entry = read_front_entry(body, toml, "pixellint")
        assert entry is None or not sensitivity._says_sensitive(entry.value)


# --- 4. config types ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            {"sensitive": "portal/**"},
            "'sensitive' must be a list of strings, not a string; write sensitive = [\"portal/**\"]",
        ),
        (
            {"exclude": 3},
            "'exclude' must be a list of strings, not the number 3; write exclude = [",
        ),
        ({"sensitive": ["a/**", ""]}, "item 2 of 'sensitive' is an empty string"),
        ({"sensitive": ["  "]}, "item 1 of 'sensitive' is the string \"  \" (blank)"),
        ({"allow": ["meta-pixel", 3]}, "item 2 of 'allow' is the number 3, not a string; quote it"),
        ({"site_root": [["static"]]}, "item 1 of 'site_root' is an array, not a string"),
        (
            {"max_file_size": True},
            "'max_file_size' must be a positive whole number, not the boolean true; "
            "write max_file_size = 10000000",
        ),
        ({"max_script_size": "2MB"}, 'not the string "2MB"; write max_script_size = 2000000'),
        (
            {"report_self_hosted": 1},
            "'report_self_hosted' must be true or false, not the number 1; "
            "write report_self_hosted = true or report_self_hosted = false",
        ),
        ({"respect_gitignore": "no"}, "'respect_gitignore' must be true or false, not the string"),
    ],
)
def test_a_wrong_type_is_an_error_that_says_what_to_write(
    raw: dict[str, object], expected: str
) -> None:
    with pytest.raises(ConfigError) as error:
        from_mapping(raw, "/site/pixellint.toml")
    assert str(error.value).startswith("/site/pixellint.toml: ")
    assert expected in str(error.value)


def test_every_problem_of_a_config_is_reported_at_once(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {"pixellint.toml": 'sensitive = "portal/**"\nmax_file_size = -1\nlines = []\n'},
    )
    with pytest.raises(ConfigError) as error:
        load(tmp_path / "pixellint.toml")
    problems = str(error.value).splitlines()
    assert len(problems) == 3 and all("pixellint.toml: " in p for p in problems)
    assert "unknown key 'lines'" in problems[2]  # filled by pixellint, not a setting


def test_respect_gitignore_is_a_setting_that_defaults_to_true(tmp_path: Path) -> None:
    assert Config().respect_gitignore is True
    write_tree(tmp_path, {"pyproject.toml": "[tool.pixellint]\nrespect-gitignore = false\n"})
    assert load(tmp_path / "pyproject.toml").respect_gitignore is False
