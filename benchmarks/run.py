"""Run every benchmark in one process: `python -m benchmarks.run [--json] [name ...]`.

Each benchmark returns a record {value, unit, baseline, ratio, limit, ok, ...} measured against a baseline
taken in the same run (shared machines are noisy: a ratio holds, an absolute time does not). `limit` bounds
the ratio; where an issue sets an absolute budget, the record also carries `budget` and its limit is
budget / baseline, so `ok` means "within budget" (benchmarks.common.within). With `--json` the records are
printed as one JSON object, otherwise as a table; the exit status is 1 when a record is not ok (or failed).
Each record also carries `load`, the machine's load average when it finished.
The per-view scripts (benchmarks/level_sets.py, ...) print the same records in words, with more detail.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import sys
import traceback
from pathlib import Path

from benchmarks import convexity, core, decision_boundaries, heavy, level_sets, pages, surfaces_3d, training

ROOT = Path(__file__).resolve().parent.parent


def rerun(page: str):
    return lambda: pages.rerun(page)


BENCHMARKS = {
    **core.BENCHMARKS,  # grid_400x400, batched_descent_65536x200
    **{f"rerun_{page}": rerun(page) for page in pages.CASES},
    "payload_level_sets_200x100x100": level_sets.payload,
    "payload_surface_150x150": surfaces_3d.payload,
    "isosurfaces_40x40x40": surfaces_3d.isosurfaces,
    "hypersphere_1000x500": decision_boundaries.hypersphere,
    "live_training_1000x3000": decision_boundaries.live_training,
    "gif_200x100x100": level_sets.gif_200,
    "gif_surface_200x150x150": surfaces_3d.gif_200,
    "listing_3.4_200000": training.listing_34,
    "basins_256x256x300": convexity.basins_256,
    "light_beside_3_heavy": heavy.light_beside_heavy,  # issue 16: <= 1.3 with the worker pool
    "drag_median": lambda: level_sets.drag()["drag_median"],  # one browser session serves both
    "drag_p95": lambda: level_sets.drag()["drag_p95"],
    "drag_preview_p50": lambda: level_sets.drag()["preview_p50"],
    "drag_preview_p95": lambda: level_sets.drag()["preview_p95"],
    "drag_median_30_sessions": level_sets.drag_loaded,  # issue 15: 400 ms beside benchmarks.load
}
REQUIRED = ("value", "unit", "baseline", "ratio", "limit", "ok")


def failed(err: BaseException) -> dict:
    """The record of a benchmark that raised: not ok, no numbers, the error in one line."""
    return {
        "value": None,
        "unit": "",
        "baseline": None,
        "ratio": None,
        "limit": None,
        "ok": False,
        "error": f"{type(err).__name__}: {err}",
    }


def run(names) -> dict:
    results = {}
    for name in names:
        try:
            results[name] = BENCHMARKS[name]()
            results[name]["load"] = round(os.getloadavg()[0], 1)  # absolute figures depend on it, ratios less
        except Exception as err:  # one broken benchmark must not hide the others
            traceback.print_exc()
            results[name] = failed(err)
    return results


def quantity(value, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 10 else f"{value:.2f} s"
    return f"{value:.4g} {unit}"


def table(results: dict) -> str:
    lines = [
        f"{'benchmark':32s} {'value':>11s} {'baseline':>11s} {'ratio':>8s} {'limit':>8s} {'budget':>9s}  ok"
    ]
    for name, r in results.items():
        ratio, limit = (f"{r[k]:.3g}" if isinstance(r[k], float | int) else "-" for k in ("ratio", "limit"))
        lines.append(
            f"{name:32s} {quantity(r['value'], r['unit']):>11s} {quantity(r['baseline'], r['unit']):>11s} "
            f"{ratio:>8s} {limit:>8s} {quantity(r.get('budget'), r['unit']):>9s}  "
            + ("ok" if r["ok"] else f"NO {r.get('error', '')}")
        )
    return "\n".join(lines)


def finite(value):
    """A value for strict JSON: a float that is not finite becomes null."""
    return value if not isinstance(value, float) or math.isfinite(value) else None


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the records as one JSON object")
    parser.add_argument("names", nargs="*", help="run only these (default: all)")
    args = parser.parse_args(argv)
    if unknown := [n for n in args.names if n not in BENCHMARKS]:
        parser.error(f"unknown benchmark {', '.join(unknown)}; known: {', '.join(BENCHMARKS)}")
    import torch

    torch.set_num_threads(1)  # as the app runs it: many sessions share the cores
    results = run(args.names or list(BENCHMARKS))
    ok = all(r["ok"] for r in results.values())
    if args.json:
        print(json.dumps({n: {k: finite(v) for k, v in r.items()} for n, r in results.items()}, indent=2))
    else:
        print(table(results))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
