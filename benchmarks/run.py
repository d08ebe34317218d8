"""Run the benchmarks: `python benchmarks/run.py [--json]`.

The core benchmarks return records {value, unit, baseline, ratio, limit, ok} measured against a baseline
taken in the same run (shared machines are noisy: a ratio holds, an absolute time does not). With
`--json` only those are printed, as one JSON object; without it, each view's own benchmark script runs
after them and prints its figures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

VIEW_SCRIPTS = ["level_sets", "surfaces_3d", "decision_boundaries", "taylor", "training", "convexity"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the core records as one JSON object")
    args = parser.parse_args()
    import torch

    from benchmarks.core import BENCHMARKS

    torch.set_num_threads(1)  # as the app runs it: many sessions share the cores
    results = {name: bench() for name, bench in BENCHMARKS.items()}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0 if all(r["ok"] for r in results.values()) else 1
    for name, r in results.items():
        verdict = "ok" if r["ok"] else "SLOW"
        print(
            f"{name:30s} {r['value']:.4g} {r['unit']}  baseline {r['baseline']:.4g}  "
            f"ratio {r['ratio']:.3g} (limit {r['limit']:.3g})  {verdict}"
        )
    for view in VIEW_SCRIPTS:
        script = ROOT / "benchmarks" / f"{view}.py"
        if script.exists():
            print(f"\n== {view}", flush=True)
            subprocess.run([sys.executable, str(script)], cwd=ROOT, check=False)
    return 0


if __name__ == "__main__":
    sys.exit(main())
