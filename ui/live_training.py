"""Training shown while it runs: the boundary of the latest snapshot and the loss curve, redrawn often.

A function of "the result so far" only (`show(result)`): it does not matter whether the chunk of training
came from the server thread or a worker process. The final picture is the replay's last frame: both are
drawn from the same snapshots by core.figures.classifiers.boundary_figure.
"""

from __future__ import annotations

from core.figures import classifiers as figs
from ui.plotly_component import plotly_canvas


class LiveTraining:
    """Draws a partial training result into two placeholders (`plot`, `curves`) when figs.LiveClock says."""

    def __init__(self, plot, curves, X, y, lang: str):
        self.plot, self.curves, self.X, self.y, self.lang = plot, curves, X, y, lang
        self.clock, self.count = figs.LiveClock(), 0

    def show(self, result) -> None:
        """Draw `result` (a classifiers.TrainResult so far) if it is time to."""
        if not self.clock.due():
            return
        self.count += 1
        fig = figs.live_boundary(self.X, self.y, result, self.lang)
        # On the canvas, whose code and plotly.js the page has loaded already (st.plotly_chart may still be
        # fetching its bundle when a short training ends). A fresh key per drawing: a key is used once a run.
        with self.plot.container():
            plotly_canvas(fig, key=f"db_live_{self.count}", table_toggle=False)
        if result.losses:
            with self.curves.container():
                curves = figs.curves_figure(result, self.lang)
                plotly_canvas(curves, key=f"db_live_curves_{self.count}", table_toggle=False)
