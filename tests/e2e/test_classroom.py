"""The classroom kit in Chromium: presenter mode reaches every figure and shows each main plot with its player
on a 1280x720 projector at load, the share panel's QR code decodes to the current link, and a phone's plot uses
the screen's full width (in presenter mode too, on the first screen)."""

import io
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import exceptions, open_page

pytestmark = pytest.mark.e2e
VIEWS = ["level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity"]

# The first chart drawn on screen (a hidden tab's chart has no size): its text sizes as plotly.js laid them out
# (3-D tick labels are drawn in WebGL, so the layout is the only place to read them), its box and its player's,
# the page title's, Streamlit's top bar and how far the page is scrolled.
MAIN_PLOT = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.getBoundingClientRect().height > 0);
  if (!plot || !plot._fullLayout) return null;
  const L = plot._fullLayout, axis = L.yaxis || L.scene.yaxis, box = plot.getBoundingClientRect();
  const player = plot.closest('.pc-root')?.querySelector('.pc-player.pc-on')?.getBoundingClientRect();
  const header = document.querySelector('[data-testid=stHeader]').getBoundingClientRect();
  const title = document.querySelector('h1').getBoundingClientRect();
  return {tick: axis.tickfont.size, title: axis.title.font.size, legend: L.showlegend ? L.legend.font.size : null,
          top: box.top, bottom: player ? player.bottom : box.bottom, player: !!player, header: header.bottom,
          heading: [title.top, title.bottom], scrolled: document.querySelector('[data-testid=stMain]').scrollTop};
}"""
# the views whose main plot is animated at load (the decision boundary's replay comes with training)
PLAYERS = {"level_sets", "surfaces_3d", "training"}


def main_plot(page) -> dict:
    page.wait_for_function(f"() => ({MAIN_PLOT})() !== null", timeout=30_000)
    page.wait_for_timeout(500)
    return page.evaluate(MAIN_PLOT)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("view", VIEWS)
def test_presenter_mode_enlarges_each_figures_text_and_shows_the_plot_and_player_at_load(
    page, app_url, view, lang
):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app_url, view, f"lang={lang}")
    plain = main_plot(page)
    open_page(page, app_url, view, f"present=1&lang={lang}")
    big = main_plot(page)
    assert big["tick"] >= 1.25 * plain["tick"] and big["title"] >= 1.25 * plain["title"], (plain, big)
    if plain["legend"]:
        assert big["legend"] >= 1.25 * plain["legend"]
    # a projector at load, nobody scrolling: the page title, then the plot and its player whole, below the top bar
    assert big["scrolled"] == 0 and big["player"] == (view in PLAYERS), big
    assert big["header"] - 1 <= big["heading"][0] < big["heading"][1] <= big["top"], big
    assert big["bottom"] <= 720, big
    page.screenshot(path=f"/tmp/present_{view}_{lang}.png")
    assert not exceptions(page) and not page.errors


def test_the_qr_code_decodes_to_the_current_link(page, app_url):
    import zxingcpp
    from PIL import Image

    open_page(page, app_url, "level_sets", "f=bowl&x0=1.5&y0=-2&opt=sgd,adam&lr=0.01&lang=zh")
    page.locator(".st-key-share_panel button").first.click()
    qr = page.locator("img.share-qr")
    qr.wait_for(state="visible", timeout=10_000)
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    link = urlsplit(found[0].text)
    here = urlsplit(page.url)
    # the test server listens on 127.0.0.1 only: no phone can reach it, so the link keeps the browser's host
    # and the panel says how to serve the room (the LAN address logic is unit-tested in tests/unit/test_share.py)
    assert (link.scheme, link.netloc, link.path) == (here.scheme, here.netloc, here.path)
    assert parse_qs(link.query) == parse_qs(here.query)
    assert parse_qs(link.query)["x0"] == ["1.5"] and parse_qs(link.query)["opt"] == ["sgd,adam"]
    assert page.locator(".share-url").input_value() == found[0].text
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(".share-button").click()
    page.wait_for_function("() => document.querySelector('.share-status').textContent === '已复制'")
    assert page.evaluate("() => navigator.clipboard.readText()") == found[0].text
    assert page.get_by_text("--server.address 0.0.0.0").count() == 1
    assert not exceptions(page) and not page.errors


@pytest.mark.parametrize("query", ["", "present=1"])
@pytest.mark.parametrize("view", ["level_sets", "decision_boundaries", "convexity"])
def test_a_phone_shows_the_plot_across_the_full_width(browser, app_url, view, query):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        open_page(page, app_url, view, query)
        page.wait_for_selector(".js-plotly-plot", timeout=30_000)
        box = page.locator(".js-plotly-plot").first.bounding_box()
        assert box["x"] == pytest.approx(0, abs=1) and box["width"] == pytest.approx(390, abs=1)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= 390  # no sideways scrolling
        if query:  # presenter mode: the main plot starts on the first screen, its column stacked first
            assert box["y"] < 844 / 2, box
        page.screenshot(path=f"/tmp/phone_{view}{'_present' if query else ''}.png")
        assert not exceptions(page)
    finally:
        context.close()
