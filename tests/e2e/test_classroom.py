"""The classroom kit in Chromium: presenter mode reaches every figure and shows each main plot with its player
on a 1280x720 projector at load, the share panel's QR code decodes to the current link, and a phone's plot uses
the screen's full width (in presenter mode too, on the first screen)."""

import io
import ipaddress
import subprocess
import urllib.request
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.e2e.conftest import exceptions, open_page, serve, wait_script_done

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


# px from the lowest tick label of the main plot's first x axis down to that axis's title (None: no such title)
TITLE_GAP = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.getBoundingClientRect().height > 0);
  const title = plot.querySelector('.g-xtitle text');
  const ticks = [...plot.querySelectorAll('.subplot.xy .xaxislayer-above .xtick text')];
  if (!title || !ticks.length) return null;
  return title.getBoundingClientRect().top - Math.max(...ticks.map(t => t.getBoundingClientRect().bottom));
}"""

# x axis titles of the main plot lying over a plotting area or a subplot title (the training view's three panels)
TITLES_ON_PANELS = """() => {
  const plot = [...document.querySelectorAll('.js-plotly-plot')].find(p => p.getBoundingClientRect().height > 0);
  const box = (e) => e.getBoundingClientRect();
  const hit = (a, b) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  const others = [...plot.querySelectorAll('.nsewdrag, .annotation-text')].map(box);
  return [...plot.querySelectorAll('[class^=g-x][class$=title] text')].map(box)
    .filter((t) => others.some((o) => hit(t, o))).map((t) => [t.left, t.top]);
}"""


def main_plot(page) -> dict:
    page.wait_for_function(f"() => ({MAIN_PLOT})() !== null", timeout=30_000)
    page.wait_for_timeout(500)
    return page.evaluate(MAIN_PLOT)


# every view in Chinese (its text sets the widths and wraps), English on the two tightest views (the suite's time)
@pytest.mark.parametrize(
    ("view", "lang"), [(v, "zh") for v in VIEWS] + [("surfaces_3d", "en"), ("training", "en")]
)
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
    # the larger tick labels do not reach the axis title below them ("w0" sat on the canvas's "0")
    gap = page.evaluate(TITLE_GAP)
    assert gap is None or gap >= 0, gap
    # nor do the rows of a shortened figure meet ("x" and "w" sat inside the training view's loss panel)
    assert page.evaluate(TITLES_ON_PANELS) == [], view
    if view == "decision_boundaries":  # "click Train" beside the plot, and the button with it, not below
        train = page.locator(".st-key-db_train button").bounding_box()
        assert big["header"] <= train["y"] and train["y"] + train["height"] <= 720, (train, big)
    page.screenshot(path=f"/tmp/present_{view}_{lang}.png")
    assert not exceptions(page) and not page.errors


def decoded_qr(page) -> str:
    """Open the share panel and read its QR code as a phone's camera would (zxing-cpp, from the pixels)."""
    import zxingcpp
    from PIL import Image

    page.locator(".st-key-share_panel button").first.click()
    qr = page.locator("img.share-qr")
    qr.wait_for(state="visible", timeout=10_000)
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr.screenshot())))
    assert len(found) == 1 and found[0].format == zxingcpp.BarcodeFormat.QRCode
    return found[0].text


def test_the_qr_code_decodes_to_the_current_link(page, app_url):
    open_page(page, app_url, "level_sets", "f=bowl&x0=1.5&y0=-2&opt=sgd,adam&lr=0.01&lang=zh")
    text = decoded_qr(page)
    link = urlsplit(text)
    here = urlsplit(page.url)
    # the test server listens on 127.0.0.1 only: no phone can reach it, so the link keeps the browser's host
    # and the panel says how to serve the room (the LAN address logic is unit-tested in tests/unit/test_share.py)
    assert (link.scheme, link.netloc, link.path) == (here.scheme, here.netloc, here.path)
    assert parse_qs(link.query) == parse_qs(here.query)
    assert parse_qs(link.query)["x0"] == ["1.5"] and parse_qs(link.query)["opt"] == ["sgd,adam"]
    assert page.locator(".share-url").input_value() == text
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator(".share-button").click()
    page.wait_for_function("() => document.querySelector('.share-status').textContent === '已复制'")
    assert page.evaluate("() => navigator.clipboard.readText()") == text
    assert page.get_by_text("--server.address 0.0.0.0").count() == 1
    assert not exceptions(page) and not page.errors


def lan_addresses() -> set[str]:
    """This machine's IPv4 addresses other than loopback, as `hostname -I` lists them (not how the app finds
    its own: Streamlit asks the routing table through a UDP socket)."""
    listed = subprocess.run(["hostname", "-I"], capture_output=True, text=True, check=False).stdout.split()
    return {
        a for a in listed if ipaddress.ip_address(a).version == 4 and not ipaddress.ip_address(a).is_loopback
    }


@pytest.fixture(scope="module")
def room_url(tmp_path_factory):
    """A server listening on every interface, as `--server.address 0.0.0.0` serves a classroom."""
    if not lan_addresses():
        pytest.skip(
            "this machine has no IPv4 address besides loopback: no room network to put in the QR code"
        )
    with serve(tmp_path_factory.mktemp("room") / "streamlit.log", address="0.0.0.0") as url:
        yield url


def test_a_server_on_the_room_s_network_puts_its_lan_address_in_the_qr_code(page, room_url):
    query = "f=bowl&x0=1.5&y0=-2&opt=sgd,adam&lr=0.01"
    open_page(page, room_url, "level_sets", query)  # the teacher's own browser, through loopback
    link = urlsplit(decoded_qr(page))
    here = urlsplit(page.url)
    assert here.hostname == "127.0.0.1"
    assert link.hostname in lan_addresses(), (link.hostname, lan_addresses())
    assert (link.scheme, link.port, link.path) == (here.scheme, here.port, here.path)
    assert parse_qs(link.query) == parse_qs(here.query)  # the page's settings, as it wrote them in the URL
    assert parse_qs(query).items() <= parse_qs(link.query).items()
    assert page.get_by_text("--server.address 0.0.0.0").count() == 0  # no "serve the room" warning
    # and the room reaches the server at that address
    with urllib.request.urlopen(f"http://{link.netloc}/_stcore/health", timeout=10) as answer:
        assert answer.status == 200
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


# Every st.plotly_chart chart on screen that shows a legend: its boxes as the browser draws them. The plot
# area is plotly's own (all subplots, margins excluded); the toolbar's box counts even while it is faded out.
LEGEND_CHARTS = """() => [...document.querySelectorAll('[data-testid=stPlotlyChart] .js-plotly-plot')]
  .filter(gd => gd.getBoundingClientRect().height > 0 && gd._fullLayout && gd._fullLayout.showlegend)
  .map(gd => {
    const box = (el) => { const r = el.getBoundingClientRect();
      return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; };
    const g = box(gd), s = gd._fullLayout._size;
    return {key: gd.closest('[class*=st-key-]').className.match(/st-key-(\\S+)/)[1], chart: g,
            legend: box(gd.querySelector('.legend')), toolbar: box(gd.querySelector('.modebar')),
            titles: [...gd.querySelectorAll('.xtitle, [class^=x][class$=title]')].map(box),
            plot: {left: g.left + s.l, right: g.left + s.l + s.w, top: g.top + s.t, bottom: g.top + s.t + s.h},
            colorbar: gd.querySelector('.colorbar') !== null};
  })"""
PHONE_LEGEND_VIEWS = ["level_sets", "decision_boundaries", "taylor", "convexity"]  # the others have none


def overlap(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def phone_page(browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda e: page.errors.append(str(e)))
    return page


def legend_charts_of_every_tab(page) -> list[dict]:
    """The legend charts of each tab in turn (the first tab's when the view has none), screenshots kept."""
    tabs = page.get_by_role("tab")
    found = []
    for i in range(max(tabs.count(), 1)):
        if tabs.count():
            tabs.nth(i).click()
            wait_script_done(page)
        page.wait_for_timeout(1500)  # plotly.js draws after the script ends, then relayouts for the phone
        charts = page.evaluate(LEGEND_CHARTS)
        for chart in charts:
            page.locator(f".st-key-{chart['key']}").screenshot(path=f"/tmp/phone_legend_{chart['key']}.png")
        found += charts
    return found


@pytest.mark.parametrize("view", PHONE_LEGEND_VIEWS)
def test_on_a_phone_every_chart_s_legend_sits_below_its_plot_clear_of_the_toolbar(browser, app_url, view):
    page = phone_page(browser)
    try:
        open_page(page, app_url, view)
        charts = legend_charts_of_every_tab(page)
        assert charts, f"{view}: no chart with a legend was found"
        for c in charts:
            assert not overlap(c["legend"], c["toolbar"]), c
            assert c["legend"]["top"] >= c["plot"]["bottom"] - 1, c  # below the plot area, in rows
            assert not any(overlap(c["legend"], title) for title in c["titles"]), c  # and the x axis titles
            assert c["legend"]["bottom"] <= c["chart"]["bottom"] + 1, c  # and not cut off
            assert c["chart"]["left"] == pytest.approx(0, abs=1) and c["chart"]["right"] == pytest.approx(
                390, abs=1
            )
            if not c["colorbar"]:  # a colour bar keeps its room beside the plot
                assert c["plot"]["right"] - c["plot"]["left"] >= 0.75 * 390, c
        assert not exceptions(page) and not page.errors
    finally:
        page.context.close()


BASINS_MAP = """() => {
    const gd = [...document.querySelectorAll('.js-plotly-plot')].find(g => (g.data || []).some(
        t => t.meta && t.meta.narrow === 'no_colour_bar' && t.customdata && t.zmax > 4));
    if (!gd || !gd._fullLayout) return null;
    return {colourBar: gd.querySelector('.colorbar') !== null, plot: gd._fullLayout._size.w,
            regions: [...gd.querySelectorAll('.textpoint')].map(p => p.textContent).filter(Boolean).length};
}"""


def test_on_a_phone_a_map_with_named_regions_drops_its_colour_bar_and_gets_it_back_when_wide(
    browser, app_url
):
    page = phone_page(browser)
    try:
        open_page(page, app_url, "convexity", "surface=himmelblau&lang=zh")
        page.get_by_role("tab").last.click()
        page.wait_for_function(
            f"() => {{ const m = ({BASINS_MAP})(); return m && !m.colourBar; }}", timeout=60_000
        )
        narrow = page.evaluate(BASINS_MAP)
        # the map has the width the colour bar took (was ~110 of 390 px), its regions named inside it
        assert narrow["plot"] >= 0.75 * 390 and narrow["regions"] >= 4, narrow
        page.set_viewport_size({"width": 1400, "height": 1000})
        page.wait_for_function(f"() => ({BASINS_MAP})().colourBar", timeout=10_000)
        assert not exceptions(page) and not page.errors
    finally:
        page.context.close()


def test_a_chart_turned_wide_gets_its_own_legend_back_and_narrow_again_the_phone_s(browser, app_url):
    page = phone_page(browser)
    legend = "() => document.querySelector('.st-key-ty_chart1 .js-plotly-plot')?.layout?.legend"
    try:
        open_page(page, app_url, "taylor")
        page.wait_for_function(f"() => ({legend})()?.yref === 'container'", timeout=30_000)
        page.set_viewport_size({"width": 1400, "height": 1000})  # a tablet turned, or a wider window
        # the figure's own legend (core.figures.taylor): one row above the plot
        page.wait_for_function(f"() => ({legend})()?.yref === undefined", timeout=30_000)
        assert page.evaluate(legend) == {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 0}
        page.set_viewport_size({"width": 390, "height": 844})
        page.wait_for_function(f"() => ({legend})()?.yref === 'container'", timeout=30_000)
        assert not exceptions(page) and not page.errors
    finally:
        page.context.close()
