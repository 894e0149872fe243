"""Every language pixellint reads, one line each. Adding a language: one module, one line here,
one fixture folder under fixtures/languages/."""

from __future__ import annotations

from pixellint.languages import (
    code,
    erb,
    gotemplate,
    handlebars,
    html,
    jinja,
    liquid,
    markdown,
    php,
    script,
    twig,
)
from pixellint.languages.base import Language

LANGUAGES: tuple[Language, ...] = (
    html.LANGUAGE,
    html.VUE,
    html.SVELTE,
    html.ASTRO,
    jinja.LANGUAGE,
    twig.LANGUAGE,
    liquid.LANGUAGE,
    handlebars.LANGUAGE,
    gotemplate.LANGUAGE,
    php.LANGUAGE,
    erb.LANGUAGE,
    erb.EJS,
    markdown.LANGUAGE,
    script.JAVASCRIPT,
    script.TYPESCRIPT,
    script.TSX,
    code.PYTHON,
    code.RUBY,
)
DATA = code.DATA
