"""Training shown while it runs: the boundary of the latest snapshot and the loss curve, redrawn often.

A function of "the result so far" only (`show(result)`): it does not matter whether the chunk of training
came from the server thread or a worker process. The final picture is the replay's last frame: both are
drawn from the same snapshots by core.figures.classifiers.boundary_figure.
"""

from __future__ import annotations

import time

from core.figures import classifiers as figs

# Seconds between two drawings at most as often as this; the issue asks for at least every 0.5 s.
PERIOD_S = 0.3


class LiveTraining:
    """Draws a partial training result into two placeholders (`plot`, `curves`), at most every PERIOD_S."""

    def __init__(self, plot, curves, X, y, lang: str):
        self.plot, self.curves, self.X, self.y, self.lang = plot, curves, X, y, lang
        self.drawn_at, self.count = -1.0, 0

    def show(self, result, force: bool = False) -> None:
        """Draw `result` (a classifiers.TrainResult so far) unless the last drawing is very recent."""
        now = time.perf_counter()
        if not force and now - self.drawn_at < PERIOD_S:
            return
        self.drawn_at, self.count = now, self.count + 1
        last = result.snapshots[-1:], result.snapshot_steps[-1:]
        fig = figs.boundary_figure(self.X, self.y, result.model, *last, self.lang)
        # A fresh key per drawing: two drawings of one run may be identical (a converged boundary).
        self.plot.plotly_chart(fig, key=f"db_live_{self.count}", width="stretch")
        if result.losses:
            figure = figs.curves_figure(result, self.lang)
            self.curves.plotly_chart(figure, key=f"db_live_curves_{self.count}", width="stretch")
