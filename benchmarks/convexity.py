"""Speed of the convexity view (issue 8), with a baseline measured in the same run.

Basins of attraction of Himmelblau: 256 x 256 starts x 300 steps of SGD (lr 0.01, the preset's), batched by
`core.critical_points.basins` (limit: 5 s), against a Python loop of single `core.optimizers.descend` runs
on a sample of starts, scaled to the whole grid. The progress callback is counted to show the bar moves.
Also: the critical points of Himmelblau (sympy in the sandbox + Newton), and the page's default 128 x 128 map.
Run: .venv/bin/python benchmarks/convexity.py
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from benchmarks.common import record, timed  # noqa: E402
from core import critical_points as cp  # noqa: E402
from core.functions import parse_function  # noqa: E402
from core.optimizers import Settings, descend  # noqa: E402
from core.presets import PRESETS  # noqa: E402

HIMMELBLAU = PRESETS["himmelblau"]
LIMIT_SECONDS = 5.0
SAMPLE = 64  # single descents timed for the baseline


def main() -> dict:
    fn = parse_function(HIMMELBLAU.text, 2)
    t_critical, points = timed(lambda: cp.critical_points(fn, HIMMELBLAU.window))
    minima = cp.minima(points)
    print(f"critical points of Himmelblau: {len(points)} found in {t_critical:.2f} s "
          f"({', '.join(sorted({c.source for c in points}))})")  # fmt: skip
    settings = Settings("sgd", HIMMELBLAU.lr, 300)
    calls = []
    runs = {}
    for res in (128, 256):
        best = None
        for _ in range(2):  # best of two: the machine is shared
            calls.clear()
            t, b = timed(
                lambda r=res: cp.basins(
                    fn, HIMMELBLAU.window, settings, r, minima, lambda k, n: calls.append(k)
                )
            )
            best = t if best is None else min(best, t)
        runs[res] = (best, b)
        share = 100 * (b.labels >= 0).mean()
        print(f"basins {res} x {res} starts x 300 steps (sgd): {best:.2f} s, {share:.1f}% of starts reach a "
              f"minimum, progress called {len(calls)} times")  # fmt: skip

    for name, lr in (("sgd", HIMMELBLAU.lr), ("adam", 0.1)):  # tol = 0: every one of the 300 steps is taken
        full = Settings(name, lr, 300, tol=0.0)
        t, b = timed(
            lambda s=full: cp.basins(fn, HIMMELBLAU.window, s, 256, minima, lambda k, n: calls.append(k))
        )
        print(f"basins 256 x 256 x all 300 steps ({name}, lr {lr}, no early stop): {t:.2f} s")

    _, _, starts = cp.grid_starts(HIMMELBLAU.window, 256)
    sample = starts[np.random.default_rng(0).choice(len(starts), SAMPLE, replace=False)]
    t_loop, _ = timed(lambda: [descend(fn, s, settings) for s in sample])
    baseline = t_loop * len(starts) / SAMPLE
    t256 = runs[256][0]
    print(f"baseline: Python loop of single descents, {SAMPLE} starts in {t_loop:.2f} s, scaled to "
          f"{len(starts)} starts: {baseline:.0f} s")  # fmt: skip
    result = record(t256, "s", baseline, LIMIT_SECONDS / baseline)
    verdict = "OK" if t256 < LIMIT_SECONDS else "TOO SLOW"
    print(f"basins 256x256x300: {t256:.2f} s (limit {LIMIT_SECONDS} s): {verdict}; "
          f"{baseline / t256:.0f}x faster than the loop")  # fmt: skip
    return result


if __name__ == "__main__":
    main()
