"""Speed of the level-sets view (issue 3), with baselines measured in the same run.

1. payload: the canvas figure of 200 frames on a 100x100 grid, 3 optimizers (limit 1.5 MB), against the
   same figure with its 200 frames built on the server and sent as plotly frames, and their build time.
2. page rerun after a change of learning rate, AppTest, warm caches (limit 250 ms), against a rerun with
   nothing changed (the page's fixed cost): benchmarks/pages.py, case "level_sets".
3. drag in Chromium: 81x81 grid, 200 steps, sgd + momentum + adam on Rosenbrock, against the browser's own
   Plotly.react of the figure: release to the server's confirmed path on screen (issue 15:
   median 150 ms, p95 300 ms on a quiet machine; median 400 ms while benchmarks.load runs 30 sessions on
   the same server), and the live preview, pointer event to redrawn paths (issue 15: p50 16 ms, p95
   33 ms; the log of `ui/plotly_component_preview.js`, moves coalesced per animation frame). Both are timed
   in the page, from the event's own timeStamp to the frame painted (the component's draw log); the
   release as the test sees it, its mouse.up call to the new `data-revision` found by polling, adds the
   remote control's round trips (about 30 ms) and is reported beside it (playwright_p50_ms).
   A release reruns the canvas's fragment only (pages/level_sets.py) and the component draws the changed
   path traces over the plot before plotly.js redraws the whole figure; the records carry the stages'
   medians from the component's draw log: point sent -> figure in the component, -> on screen, and point
   sent -> plotly.js done (the next drag waits for it).
Each returns records for benchmarks/run.py; this script prints them.
Run: python -m benchmarks.level_sets [--skip-browser] [--loaded]
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from benchmarks import pages, server
from benchmarks.common import timed, within
from core import grids
from core.figures import gif, player, standalone
from core.figures import level_sets as figs
from core.figures.gif import decode
from core.functions import parse_function
from core.optimizers import Settings, descend
from core.presets import PRESETS

ROOT = Path(__file__).resolve().parents[1]

ROSENBROCK = PRESETS["rosenbrock"]
NAMES = ("sgd", "momentum", "adam")
PAYLOAD_MB, DRAG_MEDIAN_S, DRAG_P95_S, GIF_S = 1.5, 0.15, 0.3, 20.0
PREVIEW_P50_S, PREVIEW_P95_S = 0.016, 0.033
# under load: benchmarks.load's 30 sessions on the same server, the drags once they have all arrived
DRAG_LOADED_S, LOADED_SESSIONS, LOADED_ROUNDS, LOADED_SECONDS, LOADED_WARM_S = 0.4, 30, 15, 75, 15


def payload() -> dict:
    """MB of the canvas figure (200 frames, 100x100, 3 paths) vs plotly's JSON of the shared descent figure."""
    fn = parse_function(ROSENBROCK.text, 2)
    window = ROSENBROCK.window
    grid = grids.grid(fn, window, 100)
    runs = [descend(fn, ROSENBROCK.start, Settings(name, 0.001, 200, tol=0)) for name in NAMES]
    base = json.loads(figs.base_figure(grid, fn.variables, "en", ROSENBROCK.minima).to_json())
    t_ours, fig = timed(lambda: figs.canvas_figure(base, runs, window, "en"), 3)
    ours = len(json.dumps(fig))
    # Baseline: the same figure with its frames built on the server and sent as plotly frames.
    t_full, full = timed(lambda: explicit_frames(fig), 1)
    t_json, text = timed(lambda: json.dumps(full), 1)
    return within(ours / 1e6, "MB", len(text) / 1e6, PAYLOAD_MB) | {
        "frames": len(full["frames"]),
        "build_ms": round(t_ours * 1000, 1),
        "baseline_build_ms": round((t_full + t_json) * 1000, 1),
        "per_drag_MB": ours / 1e6,  # a drag sends paths only; the browser slices the frames
    }


def gif_200() -> dict:
    """Seconds to make the GIF of 200 frames on 100x100 level sets, 3 paths (budget 20 s), against the
    standalone HTML export of the same figure (the other download of the same animation)."""
    fn = parse_function(ROSENBROCK.text, 2)
    window = ROSENBROCK.window
    runs = [descend(fn, ROSENBROCK.start, Settings(name, 0.001, 199, tol=0)) for name in NAMES]
    base = json.loads(
        figs.base_figure(grids.grid(fn, window, 100), fn.variables, "en", ROSENBROCK.minima).to_json()
    )
    fig = figs.canvas_figure(base, runs, window, "en")
    t_html, _ = timed(lambda: standalone.page(fig), 1)
    t_gif, data = timed(lambda: gif.gif_bytes(fig), 1)
    return within(t_gif, "s", t_html, GIF_S) | {
        "frames": len(fig["animation"]["indices"]),
        "MB": len(data) / 1e6,
    }


def explicit_frames(fig: dict) -> dict:
    """`fig` with every frame the player plays built here, as plotly frames of float32 typed arrays."""
    spec = fig["animation"]

    def encode(update: dict) -> dict:
        return {"type": "scatter", **{k: player.f4(v) for k, v in update.items() if k in "xy"}}

    frames = [
        {
            "name": str(k),
            "traces": spec["traces"],
            "data": [encode(u) for _, u in player.frame_at(fig, k, decode)],
        }
        for k in player.play_order(spec)
    ]
    return {**fig, "frames": frames}


@functools.cache
def drag(rounds: int = 15, sessions: int = 0) -> dict:
    """{"drag_median", "drag_p95", "preview_p50", "preview_p95"}: release -> the server's path on screen in
    headless Chromium against a live server, vs the browser's own Plotly.react of the same figure (what a
    redraw by plotly.js costs). With `sessions`, benchmarks.load runs that many sessions against the same
    server meanwhile. Cached: one browser session."""
    with tempfile.TemporaryDirectory() as tmp, server.serve(Path(tmp) / "streamlit.log") as running:
        with _load(running, sessions):
            seen, log, preview, draw, server_cpu = _drags(running, rounds)
    times = _release_to_paint(log)
    if len(times) < rounds:
        raise RuntimeError(f"{rounds} drags, {len(times)} releases in the component's log")
    med, p95 = _quantiles(times)
    extra = {"rounds": rounds, "draw_ms": round(draw, 1), "server_cpu_ms": round(server_cpu * 1000, 1)}
    # the same releases timed from the test's side: its mouse.up call to the page's revision seen by polling
    extra |= {"playwright_p50_ms": round(_quantiles(seen)[0] * 1000, 1)}
    # how many releases the fast lane (ui/drop_route.py) painted first, and the rerun's own time to the page
    lane = sum(1 for e in _first_paints(log).values() if e.get("confirmed"))
    rerun = _release_to_paint([e for e in log if not e.get("confirmed")])
    extra |= {
        "fast_lane_first": f"{lane}/{len(times)}",
        "rerun_p50_ms": round(_quantiles(rerun)[0] * 1000, 1),
    }
    extra |= _stages(log) | ({"sessions": sessions} if sessions else {})
    if not preview:
        raise RuntimeError("no live preview was drawn during the drags")
    work = _quantiles([own for _, own in preview])  # the compute and draw alone, ms
    moves = {"frames": len(preview), "work_p50_ms": round(work[0], 2), "work_p95_ms": round(work[1], 2)}
    pv50, pv95 = _quantiles([ms / 1000 for ms, _ in preview])
    return {
        "drag_median": within(med, "s", draw / 1000, DRAG_MEDIAN_S) | extra | {"ms": round(med * 1000, 1)},
        "drag_p95": within(p95, "s", draw / 1000, DRAG_P95_S) | extra | {"ms": round(p95 * 1000, 1)},
        "preview_p50": within(pv50, "s", draw / 1000, PREVIEW_P50_S)
        | extra
        | moves
        | {"ms": round(pv50 * 1e3, 1)},
        "preview_p95": within(pv95, "s", draw / 1000, PREVIEW_P95_S)
        | extra
        | moves
        | {"ms": round(pv95 * 1e3, 1)},
    }


def drag_loaded() -> dict:
    """Release -> the server's path on screen, median, while 30 sessions of benchmarks.load use the same
    server (issue 15: 400 ms)."""
    record = drag(LOADED_ROUNDS, LOADED_SESSIONS)["drag_median"]
    return record | within(record["value"], "s", record["baseline"], DRAG_LOADED_S)


@contextlib.contextmanager
def _load(running, sessions: int):
    """benchmarks.load's sessions against `running` on a thread of their own while the block runs (its
    warm-up and ramp first); nothing when `sessions` is 0."""
    if not sessions:
        yield
        return
    from benchmarks import load

    args = load.arguments(["--sessions", str(sessions), "--seconds", str(LOADED_SECONDS)])
    args.pid.append(running.pid)
    thread = threading.Thread(target=load.run_async, args=(load.run(running.url, args),), daemon=True)
    thread.start()
    time.sleep(LOADED_WARM_S)
    try:
        yield
    finally:
        thread.join()


def _drags(running, rounds: int):
    """(release -> revision times in s, the component's draw log, the preview's log, Plotly.react ms,
    server CPU s per drag) of `rounds` drags on the Rosenbrock race."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(
            f"{running.url}/level_sets?f=rosenbrock&x0=-1.5&y0=2.5&opt={','.join(NAMES)}&steps=200&lr=0.001",
            timeout=120_000,
        )
        page.locator(".pc-handle").wait_for(state="visible", timeout=120_000)
        page.wait_for_timeout(1500)
        box = page.locator(".pc-plot .nsewdrag").first.bounding_box()
        times, cpu0 = [], server.cpu_seconds(running.pid)
        for i in range(rounds):
            handle = page.locator(".pc-handle").bounding_box()
            fx, fy = 0.15 + 0.7 * ((i * 0.37) % 1), 0.15 + 0.7 * ((i * 0.61) % 1)
            target = (box["x"] + fx * box["width"], box["y"] + fy * box["height"])
            old = page.get_attribute(".pc-root", "data-revision")
            page.mouse.move(handle["x"] + 11, handle["y"] + 11)
            page.mouse.down()
            page.mouse.move(*target, steps=20)
            start = time.perf_counter()
            page.mouse.up()
            page.wait_for_function(
                "o => document.querySelector('.pc-root').dataset.revision !== o",
                arg=old,
                timeout=60_000,
                polling=5,
            )
            times.append(time.perf_counter() - start)
            # the next drag once plotly.js has caught up, as a student's next drag comes
            page.wait_for_function(
                "() => { const r = document.querySelector('.pc-root').dataset;"
                " return r.plotted === r.revision; }",
                timeout=60_000,
            )
            page.wait_for_timeout(200)
        server_cpu = (server.cpu_seconds(running.pid) - cpu0) / rounds
        state = "() => document.querySelector('.pc-root').parentElement.__pc"
        preview = page.evaluate(f"() => ({state})().pv.log.slice()")
        log = page.evaluate(f"() => ({state})().log.filter(e => e.sent !== undefined)")
        draw = page.evaluate(
            """async () => { const gd = document.querySelector('.pc-plot'); const t = [];
               for (let i = 0; i < 5; i++) { const s = performance.now();
                 await Plotly.react(gd, {data: gd.data.map(d => ({...d})), layout: {...gd.layout},
                                         frames: gd._transitionData._frames});
                 t.push(performance.now() - s); }
               return Math.min(...t); }"""
        )
        browser.close()
    return times, log, preview, draw, server_cpu


def _release_to_paint(log: list[dict]) -> list[float]:
    """Seconds from each release event (its own timeStamp) to the frame painted with the server's path: one
    per release, from the first draw that painted it."""
    return [(e["painted"] - sent) / 1000 for sent, e in _first_paints(log).items()]


def _first_paints(log: list[dict]) -> dict:
    """Each release's (by its `sent` time) first draw record that painted: the fast lane's or the rerun's."""
    first = {}
    for e in log:
        if e.get("painted") is not None and e["sent"] not in first:
            first[e["sent"]] = e
    return first


def _stages(log: list[dict]) -> dict:
    """Medians of a release's stages, ms, from the component's draw log (ui/plotly_component.js `timing`):
    point sent -> figure in the component (server rerun, websocket, Streamlit's frontend), -> the server's
    path on screen, and point sent -> plotly.js holding it."""
    done = [e for e in log if e.get("drawn") is not None and e.get("plotted") is not None]
    if not done:
        return {}

    def med(key: str, since: str) -> float:
        return round(statistics.median(e[key] - e[since] for e in done), 1)

    return {
        "to_component_ms": med("arrived", "sent"),
        "on_screen_ms": med("drawn", "arrived"),
        "plotly_done_ms": med("plotted", "sent"),
    }


def _quantiles(values) -> tuple[float, float]:
    """(median, 95th percentile) of a sample."""
    ordered = sorted(values)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def verdict(r: dict) -> str:
    return "OK" if r["ok"] else "FAIL"


if __name__ == "__main__":
    import torch

    torch.set_num_threads(1)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    p = payload()
    print(f"payload, {p['frames']} frames, 100x100 grid, 3 paths of 200 steps")
    print(
        f"  canvas figure (dicts)      {p['value']:6.3f} MB  built in {p['build_ms']:7.1f} ms"
        f"   (limit {PAYLOAD_MB} MB: {verdict(p)})"
    )
    print(
        f"  baseline: frames built here {p['baseline']:6.3f} MB  built in {p['baseline_build_ms']:7.1f} ms"
        f"   (ratio size {p['ratio']:.2f}, time {p['build_ms'] / p['baseline_build_ms']:.3f})"
    )
    print(f"  sent per drag (compact: frames sliced in the browser) {p['per_drag_MB']:6.3f} MB")
    print(pages.describe("level_sets", pages.rerun("level_sets")))
    if "--skip-browser" not in sys.argv:
        d = drag()
        med, p95 = d["drag_median"], d["drag_p95"]
        print(
            f"drag release -> redrawn path in Chromium ({med['rounds']} drags, Rosenbrock 81x81, 200 steps, "
            "3 optimizers)"
        )
        print(
            f"  median {med['ms']:7.1f} ms ({DRAG_MEDIAN_S * 1000:.0f} ms: {verdict(med)}), "
            f"p95 {p95['ms']:7.1f} ms ({DRAG_P95_S * 1000:.0f} ms: {verdict(p95)})"
        )
        pv50, pv95 = d["preview_p50"], d["preview_p95"]
        print(
            f"live preview, pointer event -> redrawn paths ({pv50['frames']} frames): median {pv50['ms']:6.1f} ms "
            f"({PREVIEW_P50_S * 1000:.0f} ms: {verdict(pv50)}), p95 {pv95['ms']:6.1f} ms "
            f"({PREVIEW_P95_S * 1000:.0f} ms: {verdict(pv95)}); of which paths computed and drawn "
            f"{pv50['work_p50_ms']} ms median, {pv50['work_p95_ms']} ms p95"
        )
        print(
            f"  stages (medians): point sent -> figure in the component {med['to_component_ms']} ms, "
            f"-> on screen {med['on_screen_ms']} ms; point sent -> plotly.js done {med['plotly_done_ms']} ms"
        )
        print(f"  server CPU per drag {med['server_cpu_ms']:7.1f} ms (rerun, 3 x 200 steps, figure, send)")
        print(
            f"  baseline: Plotly.react of the same figure alone {med['draw_ms']:7.1f} ms (x{med['ratio']:.2f})"
        )
    if "--loaded" in sys.argv:
        r = drag_loaded()
        print(
            f"drag release -> path on screen beside {r['sessions']} sessions of benchmarks.load: median "
            f"{r['ms']:7.1f} ms ({DRAG_LOADED_S * 1000:.0f} ms: {verdict(r)}); point sent -> figure in the "
            f"component {r['to_component_ms']} ms"
        )
