"""Speed of the level-sets view (issue 3), with baselines measured in the same run.

1. payload: the canvas figure of 200 frames on a 100x100 grid, 3 optimizers (limit 1.5 MB), against the
   shared `descent_figure` serialised by plotly (what `st.plotly_chart` would send) and its build time.
2. page rerun after a change of learning rate, AppTest, warm caches (limit 250 ms), against a rerun with
   nothing changed (the page's fixed cost).
3. drag release to redrawn path in Chromium: 81x81 grid, 200 steps, sgd + momentum + adam on Rosenbrock
   (limit: median 300 ms), against the browser's own Plotly.react of the same figure.
Run: .venv/bin/python benchmarks/level_sets.py [--skip-browser]
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.common import timed  # noqa: E402
from core import grids  # noqa: E402
from core.figures import descent  # noqa: E402
from core.figures import level_sets as figs  # noqa: E402
from core.functions import parse_function  # noqa: E402
from core.optimizers import Settings, descend  # noqa: E402
from core.presets import PRESETS  # noqa: E402

ROSENBROCK = PRESETS["rosenbrock"]
NAMES = ("sgd", "momentum", "adam")


def payload() -> None:
    fn = parse_function(ROSENBROCK.text, 2)
    window = ROSENBROCK.window
    grid = grids.grid(fn, window, 100)
    runs = [descend(fn, ROSENBROCK.start, Settings(name, 0.001, 200, tol=0)) for name in NAMES]
    base = json.loads(figs.base_figure(grid, fn.variables, "en", ROSENBROCK.minima).to_json())
    t_ours, fig = timed(lambda: figs.canvas_figure(base, runs, window, "en"), 3)
    ours = len(json.dumps(fig))
    t_shared, shared = timed(
        lambda: descent.descent_figure(grid, runs, fn.variables, "en", ROSENBROCK.minima), 1
    )
    t_json, text = timed(lambda: shared.to_json(), 1)
    print(f"payload, {len(fig['frames'])} frames, 100x100 grid, 3 paths of 200 steps")
    print(
        f"  canvas figure (dicts)      {ours / 1e6:6.3f} MB  built in {t_ours * 1000:7.1f} ms"
        f"   (limit 1.5 MB: {'OK' if ours < 1.5e6 else 'FAIL'})"
    )
    print(
        f"  baseline descent_figure    {len(text) / 1e6:6.3f} MB  built in {(t_shared + t_json) * 1000:7.1f} ms"
        f"   (ratio size {ours / len(text):.2f}, time {t_ours / (t_shared + t_json):.3f})"
    )
    compact = len(json.dumps(figs.canvas_figure(base, runs, window, "en", compact=True)))
    print(f"  sent per drag (compact: frames sliced in the browser) {compact / 1e6:6.3f} MB")


def rerun() -> None:
    from streamlit.testing.v1 import AppTest

    parse_function(ROSENBROCK.text, 2)  # start the sandbox outside a script run
    at = AppTest.from_file(str(ROOT / "pages" / "level_sets.py"), default_timeout=120)
    at.query_params.update(f="rosenbrock", x0="-1.5", y0="2.5", opt=",".join(NAMES), steps="200", lr="0.001")
    at.run()
    assert not at.exception, at.exception
    still, changed, cpu = [], [], []
    for value in (0.0015, 0.002, 0.003, 0.0007, 0.0005, 0.0003, 0.0002, 0.00015, 0.0001, 0.005):
        start = time.perf_counter()
        at.run()
        still.append(time.perf_counter() - start)
        start, cpu0 = time.perf_counter(), time.process_time()
        at.select_slider(key="ls_lr").set_value(value).run()
        changed.append(time.perf_counter() - start)
        cpu.append(time.process_time() - cpu0)  # CPU seconds: less distorted by a crowded machine
        assert not at.exception
    med, base = statistics.median(changed), statistics.median(still)
    print("page rerun (AppTest, warm grid cache; each new lr computes 3 x 200 steps afresh)")
    print(f"  rerun, nothing changed     {base * 1000:7.1f} ms median")
    print(
        f"  rerun after a new lr       {med * 1000:7.1f} ms median, max {max(changed) * 1000:.1f} ms"
        f"   (x{med / base:.2f}; limit 250 ms: {'OK' if med < 0.25 else 'FAIL'})"
    )
    print(
        f"  CPU time of that rerun     {statistics.median(cpu) * 1000:7.1f} ms median (all threads of the process)"
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def drag(rounds: int = 15) -> None:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",  # other people's edits must not cost this server CPU
            "none",
        ],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                urllib.request.urlopen(url + "/_stcore/health", timeout=2)
                break
            except OSError:
                time.sleep(0.3)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=shutil.which("chromium"), args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(
                f"{url}/level_sets?f=rosenbrock&x0=-1.5&y0=2.5&opt={','.join(NAMES)}&steps=200&lr=0.001"
            )
            page.locator(".pc-handle").wait_for(state="visible", timeout=120_000)
            page.wait_for_timeout(1500)
            box = page.locator(".pc-plot .nsewdrag").first.bounding_box()
            times, cpu0 = [], _cpu_seconds(server.pid)
            for i in range(rounds):
                handle = page.locator(".pc-handle").bounding_box()
                fx, fy = 0.15 + 0.7 * ((i * 0.37) % 1), 0.15 + 0.7 * ((i * 0.61) % 1)
                target = (box["x"] + fx * box["width"], box["y"] + fy * box["height"])
                old = page.get_attribute(".pc-root", "data-revision")
                page.mouse.move(handle["x"] + 11, handle["y"] + 11)
                page.mouse.down()
                page.mouse.move(*target, steps=5)
                start = time.perf_counter()
                page.mouse.up()
                page.wait_for_function(
                    "o => document.querySelector('.pc-root').dataset.revision !== o",
                    arg=old,
                    timeout=60_000,
                    polling=5,
                )
                times.append(time.perf_counter() - start)
                page.wait_for_timeout(200)
            server_cpu = (_cpu_seconds(server.pid) - cpu0) / rounds
            draw = page.evaluate(
                """async () => { const gd = document.querySelector('.pc-plot'); const t = [];
                   for (let i = 0; i < 5; i++) { const s = performance.now();
                     await Plotly.react(gd, {data: gd.data.map(d => ({...d})), layout: {...gd.layout},
                                             frames: gd._transitionData._frames});
                     t.push(performance.now() - s); }
                   return Math.min(...t); }"""
            )
            browser.close()
    finally:
        server.terminate()
        server.wait(10)
    times.sort()
    med, p95 = statistics.median(times), times[min(len(times) - 1, int(0.95 * len(times)))]
    print(
        f"drag release -> redrawn path in Chromium ({rounds} drags, Rosenbrock 81x81, 200 steps, 3 optimizers)"
    )
    print(
        f"  median {med * 1000:7.1f} ms, p95 {p95 * 1000:7.1f} ms   (limit median 300 ms: "
        f"{'OK' if med < 0.3 else 'FAIL'})"
    )
    print(f"  server CPU per drag {server_cpu * 1000:7.1f} ms (rerun, 3 x 200 steps, figure, send)")
    print(f"  baseline: Plotly.react of the same figure alone {draw:7.1f} ms (x{med * 1000 / draw:.2f})")


if __name__ == "__main__":
    import torch

    torch.set_num_threads(1)
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    payload()
    rerun()
    if "--skip-browser" not in sys.argv:
        drag()
