"""The language and convention registries: lookup by name, content claims, no bleeding between
ecosystems."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_tree

from pixellint import api
from pixellint.config import Config
from pixellint.languages import registry
from pixellint.languages.all_languages import LANGUAGES


def test_each_extension_belongs_to_one_language() -> None:
    seen: dict[str, str] = {}
    for language in LANGUAGES:
        for extension in language.extensions:
            assert extension == extension.lower() and extension.startswith(".")
            assert extension not in seen, (extension, seen.get(extension), language.name)
            seen[extension] = language.name


def test_the_longest_extension_wins() -> None:
    assert registry.by_path("app/views/show.html.erb").name == "erb"
    assert registry.by_path("README.MD").name == "markdown"
    assert registry.by_path("archive.tar") is None


def test_an_html_file_is_joined_by_the_syntax_it_uses() -> None:
    html = registry.BY_NAME["html"]
    assert registry.for_text(html, "<p>plain</p>").name == "html"
    assert registry.for_text(html, "{% extends 'base.html' %}").name == "html+jinja"
    assert registry.for_text(html, '{{ partial "analytics.html" . }}').name == "html+go"
    assert registry.for_text(html, "<?php wp_head(); ?>").name == "html+php"


def test_a_hugo_partial_with_only_a_partial_call_builds_its_edge(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "layouts/_default/baseof.html": '<html><head>{{ partial "head.html" . }}</head></html>\n',
            "layouts/partials/head.html": '{{ partial "analytics.html" . }}\n',
            "layouts/partials/analytics.html": (
                '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>\n'
            ),
        },
    )
    result = api.run([root], Config(sensitive=("layouts/_default/baseof.html",)), root)
    chains = {
        " -> ".join([e.page, *(s.target for s in e.chain)])
        for f in result.findings
        for e in f.exposures
    }
    assert chains == {
        "layouts/_default/baseof.html -> layouts/partials/head.html -> layouts/partials/analytics.html"
    }


def test_a_django_include_does_not_resolve_into_a_shopify_snippets_folder(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "layout/theme.liquid": "{% render 'analytics' %}{{ content_for_layout }}\n",
            "snippets/analytics.liquid": "<script>fbq('init', '1')</script>\n",
            "snippets/analytics.html": "<script>fbq('init', '1')</script>\n",
            "templates/portal.html": '{% include "analytics.html" %}\n',
            "templates/analytics.html": "<p>no tracker here</p>\n",
        },
    )
    result = api.run(
        [root], Config(sensitive=("templates/portal.html", "layout/theme.liquid")), root
    )
    assert {(f.location.path, e.page) for f in result.findings for e in f.exposures} == {
        ("snippets/analytics.liquid", "layout/theme.liquid")
    }


def test_a_commented_out_script_src_is_not_an_edge(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "portal.html": '<!-- <script src="/js/track.js"></script> -->\n<p>Portal</p>\n',
            "js/track.js": "fbq('init', '1');\n",
        },
    )
    result = api.run([root], Config(sensitive=("portal.html",)), root)
    assert result.findings == ()


def test_published_laravel_views_under_vendor_are_read(tmp_path: Path) -> None:
    root = write_tree(
        tmp_path,
        {
            "resources/views/vendor/analytics/gtag.blade.php": (
                '<script async src="https://www.googletagmanager.com/gtag/js?id=G-ABC123"></script>\n'
            ),
            "vendor/acme/package/views/x.html": "<script>fbq('init', '1')</script>\n",
        },
    )
    result = api.run([root], Config(), root, all_pages=True)
    assert [s.location.path for s in result.sightings] == [
        "resources/views/vendor/analytics/gtag.blade.php"
    ]


def test_every_masking_language_compiles_its_spans_into_one_pattern() -> None:
    from pixellint import mask

    for language in LANGUAGES:
        if language.reader is None:
            mask._compiled(language)  # raises on a numbered back-reference or a clash


def test_a_numbered_back_reference_in_a_span_is_refused() -> None:
    from dataclasses import replace

    from pixellint import mask
    from pixellint.languages.base import Role, Span

    bad = Span("tag_pair", "<", r"<(a|b)>.*?</\1>", Role.CONTROL, 50)
    language = replace(registry.BY_NAME["html"], name="html-bad", spans=(bad,))
    with pytest.raises(ValueError, match=r"not \\1"):
        mask._compiled(language)
