"""Level sets in real Chromium: drag the start ring with the mouse, click elsewhere; the URL's x0/y0 and
the path's first point follow; screenshots saved for review."""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest

from tests.e2e.conftest import exceptions, open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp/e2e_level_sets"))
PLOT = ".pc-root .pc-plot"


def query(page) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(page.url).query).items()}


def area(page) -> dict:
    """The plotting area's box on screen and its axis ranges (x left to right, y bottom to top)."""
    box = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()
    ranges = page.evaluate(
        f"() => {{ const f = document.querySelector('{PLOT}')._fullLayout;"
        " return [f.xaxis.range, f.yaxis.range]; }"
    )
    return {**box, "xr": ranges[0], "yr": ranges[1]}


def at(a: dict, fx: float, fy: float):
    """Screen point at fractions of the plotting area, and the data point it shows."""
    (x0, x1), (y0, y1) = a["xr"], a["yr"]
    screen = (a["x"] + fx * a["width"], a["y"] + fy * a["height"])
    return screen, (x0 + fx * (x1 - x0), y1 - fy * (y1 - y0))


def first_point(page, name: str = "sgd"):
    return page.evaluate(
        f"n => {{ const d = document.querySelector('{PLOT}')._fullData.find(t => t.name === n);"
        " return [d.x[0], d.y[0]]; }",
        name,
    )


def wait_for_start(page, old: str) -> tuple[float, float]:
    """Wait until the URL holds a new start and plotly.js has redrawn the chart with exactly that start
    (`data-plotted`; `data-revision` comes first, when the server's paths are drawn over the plot).

    Both conditions in one check: the URL's x0 and y0 arrive as separate updates, so a start read
    between them would be half old.
    """
    page.wait_for_function(
        """o => {
            const q = new URL(location.href).searchParams, root = document.querySelector('.pc-root');
            const pair = q.get('x0') + ',' + q.get('y0');
            const drawn = parseFloat(q.get('x0')).toFixed(4) + ',' + parseFloat(q.get('y0')).toFixed(4);
            return pair !== o && root !== null && root.dataset.plotted === drawn;
        }""",
        arg=old,
        timeout=30_000,
    )
    q = query(page)
    return float(q["x0"]), float(q["y0"])


def test_drag_the_start_then_click_elsewhere(page, app_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, app_url, "level_sets", "f=bowl&x0=3&y0=4&opt=sgd,momentum,adam&steps=60&lr=0.05")
    handle = page.locator(".pc-handle")
    handle.wait_for(state="visible", timeout=30_000)
    assert not exceptions(page) and not page.errors
    assert first_point(page) == pytest.approx([3, 4], abs=1e-3)
    a = area(page)
    tolerance = 1.5 * (a["xr"][1] - a["xr"][0]) / a["width"]  # a pixel and a half, in data units
    # The player slices each frame from the paths in the browser (plotly.js holds no frames): frame k
    # holds each path's first k + 1 points and the current points (one per optimizer).
    assert page.evaluate(f"() => document.querySelector('{PLOT}')._transitionData._frames.length") == 0
    step = "() => document.querySelector('.pc-player').dataset.step"
    lengths = f"() => document.querySelector('{PLOT}')._fullData.slice(-4).map(d => d.x.length)"
    full = page.evaluate(lengths)
    page.locator(".pc-range").fill("10")
    page.wait_for_function(f"({step})() === '10'", timeout=5_000)
    assert page.evaluate(lengths) == [min(11, n) for n in full[:3]] + [3]
    page.locator(".pc-range").fill("60")
    page.wait_for_function(f"({step})() === '60'", timeout=5_000)

    box = handle.bounding_box()
    (sx, sy), (dx, dy) = at(a, 0.22, 0.75)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    for i in range(1, 11):  # a real drag: the ring follows the mouse
        page.mouse.move(box["x"] + (sx - box["x"]) * i / 10, box["y"] + (sy - box["y"]) * i / 10)
    page.mouse.up()
    x, y = wait_for_start(page, "3,4")
    assert (x, y) == pytest.approx((dx, dy), abs=tolerance)
    assert first_point(page) == pytest.approx([x, y], abs=2e-3)
    assert first_point(page, "adam") == pytest.approx([x, y], abs=2e-3)
    assert re.search(r"At \(-?[\d.]+, -?[\d.]+\): f = ", page.inner_text("[data-testid='stMain']"))
    page.screenshot(path=str(SHOTS / "dragged.png"), full_page=True)

    (cx, cy), (ex, ey) = at(area(page), 0.8, 0.3)
    page.mouse.click(cx, cy)
    x2, y2 = wait_for_start(page, f"{query(page)['x0']},{query(page)['y0']}")
    assert (x2, y2) == pytest.approx((ex, ey), abs=tolerance)
    assert first_point(page) == pytest.approx([x2, y2], abs=2e-3)
    # a release reruns the canvas's fragment only: the start's inputs are in it and show the new start
    inputs = [float(page.locator(f".st-key-{key} input").first.input_value()) for key in ("ls_x0", "ls_y0")]
    assert inputs == pytest.approx([x2, y2], abs=1e-4)
    assert not exceptions(page) and not page.errors
    page.screenshot(path=str(SHOTS / "clicked.png"), full_page=True)

    for name, shot in (("Directional derivative", "direction.png"), ("1-D warm-up", "warmup.png")):
        page.get_by_role("tab", name=name).click()
        page.wait_for_timeout(800)
        page.screenshot(path=str(SHOTS / shot), full_page=True)
        if name == "Directional derivative":  # the table's cells are drawn on a canvas; the caption is text
            assert "rounds the second exact change to 0.0120006" in page.inner_text("[data-testid='stMain']")
    assert not exceptions(page) and not page.errors
    # and the lesson took the clicked start: the 3-D view opens there
    page.locator("[data-testid=stSidebarNav] a[href$='/surfaces_3d']").click()
    page.wait_for_function("location.pathname.endsWith('/surfaces_3d')", timeout=30_000)
    wait_script_done(page)
    assert (float(query(page)["x0"]), float(query(page)["y0"])) == (x2, y2)


def test_the_player_plays_steps_and_scrubs_over_the_kept_contour(page, app_url):
    open_page(page, app_url, "level_sets", "f=bowl&x0=3&y0=4&opt=sgd,adam&steps=60&lr=0.05")
    page.locator(".pc-handle").wait_for(state="visible", timeout=30_000)
    step = lambda: int(page.get_attribute(".pc-player", "data-step"))  # noqa: E731 (the step drawn)
    contour = lambda: page.locator(f"{PLOT} .contourlayer path").count()  # noqa: E731
    assert step() == 60 and contour() > 5
    lengths = lambda: page.evaluate(f"() => document.querySelector('{PLOT}')._fullData.map(d => d.x.length)")  # noqa: E731
    full = lengths()

    page.locator(".pc-play").click()  # from the end, play starts over at step 0
    page.wait_for_function("() => +document.querySelector('.pc-player').dataset.step < 40", timeout=5_000)
    assert contour() > 5  # plotly.js's own animate would have dropped the contour layer here
    assert lengths() != full  # the paths are cut at the step shown
    page.wait_for_function("() => document.querySelector('.pc-player').dataset.step === '60'", timeout=15_000)
    assert lengths() == full and page.inner_text(".pc-play") == "▶"

    page.locator(".pc-back").click()
    page.wait_for_function("() => document.querySelector('.pc-player').dataset.step === '59'", timeout=5_000)
    sgd = page.evaluate(
        f"() => document.querySelector('{PLOT}')._fullData.find(d => d.name === 'sgd').x.length"
    )
    assert sgd == 60  # points 0..59
    page.locator(".pc-range").fill("10")  # scrub: drag the range to step 10
    page.wait_for_function("() => document.querySelector('.pc-player').dataset.step === '10'", timeout=5_000)
    assert page.inner_text(".pc-step") == "Step 10 of 60" and contour() > 5
    page.locator(".pc-forward").click()
    page.wait_for_function("() => document.querySelector('.pc-player').dataset.step === '11'", timeout=5_000)
    assert not exceptions(page) and not page.errors
    page.screenshot(path=str(SHOTS / "player.png"), full_page=True)


def test_a_diverging_path_ends_in_a_marked_x_and_the_hint_warns(page, app_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, app_url, "level_sets", "f=bowl&x0=3&y0=4&opt=sgd,adam&lr=0.5&steps=60")
    page.locator(".pc-handle").wait_for(state="visible", timeout=30_000)
    mark = page.evaluate(
        f"() => document.querySelector('{PLOT}')._fullData"
        ".filter(d => d.marker && d.marker.symbol === 'x-thin').map(d => [d.x[0], d.y[0], d.text[0]])"
    )
    # step 1 of sgd goes from (3, 4) to (-3, -8): out of the window (-5, 5)^2 through its bottom at (-1.5, -5)
    assert mark == [[-1.5, -5, "sgd: diverged, left the plot at step 1"]]
    assert page.locator(f"{PLOT} .scatterlayer .textpoint").filter(has_text="left the plot").count() == 1
    alert = page.locator("[data-testid='stAlertContentWarning']").filter(has_text="likely to diverge")
    assert alert.is_visible()
    page.locator(".pc-back").click()  # the player steps back; the mark stays where the path ended
    page.wait_for_timeout(500)
    assert page.locator(f"{PLOT} .scatterlayer .textpoint").filter(has_text="left the plot").count() == 1
    page.screenshot(path=str(SHOTS / "diverged_mark.png"), full_page=True)
    assert not exceptions(page) and not page.errors


BOWL_FIELD = "f=bowl&x0=3&y0=4&field=true"


@pytest.mark.parametrize("query", [BOWL_FIELD, "f=rosenbrock&x0=-1.5&y0=2&present=1&lang=zh"])
def test_colour_bar_beside_the_plot_and_the_gradient_arrow_inside_it(page, app_url, query):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, app_url, "level_sets", query)
    page.locator(".pc-handle").wait_for(state="visible", timeout=30_000)
    plot = page.locator(f"{PLOT} .nsewdrag").first.bounding_box()
    bar = page.locator(f"{PLOT} .colorbar").first.bounding_box()
    legend = page.locator(f"{PLOT} .legend").first.bounding_box()
    gap = bar["x"] - (plot["x"] + plot["width"])
    # was ~200 px of empty page between the square plot and its bar (presenter mode's shorter plot: 64 px)
    assert 0 <= gap < (40 if query == BOWL_FIELD else 80), gap
    # the legend right of the bar and its title (the log scale's, in presenter mode's larger Chinese text,
    # ran into the legend), the plot keeps its height
    assert legend["x"] >= bar["x"] + bar["width"] - 5, (legend, bar)
    assert abs(plot["width"] - plot["height"]) < 3  # equal aspect: the right angle looks right
    if query != BOWL_FIELD:
        return
    arrow = page.evaluate(
        f"() => {{ const d = document.querySelector('{PLOT}')._fullData.find(t => t.name.startsWith('∇f,'));"
        " return [d.x.filter(v => v !== null), d.y.filter(v => v !== null)]; }"
    )
    assert max(arrow[0]) <= 5 and max(arrow[1]) <= 5  # the head is inside the window (-5, 5)^2
    page.screenshot(path=str(SHOTS / "colour_bar.png"), full_page=True)
    assert not exceptions(page) and not page.errors
