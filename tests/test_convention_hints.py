"""A convention's trait hints only spare work: over every fixture file (and a few made to the
point), the traits found with the one-pass hint check equal those of asking every convention."""

from __future__ import annotations

from pathlib import Path

import pytest

from pixellint.conventions import registry
from pixellint.conventions.all_conventions import CONVENTIONS

FIXTURES = Path(__file__).parents[1] / "fixtures"
MADE = {
    "themes/x/layouts/_default/single.html": '{{ define "main" }}<h1>{{ .Title }}</h1>{{ end }}',
    "src/app/layout.tsx": "<GoogleTagManager gtmId='GTM-ABC1234' />",
    "exports/container.JSON": (
        '{"exportFormatVersion": 2, "containerVersion": {"container": {"publicId": "GTM-AB12CD"}}}'
    ),
    "sections/main.liquid": "{% layout none %}<p>x</p>",
    "theme/blocks/sub/embed.liquid": '{% schema %}{"target": "head"}{% endschema %}',
    "extensions/px/shopify.extension.toml": 'type = "web_pixel_extension"',
    "apps/site/components/page/page.html": "<sly data-sly-call=\"${c.js @ categories='site'}\"/>",
    "apps/site/clientlibs/.content.xml": (
        '<jcr:root jcr:primaryType="cq:ClientLibraryFolder" categories="[site.base]"/>'
    ),
    "apps/site/clientlibs/js.txt": "#base=js\nmain.js\n",
}


def everything(path: str, text: str) -> tuple[tuple[str, str], ...]:
    return tuple(t for c in CONVENTIONS if c.traits is not None for t in c.traits(path, text))


def files() -> list[tuple[str, str]]:
    found = list(MADE.items())
    for path in sorted(FIXTURES.rglob("*")):
        if path.is_file() and path.stat().st_size < 200_000:
            found.append(
                (path.relative_to(FIXTURES).as_posix(), path.read_text("utf-8", "replace"))
            )
    return found


def test_the_made_files_have_the_traits_the_hints_must_not_hide() -> None:
    assert all(everything(path, text) for path, text in MADE.items())


@pytest.mark.parametrize(("path", "text"), files(), ids=lambda v: v if len(v) < 90 else "")
def test_hinted_traits_equal_the_traits_of_every_convention(path: str, text: str) -> None:
    assert registry.traits(path, text) == everything(path, text)
