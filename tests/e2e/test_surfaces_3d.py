"""The 3-D page in Chromium: both 3-D figures render, and a turned camera survives a change of learning rate."""

import os
import tempfile
from pathlib import Path

import pytest

from tests.e2e.conftest import exceptions, open_page, wait_script_done

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("E2E_SHOTS", tempfile.gettempdir()))
# The 3-D charts are drawn by ui.plotly_component (class pc-plot): st.plotly_chart lost the camera on rerun.
CAMERA = "i => document.querySelectorAll('.pc-plot')[i]._fullLayout.scene.camera.eye"
TRACES = "i => document.querySelectorAll('.pc-plot')[i].data.map(t => t.type)"


def plot_box(page, i):
    ready = f"(document.querySelectorAll('.pc-plot')[{i}] || {{}})._fullLayout"
    page.wait_for_function(f"!!{ready} && !!{ready}.scene", timeout=30_000)
    return page.locator(".pc-plot").nth(i).bounding_box()


def drag(page, box, dx, dy):
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    for k in range(1, 5):  # several moves: Plotly's orbit rotation follows the pointer step by step
        page.mouse.move(x + dx * k / 4, y + dy * k / 4)
    page.mouse.up()
    page.wait_for_timeout(300)


def test_loss_surface_keeps_its_camera_when_the_learning_rate_changes(page, app_url):
    open_page(page, app_url, "surfaces_3d")
    assert not exceptions(page) and not page.errors
    box = plot_box(page, 0)
    assert box["height"] > 400
    traces = page.evaluate(TRACES, 0)
    assert traces[0] == "surface" and traces.count("scatter3d") >= 4  # start, three paths, current points
    before = page.evaluate(CAMERA, 0)
    drag(page, box, 180, 60)
    turned = page.evaluate(CAMERA, 0)
    assert abs(turned["x"] - before["x"]) + abs(turned["y"] - before["y"]) > 0.2
    lr = page.get_by_label("Learning rate μ")
    lr.fill("0.02")
    lr.press("Enter")
    page.wait_for_function("location.search.includes('lr=0.02')", timeout=30_000)
    wait_script_done(page)
    after = page.evaluate(CAMERA, 0)
    assert after == pytest.approx(turned, abs=1e-6)  # the rerun redrew the paths, not the camera
    page.screenshot(path=str(SHOTS / "surfaces_3d_loss.png"))
    assert not exceptions(page) and not page.errors


def test_level_surfaces_render_with_cones_and_a_tangent_plane(page, app_url):
    open_page(page, app_url, "surfaces_3d", "tab=levels&f3=w0%5E2%20%2B%20w1%5E2&c=4&levels=1,9")
    box = plot_box(page, 0)  # lazy tabs: the open tab's chart is the only 3-D one on the page
    assert box["width"] > 600 and box["height"] > 400
    traces = page.evaluate(TRACES, 0)
    assert traces.count("mesh3d") == 4 and traces.count("cone") >= 3  # 3 cylinders, the tangent plane
    main = page.inner_text("[data-testid='stMain']")
    assert "= 4 · cos 60° = 2" in main and "D_θ" not in main  # D with a typeset subscript θ, no underscore
    probe = page.locator("[data-testid='stMarkdown']").filter(has_text="cos 60°")
    assert probe.locator(".katex").count() >= 1
    page.screenshot(path=str(SHOTS / "surfaces_3d_levels.png"))
    page.get_by_role("tab", name="Steepest direction").click()
    page.wait_for_selector("[data-testid='stDataFrame']", timeout=30_000)
    wait_script_done(page)
    assert "L(P) = 66" in page.inner_text("[data-testid='stMain']") and "tab=steepest" in page.url
    page.screenshot(path=str(SHOTS / "surfaces_3d_steepest.png"))
    assert not exceptions(page) and not page.errors


def test_the_player_slices_the_3d_paths_in_the_browser(page, app_url):
    open_page(page, app_url, "surfaces_3d", "opt=sgd,adam&steps=60&lr=0.05")
    plot_box(page, 0)
    page.locator(".pc-player.pc-on").wait_for(timeout=30_000)  # the canvas's player, not plotly's slider
    step = "() => document.querySelector('.pc-player').dataset.step"
    assert page.evaluate(step) == "60"
    before = page.evaluate(CAMERA, 0)
    page.locator(".pc-range").fill("10")  # scrub to step 10
    page.wait_for_function(f"({step})() === '10'", timeout=10_000)
    traces = page.evaluate(
        "() => document.querySelector('.pc-plot')._fullData.map(d => "
        "({type: d.type, name: d.name, n: d.x.length, z: Array.from(d.z).slice(-1)[0], zs: Array.from(d.z)}))"
    )
    paths = {t["name"]: t for t in traces if t["name"] in ("sgd", "adam")}
    head = traces[-1]
    assert traces[0]["type"] == "surface" and all(t["type"] == "scatter3d" for t in traces[1:])
    assert paths["sgd"]["n"] == paths["adam"]["n"] == 11  # points 0..10, each with its height on L
    assert head["n"] == 2 and head["zs"] == [paths["sgd"]["z"], paths["adam"]["z"]]  # the current points
    assert page.evaluate(CAMERA, 0) == pytest.approx(before, abs=1e-6)
    page.locator(".pc-forward").click()
    page.wait_for_function(f"({step})() === '11'", timeout=10_000)
    assert not exceptions(page) and not page.errors
