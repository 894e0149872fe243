"""Test code: never served, so it is no page, brings nothing to one, and its tracker-looking
strings are no sightings.

A Drupal module's PHPUnit test asserts `responseContains("fbq('init', '567123')")`; a Jest test
renders `<GoogleAnalytics gaId="G-TEST" />`; a Cypress spec stubs `window.gtag`. Reporting those
would bury the real loads. Only strong signs count, since a health site may well have pages
about lab tests (`pages/tests/[id].vue`, `BloodTest.php`):

- JavaScript and TypeScript: `*.test.*`, `*.spec.*`, `*.cy.*`, `*.e2e.*` files, and files under
  `__tests__/`, `cypress/` or an `e2e/` folder beside the app (Angular's Protractor suite);
- PHP: a class that extends a PHPUnit or Drupal test base (`TestCase`, `BrowserTestBase`, ...);
- Ruby: `*_spec.rb` and `*_test.rb` under `spec/` or `test/`;
- Java: anything under `src/test/`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pixellint.conventions.base import Convention

TEST = ("runtime", "test")
_BY_PATH = re.compile(
    r"\.(?:test|spec|cy|e2e)\.[cm]?[jt]sx?$"
    r"|(?:^|/)(?:__tests__|cypress|e2e)/(?:[^/]+/)*[^/]+\.[cm]?[jt]sx?$"
    r"|(?:^|/)(?:spec|test)/(?:[^/]+/)*[^/]+_(?:spec|test)\.rb$"
    r"|(?:^|/)src/test/"
)
_PHP_TEST = re.compile(r"\bextends\s+\\?(?:\w+\\)*\w*Test(?:Case|Base)\b")


def traits(path: str, text: str) -> Iterable[tuple[str, str]]:
    if _BY_PATH.search(path) or (
        path.endswith(".php") and "Test" in text and _PHP_TEST.search(text)
    ):
        yield TEST


CONVENTION = Convention(
    name="testcode",
    traits=traits,
    trait_hints=("Test",),
    trait_paths=_BY_PATH.pattern,
    description="test code (Jest/Cypress specs, PHPUnit classes, RSpec): never served",
)
