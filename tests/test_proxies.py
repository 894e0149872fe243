"""Vendor loaders served through the site's own paths: the vendor's call shape identifies the
tracker, and the finding says the loader is proxied (a relay still sends the visit)."""

from __future__ import annotations

from pathlib import Path

from conftest import sightings

DATA = Path(__file__).parent / "data"


def test_proxied_loaders_are_named_in_the_finding() -> None:
    found = sightings((DATA / "proxied-loaders.html").read_text("utf-8"), "index.html")
    by_tracker = {s.tracker: s.detail for s in found}
    assert "loader proxied through first-party /connectfb/fbevents.js" in by_tracker["meta-pixel"]
    assert (
        "loader proxied through first-party /gtagm/js?id=G-ABCDEF1234"
        in by_tracker["google-analytics"]
    )


def test_hotjar_stub_with_a_first_party_loader() -> None:
    page = """<script>
    (function(h,o,t,j,a,r){
        h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};
        h._hjSettings={hjid:1234567,hjsv:6};
        a=o.getElementsByTagName('head')[0];
        r=o.createElement('script');r.async=1;
        r.src=t+h._hjSettings.hjid+j+h._hjSettings.hjsv;
        a.appendChild(r);
    })(window,document,'/static_hjar/c/hotjar-','.js?sv=');
</script>"""
    (hotjar,) = sightings(page, "index.html")
    assert hotjar.tracker == "hotjar"
    assert "proxied through first-party /static_hjar/c/hotjar-" in hotjar.detail


def test_an_unrelated_first_party_script_is_not_called_a_proxy() -> None:
    page = """<script src="/js/app.js"></script>
<script>
  fbq('init', '123456789012345');
  fbq('track', 'PageView');
  loadScript('/static/js/fbevents-helpers/index.js?v=2');
</script>"""
    (pixel,) = sightings(page, "index.html")
    assert "proxied" not in pixel.detail
