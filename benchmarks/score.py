"""Recall and precision of a pixellint JSON report against ground-truth.json (page x tracker)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

SELF_HOSTED = {"matomo", "plausible-self-hosted", "umami-self-hosted"}


def score(
    truth: dict[str, list[str]], sightings: list[dict]
) -> tuple[float, float, list[str], list[str]]:  # type: ignore[type-arg]
    expected = {(page, t) for page, ts in truth.items() for t in ts}
    found = {
        (s["location"]["path"], s["tracker"]) for s in sightings if s["tracker"] not in SELF_HOSTED
    }
    hits = expected & found
    recall = len(hits) / len(expected) if expected else 1.0
    precision = len(hits) / len(found) if found else 1.0
    return recall, precision, sorted(map(str, expected - found)), sorted(map(str, found - expected))


if __name__ == "__main__":
    site, report = Path(sys.argv[1]), Path(sys.argv[2])
    truth = json.loads((site / "ground-truth.json").read_text())
    r, p, missed, extra = score(truth, json.loads(report.read_text())["sightings"])
    print(f"recall {r:.4f} precision {p:.4f}")
    print("missed", missed[:20])
    print("extra", extra[:20])
