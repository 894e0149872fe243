"""Speed of each language's reader: MB/s of preparing (masking or reading into HTML) and of the
whole per-file analysis (prepare + detect + graph node), on text built from the language's own
conformance fixture repeated to about `--megabytes` MB.

    python benchmarks/languages.py [--megabytes 8] [--language pug ...]

Times are process CPU time of the analysis alone (no start-up, no file reading), best of
`--repeat` runs.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from pixellint import catalog, graph
from pixellint.detect import Detector
from pixellint.document import prepare
from pixellint.languages import registry
from pixellint.languages.all_languages import LANGUAGES

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "languages"


def sample(name: str, megabytes: float) -> tuple[str, str] | None:
    """(file name, text) of the language's largest fixture file repeated to the size asked."""
    folder = FIXTURES / name
    files = [
        p
        for p in folder.rglob("*")
        if p.is_file() and (lang := registry.by_path(p.name)) is not None and lang.name == name
    ]
    if not files:
        files = [p for p in folder.rglob("*.html") if p.is_file()]
    if not files:
        return None
    chosen = max(files, key=lambda p: p.stat().st_size)
    unit = chosen.read_text("utf-8")
    if not unit.endswith("\n"):
        unit += "\n"
    copies = max(1, int(megabytes * 1e6 / max(1, len(unit.encode()))))
    return chosen.name, unit * copies


def best(repeat: int, work: object) -> float:
    times = []
    for _ in range(repeat):
        started = time.process_time()
        work()  # type: ignore[operator]
        times.append(time.process_time() - started)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=8.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--language", action="append")
    args = parser.parse_args(argv)
    detector = Detector(catalog.load(), max_script_size=10**9)
    print("| language | sample | MB | prepare MB/s | prepare+detect+node MB/s |")
    print("|---|---|---|---|---|")
    for language in LANGUAGES:
        if args.language and language.name not in args.language:
            continue
        got = sample(language.name, args.megabytes)
        if got is None:
            continue
        name, text = got
        size = len(text.encode()) / 1e6
        own = registry.by_path(name) or registry.BY_NAME["html"]
        path = f"bench/{name}"

        def prepare_only(own: object = own, text: str = text, path: str = path) -> None:
            prepare(path, text, own)  # type: ignore[arg-type]

        def analyse(own: object = own, text: str = text, path: str = path) -> None:
            doc = prepare(path, text, own)  # type: ignore[arg-type]
            detector.detect(doc)
            graph.node_of(doc)

        prepared = best(args.repeat, prepare_only)
        whole = best(args.repeat, analyse)
        print(
            f"| {language.name} | {name} | {size:.1f} | {size / max(prepared, 1e-9):.0f} | "
            f"{size / max(whole, 1e-9):.1f} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
