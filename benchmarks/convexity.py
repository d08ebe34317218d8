"""Speed of the convexity view (issue 8), with a baseline measured in the same run.

Basins of attraction of Himmelblau: 256 x 256 starts x 300 steps of SGD (lr 0.01, the preset's), batched by
`core.critical_points.basins` (limit: 5 s), against a Python loop of single `core.optimizers.descend` runs
on a sample of starts, scaled to the whole grid. The progress callback is counted to show the bar moves.
Also: the critical points of Himmelblau (sympy in the sandbox + Newton), and the page's default 128 x 128 map.
`basins_256()` returns the record for benchmarks/run.py; this script prints it with the rest.
Run: python -m benchmarks.convexity
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from benchmarks.common import timed, within
from core import critical_points as cp
from core.functions import parse_function
from core.optimizers import Settings, descend
from core.presets import PRESETS

ROOT = Path(__file__).resolve().parents[1]

HIMMELBLAU = PRESETS["himmelblau"]
LIMIT_SECONDS = 5.0
SAMPLE = 64  # single descents timed for the baseline


def basins_map(fn, settings: Settings, res: int, minima, repeat: int = 2):
    """(best of `repeat` seconds, the Basins, progress calls of the last run) for one map."""
    calls = []

    def run():
        calls.clear()
        return cp.basins(fn, HIMMELBLAU.window, settings, res, minima, lambda k, n: calls.append(k))

    t, b = timed(run, repeat)  # best of two by default: the machine is shared
    return t, b, len(calls)


def basins_256() -> dict:
    """Seconds for the 256x256x300 sgd basins map (limit 5 s) vs a Python loop of single descents, sampled."""
    fn = parse_function(HIMMELBLAU.text, 2)
    minima = cp.minima(cp.critical_points(fn, HIMMELBLAU.window))
    settings = Settings("sgd", HIMMELBLAU.lr, 300)
    t256, b, calls = basins_map(fn, settings, 256, minima)
    _, _, starts = cp.grid_starts(HIMMELBLAU.window, 256)
    sample = starts[np.random.default_rng(0).choice(len(starts), SAMPLE, replace=False)]
    t_loop, _ = timed(lambda: [descend(fn, s, settings) for s in sample])
    return within(t256, "s", t_loop * len(starts) / SAMPLE, LIMIT_SECONDS) | {
        "speedup": t_loop * len(starts) / SAMPLE / t256,
        "sample": SAMPLE,
        "reached_percent": float(100 * (b.labels >= 0).mean()),
        "progress_calls": calls,
    }


def main() -> dict:
    fn = parse_function(HIMMELBLAU.text, 2)
    t_critical, points = timed(lambda: cp.critical_points(fn, HIMMELBLAU.window))
    minima = cp.minima(points)
    print(
        f"critical points of Himmelblau: {len(points)} found in {t_critical:.2f} s "
        f"({', '.join(sorted({c.source for c in points}))})"
    )
    settings = Settings("sgd", HIMMELBLAU.lr, 300)
    t, b, calls = basins_map(fn, settings, 128, minima)
    print(
        f"basins 128 x 128 starts x 300 steps (sgd): {t:.2f} s, {100 * (b.labels >= 0).mean():.1f}% of starts "
        f"reach a minimum, progress called {calls} times"
    )
    r = basins_256()
    print(
        f"basins 256 x 256 starts x 300 steps (sgd): {r['value']:.2f} s, {r['reached_percent']:.1f}% of starts "
        f"reach a minimum, progress called {r['progress_calls']} times"
    )
    for name, lr in (("sgd", HIMMELBLAU.lr), ("adam", 0.1)):  # tol = 0: every one of the 300 steps is taken
        t, _, _ = basins_map(fn, Settings(name, lr, 300, tol=0.0), 256, minima, repeat=1)
        print(f"basins 256 x 256 x all 300 steps ({name}, lr {lr}, no early stop): {t:.2f} s")
    print(
        f"baseline: Python loop of single descents on {SAMPLE} starts, scaled to 256 x 256 starts: "
        f"{r['baseline']:.0f} s"
    )
    verdict = "OK" if r["ok"] else "TOO SLOW"
    print(
        f"basins 256x256x300: {r['value']:.2f} s (limit {LIMIT_SECONDS} s): {verdict}; "
        f"{r['speedup']:.0f}x faster than the loop"
    )
    return r


if __name__ == "__main__":
    main()
