"""The prefilter's two engines find the same occurrences: Hyperscan where it has a wheel,
pyahocorasick elsewhere. Offsets are character offsets of the original text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pixellint.prefilter import Literals

KEYS = {
    "datalayer": ["dataLayer"],
    "layer": ["layer"],
    "gtag(": ["gtag("],
    "googletagmanager.com/gtm.js": ["gtm"],
    "connect.facebook.net/": ["fb"],
    "fbq(": ["fbq("],
}
ENGINES = ["ahocorasick"]
try:
    import hyperscan  # noqa: F401

    ENGINES.append("hyperscan")
except ImportError:  # no wheel for this machine: the fallback alone is tested
    pass


def found(engine: str, text: str) -> list[tuple[int, str]]:
    return [(start, values[0]) for start, values in Literals(KEYS, engine).find(text)]


@pytest.mark.parametrize("engine", ENGINES)
def test_every_occurrence_overlapping_and_in_any_case(engine: str) -> None:
    text = "x = window.DataLayer; GTAG('js'); https://www.googletagmanager.com/gtm.js?id=GTM-1"
    assert found(engine, text) == [(11, "dataLayer"), (15, "layer"), (22, "gtag("), (46, "gtm")]


@pytest.mark.parametrize("engine", ENGINES)
def test_offsets_are_characters_in_a_text_with_other_scripts(engine: str) -> None:
    text = "<p>Termin buchen – Ärztin İstanbul 🩺</p><script>fbq('track')</script>"
    assert found(engine, text) == [(text.index("fbq("), "fbq(")]
    assert found(engine, "İ" * 3 + "datalayer") == [(3, "dataLayer"), (7, "layer")]


def test_no_token_matches_across_a_character_outside_ascii() -> None:
    for engine in ENGINES:
        assert found(engine, "data\u00e9layer fb\u2009q(") == [(5, "layer")]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="dataLyeGgq(fb.Éİ ", max_size=60))
def test_the_engines_agree(text: str) -> None:
    results = {engine: found(engine, text) for engine in ENGINES}
    assert len(set(map(tuple, results.values()))) == 1, results


def test_keys_must_be_lower_case_ascii() -> None:
    with pytest.raises(ValueError):
        Literals({"DataLayer": [1]})


def test_a_compiled_prefilter_crosses_a_process_boundary() -> None:
    import pickle

    literals = Literals(KEYS)
    assert [s for s, _ in literals.find("fbq(")] == [0]
    copy = pickle.loads(pickle.dumps(literals))
    assert [s for s, _ in copy.find("a fbq(")] == [2]
