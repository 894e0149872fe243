"""Seeded generator of a realistic built site (or Jinja-style theme) with its own ground truth.

Pages are ~40 kB: head, navigation, articles, 3-8 inline scripts of app code, JSON-LD and config
objects, CDN scripts; a few first-party bundles of 300 kB-1 MB; 30% of pages carry one or two
tracker snippets in the shapes vendors ship (some minified or glued into other code, some with the
host assembled from string pieces); decoy pages mention trackers only in code samples, comments or
prose; a sensitive section lives under portal/. ground-truth.json lists the trackers of each page.
"""

from __future__ import annotations

import html
import json
import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "tools"))
from make_tracker_fixtures import SNIPPETS

SELF_HOSTED = {"matomo", "plausible-self-hosted", "umami-self-hosted"}
TRACKERS = sorted(t for t in SNIPPETS if t not in SELF_HOSTED)
WORDS = [
    "patient",
    "care",
    "clinic",
    "health",
    "appointment",
    "doctor",
    "nurse",
    "visit",
    "records",
    "results",
    "lab",
    "insurance",
    "billing",
    "pharmacy",
    "prescription",
    "wellness",
    "cardiology",
    "pediatrics",
    "oncology",
    "imaging",
    "referral",
    "community",
    "hospital",
    "emergency",
    "schedule",
    "portal",
    "message",
    "team",
    "support",
    "access",
    "privacy",
]
CDN = [
    "https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js",
    "https://code.jquery.com/jquery-3.7.1.min.js",
    "https://unpkg.com/htmx.org@1.9.12",
    "https://cdnjs.cloudflare.com/ajax/libs/lodash.js/4.17.21/lodash.min.js",
]


def prose(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def app_script(rng: random.Random, size: int) -> str:
    lines = []
    while sum(map(len, lines)) < size:
        name = rng.choice(WORDS) + str(rng.randint(1, 999))
        lines.append(
            f"  function {name}(el, opts) {{ const items = el?.querySelectorAll('[data-{rng.choice(WORDS)}]') ?? []; "
            f"for (const item of items) {{ item.classList.toggle('is-{rng.choice(WORDS)}', opts.{rng.choice(WORDS)} > {rng.randint(1, 9)}); }} "
            f"return fetch('/api/{rng.choice(WORDS)}/' + encodeURIComponent(opts.id), {{method: 'GET'}}); }}"
        )
    return "<script>\n" + "\n".join(lines) + "\n</script>"


def variant(rng: random.Random, snippet: str) -> str:
    """The vendor snippet as shipped, minified, glued to other code, or with an assembled host."""
    roll = rng.random()
    if roll < 0.2:
        return re.sub(r"\n\s*", "", snippet)
    if roll < 0.35:
        return snippet.replace("<script>", "<script>window.appReady=!0;var cfg={a:1,b:[2,3]};", 1)
    if roll < 0.5:
        for host in (
            "connect.facebook.net",
            "www.googletagmanager.com",
            "static.hotjar.com",
            "snap.licdn.com",
        ):
            if f"'https://{host}" in snippet:
                head, tail = host.split(".", 1)
                return snippet.replace(f"'https://{host}", f"'https://{head}.' + '{tail}", 1)
    return snippet


def decoy(rng: random.Random) -> str:
    tracker = rng.choice(TRACKERS)
    snippet = SNIPPETS[tracker]
    kind = rng.randrange(3)
    if kind == 0:
        return f"<pre><code>{html.escape(snippet)}</code></pre>"
    if kind == 1:
        return "<!--\n" + snippet.replace("-->", "") + "\n-->"
    return f"<p>We removed {tracker} (fbq, gtag, googletagmanager.com) from clinical pages in 2024.</p>"


def page(
    rng: random.Random,
    path: str,
    trackers: list[str],
    is_decoy: bool,
    bundles: list[str],
    theme: bool,
) -> str:
    head = [
        '<meta charset="utf-8">',
        f"<title>{prose(rng, 4)}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<script type="application/ld+json">'
        + json.dumps(
            {"@context": "https://schema.org", "@type": "MedicalClinic", "name": prose(rng, 3)}
        )
        + "</script>",
        f"<script>window.__CONFIG__ = {json.dumps({'api': '/api', 'features': rng.sample(WORDS, 5), 'build': rng.randint(1000, 9999)})};</script>",
    ]
    head += [f'<script defer src="{url}"></script>' for url in rng.sample(CDN, 2)]
    if bundles and rng.random() < 0.5:
        head.append(f'<script defer src="/assets/{rng.choice(bundles)}"></script>')
    for tracker in trackers:
        head.append(variant(rng, SNIPPETS[tracker]))
    body = [
        "<nav><ul>"
        + "".join(f'<li><a href="/{w}/">{w.title()}</a></li>' for w in rng.sample(WORDS, 8))
        + "</ul></nav>"
    ]
    for _ in range(rng.randint(3, 8)):
        body.append(app_script(rng, rng.randint(1500, 3500)))
    while sum(map(len, head + body)) < 38_000:
        body.append(f"<article><h2>{prose(rng, 5)}</h2><p>{prose(rng, 120)}</p></article>")
    if is_decoy:
        body.insert(rng.randrange(len(body)), decoy(rng))
    if theme:
        head.insert(0, "{% block head %}")
        head.append("{% endblock %}")
        body = ["{% block content %}", *body, "{% endblock %}"]
        return '{% extends "base.html.j2" %}\n' + "\n".join(head + body) + "\n"
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n'
        + "\n".join(head)
        + "\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def bundle(rng: random.Random, size: int) -> str:
    parts = ["!function(){'use strict';"]
    while sum(map(len, parts)) < size:
        n = rng.randint(0, 10**6)
        parts.append(
            f"var a{n}=function(e,t){{return e&&t?e[t]:null}},b{n}=[1,2,3].map(function(x){{return x*{n % 97}}});"
        )
    parts.append("}();")
    return "".join(parts)


def generate(out: Path, pages: int, seed: int = 7, theme: bool = False) -> dict[str, list[str]]:
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    truth: dict[str, list[str]] = {}
    bundles = []
    for i in range(max(1, pages // 500)):
        name = f"app-{i}.{rng.randint(10**7, 10**8)}.js"
        (out / "assets").mkdir(exist_ok=True)
        (out / "assets" / name).write_text(bundle(rng, rng.randint(300_000, 1_000_000)))
        bundles.append(name)
        truth[f"assets/{name}"] = []
    suffix = ".html.j2" if theme else ".html"
    if theme:
        (out / "base.html.j2").write_text(
            "<!DOCTYPE html>\n<html><head>{% block head %}{% endblock %}</head><body>{% block content %}{% endblock %}</body></html>\n"
        )
        truth["base.html.j2"] = []
    for i in range(pages):
        section = "portal" if i % 10 == 0 else rng.choice(["about", "care", "news", "locations"])
        path = f"{section}/page-{i:05d}{suffix}"
        chosen = rng.sample(TRACKERS, rng.choice([1, 1, 2])) if rng.random() < 0.3 else []
        is_decoy = not chosen and rng.random() < 0.1
        target = out / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page(rng, path, chosen, is_decoy, bundles, theme))
        truth[path] = sorted(chosen)
    (out / "pixellint.toml").write_text('sensitive = ["portal/**"]\n')
    (out / "ground-truth.json").write_text(json.dumps(truth, indent=1, sort_keys=True))
    return truth


if __name__ == "__main__":
    generate(Path(sys.argv[1]), int(sys.argv[2]), theme="--theme" in sys.argv)
