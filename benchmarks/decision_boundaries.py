"""Speed of the decision-boundaries view: hypersphere on 1,000 points, 500 steps, with the animation.

Requirement (issue 5): training plus building the animated figure under 2 s. Prints each stage, the
payload sent to the browser, and the ratio to a baseline measured in the same run: the bare gradient-descent
loop with the hand-written gradient (no autograd, no snapshots, no figure).
Run: .venv/bin/python benchmarks/decision_boundaries.py
"""

from __future__ import annotations

import sys
from pathlib import Path

import plotly.io
import torch

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import timed  # noqa: E402
from core import classifiers, datasets  # noqa: E402
from core.figures import classifiers as figs  # noqa: E402

N, STEPS, LR, REPEATS = 1000, 500, 0.05, 3


def baseline(X, y):
    """Bare GD with the closed-form gradient: the least any training loop must do."""
    model = classifiers.build("hypersphere", 0)
    Xt, yt = torch.as_tensor(X), torch.as_tensor(y)
    with torch.no_grad():
        for _ in range(STEPS):
            grads = classifiers.hand_gradient(model, "squared", Xt, yt)
            for name, p in model.named_parameters():
                p -= LR * grads[name]
    return model


def main() -> None:
    torch.set_num_threads(1)
    X, y = datasets.make("ring", N, 0.2, 0)
    t_base, _ = timed(lambda: baseline(X, y), REPEATS)
    t_train, run = timed(lambda: classifiers.train("hypersphere", X, y, lr=LR, steps=STEPS, seed=0), REPEATS)
    t_fig, fig = timed(
        lambda: figs.boundary_figure(X, y, "hypersphere", run.snapshots, run.snapshot_steps), REPEATS
    )
    t_json, payload = timed(
        lambda: plotly.io.to_json(fig, validate=False), REPEATS
    )  # what st.plotly_chart sends
    total = t_train + t_fig + t_json
    print(f"hypersphere, {N} points, {STEPS} steps, {len(fig.frames)} frames of a 60x60 grid")
    print(f"  baseline bare GD loop   {t_base * 1000:8.1f} ms")
    print(f"  train (autograd, snaps) {t_train * 1000:8.1f} ms   x{t_train / t_base:.2f} of baseline")
    print(f"  animated figure         {t_fig * 1000:8.1f} ms")
    print(f"  figure to JSON          {t_json * 1000:8.1f} ms   payload {len(payload) / 1e6:.2f} MB")
    print(
        f"  total                   {total * 1000:8.1f} ms   (requirement < 2000 ms: {'OK' if total < 2 else 'FAIL'})"
    )
    print(f"  final accuracy {run.accuracies[-1]:.3f}, loss {run.losses[-1]:.4f}")


if __name__ == "__main__":
    main()
