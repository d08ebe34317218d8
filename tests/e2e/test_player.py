"""The one animation engine in real Chromium: every animated view plays on the canvas player with its static
layers on screen in every sampled frame, one step is one step, the player is accessible, and the exported
HTML plays offline from file:// with the network blocked, at the app's speed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from core import grids, level_sets
from core.figures import level_sets as figs
from core.figures import standalone
from core.functions import parse_function
from core.optimizers import Settings, descend
from core.presets import PRESETS
from tests.e2e.conftest import exceptions, open_offline, open_page

pytestmark = pytest.mark.e2e
SHOTS = Path(os.environ.get("E2E_SHOTS", "/tmp/e2e_player"))
SHOTS.mkdir(parents=True, exist_ok=True)
STEP = "() => document.querySelector('.pc-player').dataset.step"

# Samples the visible canvas plot during play: what the DOM shows (not what plotly.js holds in memory),
# every `ms` milliseconds, `count` times.
SAMPLE = """async ([ms, count]) => {
  const plot = Array.from(document.querySelectorAll('.pc-plot')).find(p => p.offsetParent);
  const out = [];
  for (let i = 0; i < count; i++) {
    await new Promise(r => setTimeout(r, ms));
    out.push({
      step: plot.closest('.pc-root').querySelector('.pc-player').dataset.step,
      playing: plot.closest('.pc-root').querySelector('.pc-play').textContent !== '▶',
      contour: plot.querySelectorAll('.contourlayer path').length,
      heat: plot.querySelectorAll('.heatmaplayer image, .hm image').length,
      points: plot.querySelectorAll('.scatterlayer path.point').length,
    });
  }
  return out;
}"""


def play_and_sample(page, root=None, ms: int = 180, count: int = 8) -> list[dict]:
    (root or page).locator(".pc-play:visible").first.click()
    samples = page.evaluate(SAMPLE, [ms, count])
    assert sum(s["playing"] for s in samples) >= 6, samples  # sampled while it played
    assert len({s["step"] for s in samples}) >= 5, samples  # and the frames moved on
    return samples


def test_level_sets_play_keeps_the_level_sets_and_one_step_is_one_step(page, app_url):
    open_page(page, app_url, "level_sets", "f=bowl&x0=3&y0=4&opt=sgd&steps=500&lr=0.005")
    page.locator(".pc-player.pc-on").wait_for(timeout=30_000)
    assert page.evaluate(STEP) == "500" and page.inner_text(".pc-step") == "Step 500 of 500"
    samples = play_and_sample(page)
    assert all(s["contour"] > 5 for s in samples), samples
    page.locator(".pc-play").click()  # pause
    # Above 200 steps play shows every second or third step; one step forward is still one step.
    page.locator(".pc-range").fill("0")
    page.wait_for_function(f"({STEP})() === '0'", timeout=5_000)
    for k in (1, 2, 3, 4, 5):
        page.locator(".pc-forward").click()
        page.wait_for_function(f"({STEP})() === '{k}'", timeout=5_000)
        n = page.evaluate(
            "() => document.querySelector('.pc-plot')._fullData.find(d => d.name === 'sgd').x.length"
        )
        assert n == k + 1
    page.locator(".pc-back").click()
    page.wait_for_function(f"({STEP})() === '4'", timeout=5_000)
    assert not exceptions(page) and not page.errors


def test_the_player_is_labelled_focusable_before_the_toolbar_and_spoken(page, app_url):
    open_page(page, app_url, "level_sets", "f=bowl&x0=3&y0=4&opt=sgd&steps=50&lr=0.05")
    page.locator(".pc-player.pc-on").wait_for(timeout=30_000)
    labels = page.evaluate(
        "() => ['.pc-play', '.pc-back', '.pc-forward', '.pc-range', '.pc-player']"
        ".map(s => document.querySelector(s).getAttribute('aria-label'))"
    )
    assert labels == ["Play", "One step back", "One step forward", "Step shown", "Animation player"]
    # the controls come before the plot and its toolbar in the document, hence in tab order
    order = page.evaluate(
        "() => { const bar = document.querySelector('.pc-player'), tool = document.querySelector('.modebar');"
        " return !!tool && !!(bar.compareDocumentPosition(tool) & Node.DOCUMENT_POSITION_FOLLOWING); }"
    )
    assert order
    page.locator(".pc-range").fill("12")
    page.wait_for_function(f"({STEP})() === '12'", timeout=5_000)
    live = page.locator(".pc-live")
    assert live.get_attribute("aria-live") == "polite"
    # the spoken text against descend()'s own numbers at step 12
    fn = parse_function(PRESETS["bowl"].text, 2)
    run = descend(fn, (3.0, 4.0), Settings("sgd", 0.05, 50))
    x, y = run.points[12].round(3)  # the paths are sent to a thousandth of the window (3 decimals here)

    def g(v: float) -> str:  # three significant digits, as the player
        return f"{float(f'{v:.3g}'):g}"

    said = f"step 12 of 50: sgd ({g(x)}, {g(y)}), loss {g(run.losses[12])}, |∇f| {g(run.grad_norms[12])}"
    assert live.inner_text() == said
    # Space plays and pauses while the player has the focus
    page.locator(".pc-range").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.pc-play').textContent === '❚❚'", timeout=3_000)
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.pc-play').textContent === '▶'", timeout=3_000)
    assert page.locator(".pc-play").get_attribute("aria-label") == "Play"
    # on a focused button too, Space only plays / pauses (the button is not also clicked by it)
    page.locator(".pc-forward").focus()
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.pc-play').textContent === '❚❚'", timeout=3_000)
    assert page.locator(".pc-play").get_attribute("aria-label") == "Pause"
    page.keyboard.press("Space")
    page.wait_for_function("() => document.querySelector('.pc-play').textContent === '▶'", timeout=3_000)
    assert not exceptions(page) and not page.errors

    open_page(page, app_url, "level_sets", "lang=zh&f=bowl&opt=sgd&steps=50")
    page.locator(".pc-player.pc-on").wait_for(timeout=30_000)
    assert page.locator(".pc-forward").get_attribute("aria-label") == "前进一步"
    assert page.inner_text(".pc-step") == "第 50 步，共 50 步" and "损失" in page.inner_text(".pc-live")


def test_decision_boundaries_replay_keeps_regions_and_points_in_every_frame(page, app_url):
    open_page(page, app_url, "decision_boundaries", "data=clusters&model=hyperplane&n=200")
    page.get_by_role("button", name="Train").click()
    page.locator(".pc-player.pc-on").wait_for(timeout=60_000)
    page.wait_for_timeout(500)
    samples = play_and_sample(page)
    # the sign regions (heatmap), the boundary (contour) and the 200 data points are on screen in every sample
    assert all(s["heat"] >= 1 and s["contour"] >= 1 and s["points"] >= 200 for s in samples), samples
    assert page.locator(".pc-forward").get_attribute("aria-label") == "Next recorded step"
    page.screenshot(path=str(SHOTS / "decision_boundaries_playing.png"), full_page=True)
    assert not exceptions(page) and not page.errors


# Records in the browser, every 50 ms, each new boundary drawn on a canvas without a player (the live
# drawing while training runs), with the time since the recorder started.
RECORD = """() => {
  window.__seen = [];
  const t0 = performance.now();
  window.__recorder = setInterval(() => {
    const p = Array.from(document.querySelectorAll('.pc-root'))
      .filter(r => !r.querySelector('.pc-player.pc-on')).map(r => r.querySelector('.pc-plot'))
      .find(p => p.querySelector('.contourlayer path'));
    const d = p && p.querySelector('.contourlayer path').getAttribute('d');
    const seen = window.__seen;
    if (d && (!seen.length || seen[seen.length - 1].d !== d)) seen.push({d, t: performance.now() - t0});
  }, 50);
}"""


def test_decision_boundaries_are_drawn_while_training(page, app_url):
    open_page(page, app_url, "decision_boundaries", "data=moons&model=mlp&n=1000&steps=5000")
    page.evaluate(RECORD)
    page.get_by_role("button", name="Train").click()
    page.locator(".pc-player.pc-on").wait_for(timeout=120_000)
    seen = page.evaluate("() => { clearInterval(window.__recorder); return window.__seen.map(s => s.t); }")
    # the boundary was drawn while training ran, and moved: several different drawings before the replay
    assert len(seen) >= 2, seen
    page.wait_for_timeout(500)
    assert page.locator(".pc-plot .heatmaplayer image, .pc-plot .hm image").count() >= 1
    page.screenshot(path=str(SHOTS / "decision_boundaries_trained.png"), full_page=True)
    assert not exceptions(page) and not page.errors


def test_training_plays_fit_path_and_loss_marker_as_one(page, app_url):
    open_page(page, app_url, "training", "listing=3.2")
    page.locator(".pc-player.pc-on").wait_for(timeout=60_000)
    samples = play_and_sample(page)
    # the loss contours of the (w, b) panel and the 100 data points stay; the loss marker moves with the step
    assert all(s["contour"] > 5 and s["points"] >= 100 for s in samples), samples
    page.locator(".pc-range").fill("10")
    page.wait_for_function(
        "() => document.querySelector('.pc-live').textContent.startsWith('step ')", timeout=5_000
    )
    marker = page.evaluate(
        "() => { const d = document.querySelector('.pc-plot')._fullData; const m = d[d.length - 1];"
        " return [m.x[0], document.querySelector('.pc-player').dataset.step]; }"
    )
    assert str(marker[0]) == marker[1]  # the marker on the loss curve sits at the step shown
    page.screenshot(path=str(SHOTS / "training_player.png"), full_page=True)
    assert not exceptions(page) and not page.errors


@pytest.fixture
def exported(tmp_path):
    fn = parse_function(PRESETS["rosenbrock"].text, 2)
    window = PRESETS["rosenbrock"].window
    runs = level_sets.race(fn.text, (-1.5, 2.5), ("sgd", "momentum", "adam"), 0.001, 199, 0.9)
    base = json.loads(figs.base_figure(grids.grid(fn, window, 100), fn.variables, "en").to_json())
    path = tmp_path / "descent.html"
    path.write_text(standalone.page(figs.canvas_figure(base, runs, window, "en")), encoding="utf-8")
    return path


def test_exported_html_plays_offline_keeping_the_level_sets_at_the_apps_speed(page, exported):
    blocked = open_offline(page, exported)
    assert page.evaluate(STEP) == "199" and page.locator(".pc-plot .contourlayer path").count() > 5
    page.locator(".pc-range").fill("0")
    page.wait_for_function(f"({STEP})() === '0'", timeout=5_000)
    started = time.time()
    samples = play_and_sample(page, ms=400, count=8)
    assert all(s["contour"] > 5 for s in samples), samples
    page.wait_for_function(f"({STEP})() === '199'", timeout=15_000)
    seconds = time.time() - started
    print(f"exported page: 200 frames played in {seconds:.1f} s")
    assert seconds <= 12, seconds  # 200 frames at the default 50 ms: about 10 s
    assert not blocked and not page.errors
    page.screenshot(path=str(SHOTS / "exported.png"))
