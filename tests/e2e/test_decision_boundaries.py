"""Decision boundaries in real Chromium: train by clicking, the boundary moves, clicks add points and set
parameters, pixels highlight; screenshots saved for review."""

import os
import time
from pathlib import Path

import pytest

from tests.e2e.conftest import exceptions, open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp/e2e_decision_boundaries"))


def plot_data(page, chart: int):
    """The traces plotly.js is drawing in the chart number `chart` of the visible tab."""
    visible = "Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.offsetParent)"
    page.wait_for_function(f"i => ({visible}[i] || {{}})._fullData", arg=chart, timeout=20_000)
    return page.evaluate(
        """i => Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.offsetParent)[i]
             ._fullData.map(d => ({name: d.name, type: d.type, n: d._length,
                                   z: d.z ? JSON.stringify(d.z) : null}))""",
        chart,
    )


def eventually(check, timeout_s: float = 20) -> None:
    """Poll `check` until true: under load a click's rerun can start after the first wait has ended."""
    deadline = time.time() + timeout_s
    while not check():
        assert time.time() < deadline, "condition not reached in time"
        time.sleep(0.3)


def click_plot(page, chart: int, fx: float, fy: float) -> None:
    """Click at the fraction (fx, fy) of the plotting area of the visible chart number `chart`."""
    area = page.locator(".js-plotly-plot:visible .nsewdrag").nth(chart)
    box = area.bounding_box()
    page.mouse.click(box["x"] + fx * box["width"], box["y"] + fy * box["height"])
    page.wait_for_timeout(400)
    wait_script_done(page)


def click_data(page, chart: int, x: float, y: float) -> None:
    """Click the point (x, y), in data coordinates, of the visible chart number `chart`."""
    visible = "Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.offsetParent)"
    px, py = page.evaluate(
        f"""([i, x, y]) => {{ const g = {visible}[i], L = g._fullLayout, r = g.getBoundingClientRect();
            return [r.left + L.xaxis._offset + L.xaxis.l2p(x), r.top + L.yaxis._offset + L.yaxis.l2p(y)]; }}""",
        [chart, x, y],
    )
    page.mouse.click(px, py)
    page.wait_for_timeout(400)
    wait_script_done(page)


def test_train_by_clicking_and_click_to_add_points(page, app_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, app_url, "decision_boundaries", "model=hypersphere&data=ring&n=300&seed=1")
    assert not exceptions(page) and not page.errors
    before = plot_data(page, 0)
    assert before[1]["type"] == "contour"
    page.get_by_role("button", name="Train", exact=True).click()
    wait_script_done(page)
    page.get_by_text("training accuracy").wait_for()
    after = plot_data(page, 0)
    assert after[1]["z"] != before[1]["z"]  # the boundary phi = 0 moved
    assert page.locator(".js-plotly-plot:visible").nth(0).locator(".slider-container").count() == 1
    page.screenshot(path=str(SHOTS / "trained.png"), full_page=True)

    page.locator(".js-plotly-plot:visible .updatemenu-button").first.click()  # ▶ play the descent
    page.wait_for_timeout(1500)
    label = page.evaluate(
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('text'))
                   .map(t => t.textContent).find(t => t.startsWith('step '))"""
    )
    assert label.startswith("step ") and label != "step 500"  # mid-animation: an earlier step is drawn
    page.wait_for_function(  # the animation ends on the trained boundary (pausing would make plotly.js
        # reject its animation promise: a harmless but noisy page error)
        """() => Array.from(document.querySelectorAll('.js-plotly-plot')[0].querySelectorAll('text'))
                   .some(t => t.textContent === 'step 500')""",
        timeout=30_000,
    )
    points = after[2]["n"] + after[3]["n"]
    assert points == 300
    click_plot(page, 0, 0.9, 0.1)  # a click on empty plot area adds a point of the chosen class
    eventually(lambda: sum(plot_data(page, 0)[i]["n"] for i in (2, 3)) == points + 1)
    assert not exceptions(page) and not page.errors


def test_csv_upload_good_and_bad(page, app_url, tmp_path):
    open_page(page, app_url, "decision_boundaries", "")
    page.get_by_text("Add points or upload data").click()
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text("x1,x2,label\n1,2,1\n3,four,0\n")
    good.write_text("x1,x2,label\n" + "".join(f"{i},{i % 3},{i % 2}\n" for i in range(12)))
    page.locator("input[type=file]").set_input_files(str(bad))
    # the file's own line number: the header is line 1 (issue 19.9)
    page.get_by_text("Line 3 is not of the form x1,x2,label").wait_for(timeout=20_000)
    assert page.get_by_text("200 points, 0 added by you.").count() == 1  # nothing changed
    page.locator("input[type=file]").set_input_files(str(good))
    page.get_by_text("Using the uploaded file good.csv").wait_for(state="attached", timeout=20_000)
    assert page.get_by_text("12 points, 0 added by you.").count() == 1
    assert not exceptions(page) and not page.errors


def test_parameter_space_click_moves_the_line(page, app_url):
    SHOTS.mkdir(parents=True, exist_ok=True)
    open_page(page, app_url, "decision_boundaries", "data=clusters&seed=2")
    page.get_by_role("tab", name="Parameter space").click()
    page.wait_for_timeout(500)
    readout = page.get_by_text("At the star:")
    trained = readout.inner_text()
    click_plot(page, 0, 0.2, 0.8)
    eventually(lambda: page.get_by_text("At the star:").inner_text() != trained)
    page.screenshot(path=str(SHOTS / "parameter_space.png"), full_page=True)
    page.get_by_role("tab", name="Rasterisation").click()
    page.wait_for_timeout(500)
    click_data(page, 0, 3, 2)  # pixel (row 2, column 3)
    page.get_by_text("is element 2 × 8 + 3 = 19 of the vector").wait_for(timeout=20_000)
    page.screenshot(path=str(SHOTS / "raster.png"), full_page=True)
    page.get_by_role("tab", name="Sign of φ").click()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "sign.png"), full_page=True)
    assert not exceptions(page) and not page.errors
